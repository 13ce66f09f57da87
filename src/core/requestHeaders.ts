// The headers of a request. The token goes only in `authorization`, and is checked first:
// fetch quotes a header value it refuses in its error message, which would put the token in
// front of the user.

import { ChatError } from './errors';

/** Visible ASCII only: anything else cannot travel in an HTTP header. */
const SENDABLE_TOKEN = /^[\x21-\x7e]+$/;
/** Headers the caller's extras may never replace. */
const RESERVED = /^(authorization|content-type)$/i;

export function buildHeaders(options: {
  token?: string;
  accept: string;
  json: boolean;
  extra?: Record<string, string>;
}): Record<string, string> {
  const headers: Record<string, string> = { accept: options.accept };
  for (const [name, value] of Object.entries(options.extra ?? {})) {
    if (typeof value !== 'string' || RESERVED.test(name)) continue;
    headers[name.toLowerCase()] = value;
  }
  if (options.json) headers['content-type'] = 'application/json';
  const token = options.token?.trim();
  if (token) {
    if (!SENDABLE_TOKEN.test(token)) {
      throw new ChatError({
        kind: 'auth',
        code: 'invalid_token_format',
        message: 'The API token contains characters that cannot be sent (spaces, line breaks or non-ASCII letters). Set the token again, copying only the key itself.',
      });
    }
    headers.authorization = `Bearer ${token}`;
  }
  return headers;
}
