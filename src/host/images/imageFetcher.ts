// Fetches one image for an answer, on the host, under rules that keep a model's answer from
// using images to carry data out or to reach into the user's machine:
// - only https (plain http only for loopback hosts, as for the API endpoint), no user:password@;
// - never the API token, cookies or a referrer: the request carries an `accept` header only;
// - redirects are followed only within the same host (and never from https down to http);
// - never to an address on the user's machine or network (loopback, LAN, link-local…), checked
//   for literal addresses and for what a name resolves to at connect time, unless that host is
//   the API endpoint's own (then the user chose it);
// - only bytes that are really a png, jpeg, gif or webp, under a size cap, are returned.
// Whether an image may be fetched at all (allow-list, a click) is decided by the caller.

import type { LookupFunction } from 'node:net';
import { isLoopbackHost } from '../../core/endpoint';
import { checkImage, type ImageInfo } from '../../core/imageBytes';
import { formatBytes, imageRefusalReason, type ImageLimits } from '../../shared/imageLimits';
import { guardedLookup, PrivateAddressError, type ImageRequester, type ImageResponse } from './imageRequester';
import { isPrivateAddress } from './privateAddress';
import { t } from '../../shared/l10n';

export interface FetchImageOptions {
  limits: ImageLimits;
  /** The owner's: aborting it hangs up at once (the fetch rejects with the abort, not an ImageFetchError). */
  signal: AbortSignal;
  /** The whole fetch, redirects included. */
  timeoutMs?: number;
  maxRedirects?: number;
  /**
   * The one host name (a URL's `hostname`, e.g. the API endpoint's) whose private addresses may
   * be reached; every other image on a private address is refused.
   */
  privateHostAllowed?: string;
  /** The platform's request and name resolution (HostPlatform.imageConnector; a test's own). */
  request: ImageRequester;
  resolve: LookupFunction;
}

export interface FetchedImage {
  bytes: Uint8Array;
  info: ImageInfo;
}

/** Why an image was not fetched; the message is for the user. */
export class ImageFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageFetchError';
  }
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_REDIRECTS = 3;

/** The URL when an image may be fetched from it at all (scheme, credentials, address rules). */
export function fetchableImageUrl(raw: string, privateHostAllowed?: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ImageFetchError(t('The image link is not a valid URL.'));
  }
  if (url.username || url.password) throw new ImageFetchError(t('Image links with a user name or password are not loaded.'));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ImageFetchError(t('Only https images are loaded, not {0}.', url.protocol.replace(/:$/, '')));
  }
  if ((isPrivateAddress(url.hostname) || isLoopbackHost(url.hostname)) && !mayUsePrivateAddress(url, privateHostAllowed)) {
    throw new ImageFetchError(privateRefusal(url.host));
  }
  return url;
}

/** Whether `url` is on the one host whose private addresses may be reached. */
function mayUsePrivateAddress(url: URL, privateHostAllowed: string | undefined): boolean {
  return privateHostAllowed !== undefined && url.hostname.toLowerCase() === privateHostAllowed.toLowerCase();
}

function privateRefusal(host: string): string {
  return t('{0} is on this computer or its local network; images in answers are only loaded from there when it is the API endpoint\'s own host.', host);
}

export async function fetchImage(raw: string, options: FetchImageOptions): Promise<FetchedImage> {
  const request = options.request;
  options.signal.throwIfAborted();
  const signal = AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS), options.signal]);
  const first = fetchableImageUrl(raw, options.privateHostAllowed);
  // Redirects stay on this host, so one rule for the whole fetch.
  const lookup = guardedLookup(mayUsePrivateAddress(first, options.privateHostAllowed), options.resolve);
  let url = first;
  for (let redirects = 0; ; redirects++) {
    let response: ImageResponse;
    try {
      response = await request(url, { headers: { accept: 'image/png,image/jpeg,image/gif,image/webp' }, signal, lookup });
    } catch (error) {
      if (options.signal.aborted) throw error;
      if (error instanceof PrivateAddressError) throw new ImageFetchError(privateRefusal(url.host));
      const reason = signal.aborted ? t('it took too long') : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new ImageFetchError(t('The image could not be fetched from {0}: {1}.', url.host, reason));
    }
    if (response.status >= 300 && response.status < 400) {
      response.cancel();
      url = nextLocation(url, first, response.header('location') ?? null, redirects, options.maxRedirects ?? DEFAULT_MAX_REDIRECTS, options.privateHostAllowed);
      continue;
    }
    if (response.status < 200 || response.status >= 300) {
      response.cancel();
      throw new ImageFetchError(`${url.host} answered HTTP ${response.status}.`);
    }
    const bytes = await readCapped(response, options.limits.maxBytes, url.host, signal);
    const check = checkImage(bytes, options.limits);
    if (!check.ok) throw new ImageFetchError(t('The file from {0} {1}.', url.host, imageRefusalReason(check)));
    return { bytes, info: check.info };
  }
}

/** Where a redirect leads, if it may be followed: the same host, never down to plain http. */
function nextLocation(current: URL, first: URL, location: string | null, redirects: number, maxRedirects: number, privateHostAllowed: string | undefined): URL {
  if (!location) throw new ImageFetchError(t('{0} sent a redirect without a location.', current.host));
  if (redirects >= maxRedirects) throw new ImageFetchError(t('{0} redirected too many times.', first.host));
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new ImageFetchError(t('{0} redirected to an invalid address.', current.host));
  }
  if (next.host !== first.host || next.hostname !== first.hostname) {
    throw new ImageFetchError(t('{0} redirected to another host ({1}); redirects to other hosts are not followed.', first.host, next.host));
  }
  if (current.protocol === 'https:' && next.protocol !== 'https:') {
    throw new ImageFetchError(t('{0} redirected from https to {1}; not followed.', first.host, next.protocol.replace(/:$/, '')));
  }
  return fetchableImageUrl(next.href, privateHostAllowed);
}

/** The body, refusing (and hanging up) as soon as it is larger than `maxBytes`. */
async function readCapped(response: ImageResponse, maxBytes: number, host: string, signal: AbortSignal): Promise<Uint8Array> {
  const tooLarge = () => new ImageFetchError(t('The image from {0} is larger than {1}.', host, formatBytes(maxBytes)));
  const declared = Number(response.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      total += chunk.length;
      if (total > maxBytes) {
        response.cancel();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ImageFetchError) throw error;
    const reason = signal.aborted ? t('it took too long') : error instanceof Error ? error.message : String(error);
    throw new ImageFetchError(t('The image from {0} could not be read: {1}.', host, reason));
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
