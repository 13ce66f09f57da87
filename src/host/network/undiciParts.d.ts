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
