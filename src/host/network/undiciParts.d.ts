// Only undici's two dispatchers are bundled (its index pulls in fetch, WebSocket, caches… and
// would more than double the package): these deep paths are typed as the package's own classes.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export = Agent;
}
declare module 'undici/lib/dispatcher/proxy-agent.js' {
  import { ProxyAgent } from 'undici';
  export = ProxyAgent;
}
declare module 'undici/lib/dispatcher/dispatcher.js' {
  import { Dispatcher } from 'undici';
  export = Dispatcher;
}
declare module 'undici/lib/api/api-connect.js' {
  import { Dispatcher } from 'undici';
  const connect: Dispatcher['connect'];
  export = connect;
}
declare module 'undici/lib/api/api-request.js' {
  import { Dispatcher } from 'undici';
  const request: Dispatcher['request'];
  export = request;
}
