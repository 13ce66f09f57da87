// Stands in for images/imageRequest.ts in the web build (esbuild.mjs swaps it in, as a package's
// `browser` field would). The desktop fetches an answer's image with Node's http so that it can
// check, at connect time, every address a host name resolves to (no image from the user's
// machine or network, DNS rebinding included). A web worker has only `fetch`, which cannot
// check that; and fetching anyway would give up that guard. So here answers' images are not
// fetched: the user is told why, and the link still opens in the browser. Images the user
// attaches work as on the desktop (they are files, not fetches).

import type { LookupFunction } from 'node:net';
import type { ImageRequester } from '../images/imageRequest';
import { t } from '../../shared/l10n';

export type { ImageRequestOptions, ImageRequester, ImageResponse } from '../images/imageRequest';

/** Why the web build loads no image of an answer (a function: translated when it is said). */
export const webImageRefusal = (): string => t('images in answers are not loaded in VS Code for the Web (it cannot check which address a host name leads to); open the link instead');

export class PrivateAddressError extends Error {
  constructor(readonly host: string) {
    super(t('{0} is on this computer or its local network; images in answers are not loaded from there', host));
    this.name = 'PrivateAddressError';
  }
}

/** No name resolution here: the requester below refuses before any would happen. */
export function guardedLookup(_allowPrivate: boolean, _resolve?: LookupFunction): LookupFunction {
  return (hostname, _options, callback) => callback(Object.assign(new Error(`${hostname} is not resolved in the web build`), { code: 'ENOTSUP' }), '', 0);
}

/** Named as the module it replaces exports it; it refuses every request, saying why. */
export const nodeImageRequest: ImageRequester = async () => {
  throw new Error(webImageRefusal());
};

/** The type checker holds this swap to the real module's exports: one missing or changed fails the build. */
export const SAME_EXPORTS_AS_NODE_MODULE: { [K in keyof typeof import('../images/imageRequest')]: (typeof import('./imageRequest.web'))[K] extends (typeof import('../images/imageRequest'))[K] ? true : never } = {
  PrivateAddressError: true,
  guardedLookup: true,
  nodeImageRequest: true,
};
