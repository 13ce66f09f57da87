// One HTTP exchange with fetch, following redirects by hand. fetch's own redirect handling
// would carry the Authorization header wherever a server points (and turn a POST into a GET on
// 301/302); here credentials are dropped as soon as the origin changes, and https is never
// downgraded.

import { ChatError } from './errors';
import { assertAllowedUrl, isSameOrigin } from './endpoint';
import { t } from './l10n';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
export const MAX_REDIRECTS = 5;

/** Headers that identify the user; they go only to the origin the user configured. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|api-key|x-api-key|x-goog-api-key)$/i;

export interface HttpExchange {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** The fetch to use (the host's, with its proxy and certificates); the global one by default. */
  fetch?: FetchFunction;
  /** More header names (the user's custom headers) that go only to the configured origin. */
  originOnlyHeaders?: readonly string[];
}

/** The shape of the global fetch, so the host can hand in one that goes through its proxy. */
export type FetchFunction = (input: URL, init: RequestInit) => Promise<Response>;

export interface HttpAnswer {
  response: Response;
  /** The URL that answered, after redirects. */
  url: URL;
}

export async function sendFollowingRedirects(exchange: HttpExchange): Promise<HttpAnswer> {
  let url = exchange.url;
  let headers = exchange.headers;
  const send = exchange.fetch ?? fetch;
  for (let hop = 0; ; hop++) {
    const response = await send(url, {
      method: exchange.method,
      headers,
      body: exchange.body,
      redirect: 'manual',
      signal: exchange.signal,
    });
    // A browser (the web extension's worker) hides a redirect's status and address.
    if (response.type === 'opaqueredirect') throw opaqueRedirect();
    if (!REDIRECT_STATUSES.has(response.status)) return { response, url };

    const location = response.headers.get('location');
    await discardBody(response);
    if (location === null) {
      throw new ChatError({
        kind: 'protocol',
        status: response.status,
        message: t('The server answered with a redirect (HTTP {0}) but named no new address. Check the base URL.', response.status),
      });
    }
    if (hop >= MAX_REDIRECTS) {
      throw new ChatError({
        kind: 'protocol',
        status: response.status,
        message: t('The server redirected more than {0} times. Check the base URL: it may point at a login page or a loop.', MAX_REDIRECTS),
      });
    }
    const next = new URL(location, url);
    if (url.protocol === 'https:' && next.protocol !== 'https:') {
      throw new ChatError({
        kind: 'protocol',
        status: response.status,
        message: t('The server redirected from https to {0}//{1}, which would expose the request. Check the base URL.', next.protocol, next.host),
      });
    }
    assertAllowedUrl(next);
    if (!isSameOrigin(url, next)) headers = withoutCredentials(headers, exchange.originOnlyHeaders);
    url = next;
  }
}

function opaqueRedirect(): ChatError {
  return new ChatError({
    kind: 'protocol',
    message: t('The server answered with a redirect, which VS Code for the Web cannot follow safely (the browser hides where it leads). Set the base URL to the address it redirects to.'),
  });
}

export function withoutCredentials(headers: Record<string, string>, originOnly: readonly string[] = []): Record<string, string> {
  const alsoDropped = new Set(originOnly.map((name) => name.toLowerCase()));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADER.test(name) && !alsoDropped.has(name.toLowerCase())));
}

async function discardBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // The body of a redirect is of no interest; failing to drain it changes nothing.
  }
}
