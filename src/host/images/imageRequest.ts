// One GET for an image with Node's http/https, and Node's DNS: the desktop's ImageConnector
// (imageRequester.ts), in the desktop's own bundle (chatMain.ts). Not fetch: fetch gives no say
// over which address a host name connects to, and an answer's image link must not reach the
// user's machine or network through a name that resolves there (DNS rebinding included). The
// `lookup` hook (guardedLookup) checks every address at connect time, on every connection.

import { lookup as dnsLookup } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ImageConnector, ImageRequester } from './imageRequester';

export type { ImageConnector, ImageRequestOptions, ImageRequester, ImageResponse } from './imageRequester';

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

/** Node's requester and name resolution. */
export const nodeImageConnector: ImageConnector = { request: nodeImageRequest, resolve: dnsLookup as LookupFunction };
