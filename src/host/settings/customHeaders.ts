// `completionsChat.headers`: extra headers for every request to the endpoint (a gateway's
// tenant id, a secret key). A value of exactly "${secret}" is not a value: the real one is in
// VS Code's secret storage ("Completions Chat: Set Header Secret…"), so no secret sits in
// settings.json. Each bad entry is left out and reported by name; the others are still sent.
// Free of `vscode`.

import { isReservedHeader, type TokenHeader } from '../../core/chatClient';
import { SETTING_IDS } from '../contributionIds';
import { quote } from '../reporting/untrustedText';
import { SettingError } from './settings';
import { t } from '../../shared/l10n';

/** The value that stands for a secret kept in secret storage. */
export const SECRET_REFERENCE = '${secret}';

export const MAX_HEADERS = 50;
export const MAX_HEADER_NAME_LENGTH = 100;
export const MAX_HEADER_VALUE_LENGTH = 4096;

/** RFC 9110's token characters: anything else is not a header name. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Visible ASCII, space and tab: no CR/LF (no header injection), nothing fetch would refuse. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;
/** Set by the extension or by the HTTP connection itself; a setting must not change them. */
const CONNECTION_HEADERS = new Set([
  'accept', 'connection', 'content-length', 'expect', 'host', 'keep-alive', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
]);
/** Names whose plain value in settings.json is most likely a secret that belongs in secret storage. */
const SECRET_LOOKING_NAME = /key|token|secret|password|passwd|auth|cookie|signature/i;

export interface HeaderSettings {
  /** Headers with their values, names in lower case. */
  plain: Record<string, string>;
  /** Names (lower case) whose values are in secret storage. */
  secret: string[];
  /** One per bad or risky entry, naming it; each to be reported once. */
  problems: SettingError[];
}

const headersProblem = (reason: string) => new SettingError(SETTING_IDS.headers, reason);

/**
 * Reads the setting's value; `tokenHeader` is where the token goes for this endpoint. `problem`
 * names where the headers are written (an endpoint profile's are in completionsChat.profiles).
 */
export function readHeaderSettings(raw: unknown, tokenHeader: TokenHeader = 'authorization', problem: (reason: string) => SettingError = headersProblem): HeaderSettings {
  const result: HeaderSettings = { plain: {}, secret: [], problems: [] };
  if (raw === undefined || raw === null) return result;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    result.problems.push(problem(t('must be an object of header names and values, e.g. { "X-Tenant": "team-a" }; no header is sent.')));
    return result;
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_HEADERS) result.problems.push(problem(t('has {0} headers; only the first {1} are sent.', entries.length, MAX_HEADERS)));
  const seen = new Set<string>();
  for (const [name, value] of entries.slice(0, MAX_HEADERS)) {
    const reason = entryProblem(name, value, tokenHeader, seen);
    if (reason !== undefined) {
      result.problems.push(problem(reason));
      continue;
    }
    const lower = name.toLowerCase();
    seen.add(lower);
    if (value === SECRET_REFERENCE) {
      result.secret.push(lower);
      continue;
    }
    result.plain[lower] = value as string;
    if (SECRET_LOOKING_NAME.test(name) && (value as string).length >= 8) {
      result.problems.push(problem(t('has a plain value for {0}, which looks like a secret; it is sent, but settings files are often shared. Set its value to "{1}" and store it with "Completions Chat: Set Header Secret…".', quote(name), SECRET_REFERENCE)));
    }
  }
  return result;
}

function entryProblem(name: string, value: unknown, tokenHeader: TokenHeader, seen: Set<string>): string | undefined {
  const shown = quote(name);
  if (name.length > MAX_HEADER_NAME_LENGTH || !HEADER_NAME.test(name)) return t('has a header name {0} that is not valid (letters, digits and !#$%&\'*+-.^_`|~ only, up to {1}); it is not sent.', shown, MAX_HEADER_NAME_LENGTH);
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === tokenHeader) {
    return t('sets {0}, which carries the API token and cannot be overridden here; it is not sent. Use "Completions Chat: Set API Token" for the token.', shown);
  }
  if (isReservedHeader(lower, tokenHeader) || CONNECTION_HEADERS.has(lower)) return t('sets {0}, which the extension or the connection sets itself; it is not sent.', shown);
  if (seen.has(lower)) return t('sets {0} twice (header names ignore case); only the first is sent.', shown);
  if (typeof value !== 'string') return t('has a value for {0} that is not text; it is not sent.', shown);
  if (value.length > MAX_HEADER_VALUE_LENGTH) return t('has a value for {0} longer than {1} characters; it is not sent.', shown, MAX_HEADER_VALUE_LENGTH);
  if (!HEADER_VALUE.test(value)) return t('has a value for {0} with a line break or a character that cannot be sent in a header (only printable ASCII); it is not sent.', shown);
  return undefined;
}

/** A secret value typed by the user: the same rules as a setting's value, the reason or undefined. */
export function secretValueProblem(value: string): string | undefined {
  if (value.length === 0) return t('The value must not be empty.');
  if (value.length > MAX_HEADER_VALUE_LENGTH) return t('The value must be at most {0} characters.', MAX_HEADER_VALUE_LENGTH);
  if (!HEADER_VALUE.test(value)) return t('The value may hold printable ASCII only (no line breaks).');
  return undefined;
}
