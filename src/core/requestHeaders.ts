// The headers of a request. The token goes only in `authorization` (or, for Azure OpenAI, in
// `api-key`), and is checked first: fetch quotes a header value it refuses in its error message,
// which would put the token in front of the user.

import { ChatError } from './errors';
import { t } from './l10n';

/** Visible ASCII only: anything else cannot travel in an HTTP header. */
const SENDABLE_TOKEN = /^[\x21-\x7e]+$/;
/** Where the token goes: `authorization: Bearer …` (OpenAI and most servers) or Azure's `api-key: …`. */
export type TokenHeader = 'authorization' | 'api-key';

/** Headers the caller's extras may never replace (the token's header is added to these). */
const RESERVED = new Set(['authorization', 'content-type']);

/** Whether extra headers may not carry `name` (the host reports such an entry to the user). */
export function isReservedHeader(name: string, tokenHeader: TokenHeader = 'authorization'): boolean {
  const lower = name.toLowerCase();
  return RESERVED.has(lower) || lower === tokenHeader;
}

export function buildHeaders(options: {
  token?: string;
  accept: string;
  json: boolean;
  extra?: Record<string, string>;
  tokenHeader?: TokenHeader;
}): Record<string, string> {
  const tokenHeader = options.tokenHeader ?? 'authorization';
  const headers: Record<string, string> = { accept: options.accept };
  for (const [name, value] of Object.entries(options.extra ?? {})) {
    if (typeof value !== 'string' || isReservedHeader(name, tokenHeader)) continue;
    headers[name.toLowerCase()] = value;
  }
  if (options.json) headers['content-type'] = 'application/json';
  const token = options.token?.trim();
  if (token) {
    if (!SENDABLE_TOKEN.test(token)) {
      throw new ChatError({
        kind: 'auth',
        code: 'invalid_token_format',
        message: t('The API token contains characters that cannot be sent (spaces, line breaks or non-ASCII letters). Set the token again, copying only the key itself.'),
      });
    }
    if (tokenHeader === 'api-key') headers['api-key'] = token;
    else headers.authorization = `Bearer ${token}`;
  }
  return headers;
}
