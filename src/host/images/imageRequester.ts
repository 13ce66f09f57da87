// How an answer's image is requested, free of Node and of the browser: the requester's shape, and
// the guard on the addresses a host name resolves to. Each platform hands in the two Node-only
// pieces (HostPlatform.imageConnector): on the desktop Node's http and DNS (imageRequest.ts, in
// the desktop's own bundle), on the web a refusal (a web worker cannot check addresses).

import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from './privateAddress';
import { t } from '../../shared/l10n';

export interface ImageResponse {
  status: number;
  /** A response header's value (the first, if repeated). */
  header(name: string): string | undefined;
  body: AsyncIterable<Uint8Array>;
  /** Hangs up without reading the rest of the body. */
  cancel(): void;
}

export interface ImageRequestOptions {
  headers: Record<string, string>;
  signal: AbortSignal;
  /** Resolves the host name; the request connects only to the addresses it gives. */
  lookup: LookupFunction;
}

export type ImageRequester = (url: URL, options: ImageRequestOptions) => Promise<ImageResponse>;

/** The platform's way to reach an image: one GET, and how host names resolve (the guard wraps it). */
export interface ImageConnector {
  request: ImageRequester;
  resolve: LookupFunction;
}

/** A host name resolved to an address on the user's machine or network, where answers' images may not go. */
export class PrivateAddressError extends Error {
  constructor(readonly host: string) {
    super(t('{0} is on this computer or its local network; images in answers are not loaded from there', host));
    this.name = 'PrivateAddressError';
  }
}

/**
 * A `lookup` that resolves with `resolve`, then refuses the connection when any address it found
 * is private (loopback, LAN, link-local…); with `allowPrivate` it only resolves.
 */
export function guardedLookup(allowPrivate: boolean, resolve: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '', 0);
      const addresses = (Array.isArray(found) ? found : [{ address: found, family: 4 }]) as LookupAddress[];
      if (!allowPrivate && addresses.some((entry) => isPrivateAddress(entry.address))) {
        return callback(Object.assign(new PrivateAddressError(hostname), { code: 'EPRIVATE' }) as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
