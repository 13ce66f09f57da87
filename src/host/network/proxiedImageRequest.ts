// An answer's image through the proxy, without losing the rule that keeps images off the user's
// machine and network. A proxy resolves names itself, so the connect-time address check of
// imageRequest.ts cannot run there; instead the name is resolved here with the same guarded
// lookup (a private address refuses the image), and the proxy is asked to tunnel to that very
// address (CONNECT 203.0.113.7:443), with the TLS name and Host header of the URL: the proxy can
// neither resolve it elsewhere nor be pointed at an intranet name. A name this machine cannot
// resolve is not fetched (the address could not be checked). Without a proxy for the URL, the
// direct requester is used as before. undici, not node:http: VS Code's proxy patch of
// node:http would otherwise send it through a proxy of its choosing, past the check.

import type { LookupAddress } from 'node:dns';
import type { ImageRequester } from '../images/imageRequest';
import type { RequestNetwork } from './requestNetwork';

/** The first address `lookup` (the guarded one) gives for `hostname`; its refusal is passed on. */
function resolveChecked(hostname: string, lookup: Parameters<ImageRequester>[1]['lookup']): Promise<LookupAddress> {
  return new Promise((resolve, reject) => {
    lookup(hostname.replace(/^\[(.*)\]$/, '$1'), { all: true }, (error, found) => {
      if (error) return reject(error);
      const first = (found as unknown as LookupAddress[])[0];
      if (!first) return reject(new Error(`${hostname} has no address`));
      resolve(first);
    });
  });
}

export function proxiedImageRequester(network: Pick<RequestNetwork, 'imagePlan'>, direct: ImageRequester): ImageRequester {
  return async (url, options) => {
    const plan = await network.imagePlan(url);
    if (plan.proxy === undefined) return direct(url, options);
    const address = await resolveChecked(url.hostname, options.lookup);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const pinned = `${url.protocol}//${address.family === 6 ? `[${address.address}]` : address.address}:${port}`;
    const dispatcher = plan.module().createDispatcher({ proxy: plan.proxy.href, ca: plan.ca, strictSsl: plan.strictSsl, servername: url.hostname });
    const close = (): void => void dispatcher.destroy().catch(() => undefined);
    try {
      const response = await dispatcher.request({
        origin: pinned,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: { ...options.headers, host: url.host },
        signal: options.signal,
      });
      response.body.once('close', close);
      return {
        status: response.statusCode,
        header: (name) => {
          const value = response.headers[name.toLowerCase()];
          return Array.isArray(value) ? value[0] : value;
        },
        body: response.body,
        cancel: () => response.body.destroy(),
      };
    } catch (error) {
      close();
      throw error;
    }
  };
}
