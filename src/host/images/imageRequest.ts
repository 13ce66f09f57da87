// One GET for an image with Node's http/https, for imageFetcher.ts. Not fetch: fetch gives no
// say over which address a host name connects to, and an answer's image link must not reach
// the user's machine or network through a name that resolves there (DNS rebinding included).
// The `lookup` hook checks every address at connect time, on every connection.

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
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

/** A host name resolved to an address on the user's machine or network, where answers' images may not go. */
export class PrivateAddressError extends Error {
  constructor(readonly host: string) {
    super(t('{0} is on this computer or its local network; images in answers are not loaded from there', host));
    this.name = 'PrivateAddressError';
  }
}

/**
 * A `lookup` that resolves as usual, then refuses the connection when any address it found is
 * private (loopback, LAN, link-local…); with `allowPrivate` it only resolves.
 */
export function guardedLookup(allowPrivate: boolean, resolve: LookupFunction = dnsLookup as LookupFunction): LookupFunction {
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

/** The real requester: Node's http/https, no connection reuse, no proxy, no cookies. */
export const nodeImageRequest: ImageRequester = (url, options) =>
  new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, { method: 'GET', headers: options.headers, signal: options.signal, lookup: options.lookup, agent: false }, (response) => {
      resolve({
        status: response.statusCode ?? 0,
        header: (name) => {
          const value = response.headers[name.toLowerCase()];
          return Array.isArray(value) ? value[0] : value;
        },
        body: response,
        cancel: () => response.destroy(),
      });
    });
    request.on('error', reject);
    request.end();
  });
