// Keeps secrets out of anything a person or a log can see. Servers echo keys back in error
// bodies ("Incorrect API key provided: sk-…"), and undici quotes header values in its own
// errors, so every text that leaves the core passes through here.

const REDACTED = '[redacted]';

/** OpenAI-style keys (`sk-…`, `sk-proj-…`, `sk-or-v1-…`), even partly masked or glued to `_`. */
const SECRET_KEY_PATTERN = /(?<![A-Za-z0-9])sk-[A-Za-z0-9_*\-.]{6,}/g;
/** `Bearer <token>` and `authorization: <value>` as they appear in echoed requests. */
const BEARER_PATTERN = /\bBearer\s+[^\s"',;]+/gi;
const AUTH_HEADER_PATTERN = /\b((?:proxy-)?authorization|api[-_]?key|x-api-key)(["']?\s*[:=]\s*["']?)[^\s"',;]+/gi;

/** Shorter strings are not treated as secrets: replacing them would shred ordinary words. */
const MIN_SECRET_LENGTH = 4;

export type Redactor = (text: string) => string;

/** A function that removes `secrets` (the token) and every secret-shaped string from a text. */
export function createRedactor(secrets: readonly (string | undefined)[] = []): Redactor {
  const exact = secrets
    .filter((secret): secret is string => typeof secret === 'string' && secret.trim().length >= MIN_SECRET_LENGTH)
    .map((secret) => secret.trim())
    // Longest first, so a token that contains another secret is removed whole.
    .sort((a, b) => b.length - a.length);
  return (text: string): string => {
    let result = text;
    for (const secret of exact) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    return result
      .replace(BEARER_PATTERN, `Bearer ${REDACTED}`)
      .replace(AUTH_HEADER_PATTERN, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`)
      .replace(SECRET_KEY_PATTERN, REDACTED);
  };
}

/** Removes only secret-shaped strings; for texts where the token is not known. */
export const redactSecretShapes: Redactor = createRedactor();
