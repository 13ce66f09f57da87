// Where requests go. The base URL setting accepts what people paste: a base
// (`https://api.acedata.cloud/openai`, `https://api.openai.com/v1`) or the full
// `…/chat/completions` URL, with or without a trailing slash. `/v1` is never added: AceData's
// base has none, and guessing would send the token to a path the user never chose.

import { ChatError } from './errors';
import { t } from './l10n';

const CHAT_PATH = '/chat/completions';
/** The one query parameter a pasted URL keeps: Azure OpenAI needs it on every request. */
const KEPT_QUERY = 'api-version';
/** Azure OpenAI's hosts, which take the key in `api-key` rather than `authorization: Bearer`. */
const AZURE_OPENAI_HOST = /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i;

/** Whether the endpoint is Azure OpenAI's (`https://{resource}.openai.azure.com/…`). */
export function isAzureOpenAiHost(url: URL): boolean {
  return AZURE_OPENAI_HOST.test(url.hostname);
}

/** The header the token goes in for this endpoint: Azure's `api-key`, else `authorization`. */
export function tokenHeaderFor(url: URL): 'authorization' | 'api-key' {
  return isAzureOpenAiHost(url) ? 'api-key' : 'authorization';
}

/** The URL of `POST …/chat/completions` for a base URL setting. */
export function resolveChatCompletionsUrl(baseUrl: string): URL {
  const url = parseAllowedUrl(baseUrl);
  const path = trimTrailingSlashes(url.pathname);
  url.pathname = path.endsWith(CHAT_PATH) ? path : `${path}${CHAT_PATH}`;
  return url;
}

/** The URL of `GET …/models` for the same setting (a full chat URL is accepted too). */
export function resolveModelsUrl(baseUrl: string): URL {
  const url = parseAllowedUrl(baseUrl);
  let path = trimTrailingSlashes(url.pathname);
  if (path.endsWith(CHAT_PATH)) path = path.slice(0, -CHAT_PATH.length);
  url.pathname = `${path}/models`;
  return url;
}

/** Parses a URL and refuses what must never receive a token: other schemes, remote plain http. */
export function parseAllowedUrl(text: string): URL {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ChatError({
      kind: 'bad-request',
      code: 'invalid_base_url',
      message: t('The base URL "{0}" is not a valid URL. Set it to the API\'s address, e.g. https://api.acedata.cloud/openai.', clipForMessage(trimmed)),
    });
  }
  assertAllowedUrl(url);
  // Query and fragment of a pasted URL are not part of the endpoint, except Azure's api-version
  // (`…/openai/deployments/{deployment}/chat/completions?api-version=2024-10-21`).
  const apiVersion = url.searchParams.get(KEPT_QUERY);
  url.search = '';
  url.hash = '';
  if (apiVersion !== null && apiVersion.trim() !== '') url.searchParams.set(KEPT_QUERY, apiVersion.trim().slice(0, 64));
  return url;
}

export function assertAllowedUrl(url: URL): void {
  if (url.username !== '' || url.password !== '') {
    // fetch refuses such URLs anyway; saying why is kinder, and the password stays out of the message.
    throw new ChatError({
      kind: 'bad-request',
      code: 'invalid_base_url',
      message: t('The base URL for {0} contains a user name or password. Remove them from the URL and set the API token instead.', url.host),
    });
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return;
    throw new ChatError({
      kind: 'bad-request',
      code: 'insecure_base_url',
      message: t('Refusing to send the API token over plain http to {0}: anyone on the network could read it. Use an https:// base URL (plain http is allowed only for localhost).', url.host),
    });
  }
  throw new ChatError({
    kind: 'bad-request',
    code: 'invalid_base_url',
    message: t('The base URL must start with https:// (or http:// for localhost), not {0}//. Check the base URL setting.', url.protocol),
  });
}

/**
 * `localhost`, `127.0.0.0/8` and `::1`: traffic that never leaves the machine, and nothing else.
 * Not `*.localhost` (a resolver may send it anywhere), not `0.0.0.0`, not IPv4-mapped forms.
 * `hostname` is a URL's hostname (brackets around IPv6 allowed).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost') return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** Origins compare scheme, host and port: a redirect to any other one must not get the token. */
export function isSameOrigin(a: URL, b: URL): boolean {
  return a.origin === b.origin;
}

function trimTrailingSlashes(path: string): string {
  return path.replace(/\/+$/, '');
}

function clipForMessage(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
