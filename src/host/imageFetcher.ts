// Fetches one image for an answer, on the host, under rules that keep a model's answer from
// using images to carry data out or to reach into the user's machine:
// - only https (plain http only for loopback hosts, as for the API endpoint), no user:password@;
// - never the API token, cookies or a referrer: the request carries an `accept` header only;
// - redirects are followed only within the same host (and never from https down to http);
// - only bytes that are really a png, jpeg, gif or webp, under a size cap, are returned.
// Whether an image may be fetched at all (allow-list, a click) is decided by the caller.

import { isLoopbackHost } from '../core/endpoint';
import { checkImage, type ImageInfo } from '../core/imageBytes';
import { formatBytes, imageRefusalReason, type ImageLimits } from '../shared/imageLimits';

export interface FetchImageOptions {
  limits: ImageLimits;
  signal?: AbortSignal;
  /** The whole fetch, redirects included. */
  timeoutMs?: number;
  maxRedirects?: number;
  /** For tests: the fetch to use. */
  fetch?: typeof fetch;
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

/** The URL when an image may be fetched from it at all (scheme and credentials rules). */
export function fetchableImageUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ImageFetchError('The image link is not a valid URL.');
  }
  if (url.username || url.password) throw new ImageFetchError('Image links with a user name or password are not loaded.');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  throw new ImageFetchError(`Only https images are loaded, not ${url.protocol.replace(/:$/, '')}.`);
}

export async function fetchImage(raw: string, options: FetchImageOptions): Promise<FetchedImage> {
  const doFetch = options.fetch ?? fetch;
  const signals = [AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)];
  if (options.signal) signals.push(options.signal);
  const signal = AbortSignal.any(signals);
  const first = fetchableImageUrl(raw);
  let url = first;
  for (let redirects = 0; ; redirects++) {
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'GET',
        redirect: 'manual',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        headers: { accept: 'image/png,image/jpeg,image/gif,image/webp' },
        signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const reason = signal.aborted ? 'it took too long' : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new ImageFetchError(`The image could not be fetched from ${url.host}: ${reason}.`);
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      url = nextLocation(url, first, response.headers.get('location'), redirects, options.maxRedirects ?? DEFAULT_MAX_REDIRECTS);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ImageFetchError(`${url.host} answered HTTP ${response.status}.`);
    }
    const bytes = await readCapped(response, options.limits.maxBytes, url.host);
    const check = checkImage(bytes, options.limits);
    if (!check.ok) throw new ImageFetchError(`The file from ${url.host} ${imageRefusalReason(check)}.`);
    return { bytes, info: check.info };
  }
}

/** Where a redirect leads, if it may be followed: the same host, never down to plain http. */
function nextLocation(current: URL, first: URL, location: string | null, redirects: number, maxRedirects: number): URL {
  if (!location) throw new ImageFetchError(`${current.host} sent a redirect without a location.`);
  if (redirects >= maxRedirects) throw new ImageFetchError(`${first.host} redirected too many times.`);
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new ImageFetchError(`${current.host} redirected to an invalid address.`);
  }
  if (next.host !== first.host || next.hostname !== first.hostname) {
    throw new ImageFetchError(`${first.host} redirected to another host (${next.host}); redirects to other hosts are not followed.`);
  }
  if (current.protocol === 'https:' && next.protocol !== 'https:') {
    throw new ImageFetchError(`${first.host} redirected from https to ${next.protocol.replace(/:$/, '')}; not followed.`);
  }
  return fetchableImageUrl(next.href);
}

/** The body, refusing (and hanging up) as soon as it is larger than `maxBytes`. */
async function readCapped(response: Response, maxBytes: number, host: string): Promise<Uint8Array> {
  const tooLarge = () => new ImageFetchError(`The image from ${host} is larger than ${formatBytes(maxBytes)}.`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
