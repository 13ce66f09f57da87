// The Node-only network bundle (dist/network.js): undici's Agent and ProxyAgent, loaded only
// when a request needs a proxy or extra certificates, never at activation nor for a plain
// request, and never in a browser bundle. It builds dispatchers; the rules of which one a
// request needs are in proxyRules.ts and requestNetwork.ts.

import type { Dispatcher as DispatcherType } from 'undici';
import connect from 'undici/lib/api/api-connect.js';
import request from 'undici/lib/api/api-request.js';
import Agent from 'undici/lib/dispatcher/agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';

// undici's index adds its API methods to every dispatcher; ProxyAgent needs `connect` (the
// CONNECT to the proxy) and images use `request`, so these two are added the same way.
Object.assign(Dispatcher.prototype, { connect, request });

export interface DispatcherSpec {
  /** The proxy's URL (credentials in it become Basic proxy authentication); none: direct. */
  proxy?: string;
  /** The certificates trusted, for the server and an https proxy; none: Node's defaults. */
  ca?: readonly string[];
  /** `http.proxyStrictSSL`; applies only to connections made through the proxy. */
  strictSsl: boolean;
  /**
   * The TLS server name when requests name the server by address (an image fetched through the
   * proxy is pinned to the address checked on this machine; its certificate is for the name).
   */
  servername?: string;
}

/** A dispatcher for fetch's `dispatcher` option, built for one spec (the caller keeps and closes it). */
export function createDispatcher(spec: DispatcherSpec): DispatcherType {
  const ca = spec.ca ? [...spec.ca] : undefined;
  if (spec.proxy === undefined) return new Agent({ connect: ca ? { ca } : {} });
  // A corporate proxy that re-signs TLS is allowed to, when the user turned strict checking off.
  const tls = { ...(ca ? { ca } : {}), ...(spec.strictSsl ? {} : { rejectUnauthorized: false }) };
  const requestTls = spec.servername ? { ...tls, servername: spec.servername } : tls;
  return new ProxyAgent({ uri: spec.proxy, requestTls, proxyTls: tls });
}
