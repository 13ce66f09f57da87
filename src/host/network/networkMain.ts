// The Node-only network bundle (dist/network.js): undici's Agent and ProxyAgent, loaded only
// when a request needs a proxy or extra certificates, never at activation nor for a plain
// request, and never in a browser bundle. It builds dispatchers; the rules of which one a
// request needs are in proxyRules.ts and requestNetwork.ts.

import type { Dispatcher } from 'undici';
import Agent from 'undici/lib/dispatcher/agent.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';

export interface DispatcherSpec {
  /** The proxy's URL (credentials in it become Basic proxy authentication); none: direct. */
  proxy?: string;
  /** The certificates trusted, for the server and an https proxy; none: Node's defaults. */
  ca?: readonly string[];
  /** `http.proxyStrictSSL`; applies only to connections made through the proxy. */
  strictSsl: boolean;
}

/** A dispatcher for fetch's `dispatcher` option, built for one spec (the caller keeps and closes it). */
export function createDispatcher(spec: DispatcherSpec): Dispatcher {
  const ca = spec.ca ? [...spec.ca] : undefined;
  if (spec.proxy === undefined) return new Agent({ connect: ca ? { ca } : {} });
  // A corporate proxy that re-signs TLS is allowed to, when the user turned strict checking off.
  const tls = { ...(ca ? { ca } : {}), ...(spec.strictSsl ? {} : { rejectUnauthorized: false }) };
  return new ProxyAgent({ uri: spec.proxy, requestTls: tls, proxyTls: tls });
}
