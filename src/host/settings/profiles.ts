// Endpoint profiles (issue 12): `completionsChat.profiles`, several endpoints side by side, each
// with a name, a base URL, a default model, headers and an Azure api-version. The single-endpoint
// settings (completionsChat.baseUrl/model/headers) are the built-in "Default" profile. Each bad
// entry is left out and reported by its place, naming the setting; the others still work.
// Free of `vscode`.

import { SETTING_IDS } from '../contributionIds';
import { quote } from '../reporting/untrustedText';
import { t } from '../../shared/l10n';
import { endpointOrigin, SettingError, type Settings } from './settings';

/** The key of the built-in profile made of completionsChat.baseUrl/model/headers. */
export const DEFAULT_PROFILE_KEY = 'default';
export const MAX_PROFILES = 20;
export const MAX_PROFILE_NAME_LENGTH = 64;
export const MAX_PROFILE_URL_LENGTH = 2048;
export const MAX_PROFILE_MODEL_LENGTH = 200;
/** Longest profile key a conversation file may name (a longer one names no profile). */
export const MAX_PROFILE_KEY_LENGTH = 64;

const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const API_VERSION_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** C0/C1 controls, line and paragraph separators, bidi overrides: none of them belongs in a name. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
  }
  return false;
}

/** Custom headers of a profile: the raw value, checked where headers are read (customHeaders.ts). */
export interface ProfileHeaders {
  raw: unknown;
  /** Builds the problem of one bad header entry, naming the profile's place in the setting. */
  problem(reason: string): SettingError;
}

export interface EndpointProfile {
  /**
   * What the profile is known by: its token in secret storage and the conversations started with
   * it. The entry's `id` when it has one, else its name, in lower case: a name can be changed
   * freely only when an `id` keeps the token and the conversations attached.
   */
  key: string;
  /** As the user wrote it; plain text (shown only as text, never as markup). */
  name: string;
  /** With the api-version query when the entry has `apiVersion`. */
  baseUrl: string;
  /** The model a new conversation (or a switch to this profile) starts with; absent: completionsChat.model. */
  model?: string;
  /** Absent for the Default profile: it sends completionsChat.headers. */
  headers?: ProfileHeaders;
}

export interface ProfilesReading {
  /** The valid entries, in the setting's order (the Default profile is not among them). */
  profiles: EndpointProfile[];
  /** One per bad entry, naming it by its place; each to be reported once. */
  problems: SettingError[];
}

const problem = (reason: string) => new SettingError(SETTING_IDS.profiles, reason);

/**
 * The Default profile: completionsChat.baseUrl and completionsChat.model. Its name is shown in
 * the display language; its key (which keeps its token and its conversations) never changes.
 */
export function defaultProfile(settings: Pick<Settings, 'baseUrl' | 'model'>): EndpointProfile {
  return { key: DEFAULT_PROFILE_KEY, name: t('Default'), baseUrl: settings.baseUrl, model: settings.model };
}

/** A profile key as a conversation file stores it, or undefined when the value is not one. */
export function profileKeyOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_PROFILE_KEY_LENGTH * 3 ? value : undefined;
}

/** Reads `completionsChat.profiles` (undefined, null: no profile besides the Default one). */
export function readProfiles(raw: unknown): ProfilesReading {
  const result: ProfilesReading = { profiles: [], problems: [] };
  if (raw === undefined || raw === null) return result;
  if (!Array.isArray(raw)) {
    result.problems.push(problem(t('must be a list of profiles such as {0}; only the Default profile is offered.', '[{ "name": "Local", "baseUrl": "http://127.0.0.1:11434/v1" }]')));
    return result;
  }
  if (raw.length > MAX_PROFILES) result.problems.push(problem(t('has {0} profiles; only the first {1} are offered.', raw.length, MAX_PROFILES)));
  const keys = new Set<string>([DEFAULT_PROFILE_KEY]);
  raw.slice(0, MAX_PROFILES).forEach((entry: unknown, index) => {
    const read = readEntry(entry, index + 1, keys);
    if (read instanceof SettingError) result.problems.push(read);
    else {
      keys.add(read.key);
      result.profiles.push(read);
    }
  });
  return result;
}

function readEntry(entry: unknown, place: number, keys: ReadonlySet<string>): EndpointProfile | SettingError {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    return problem(t('has an entry {0} that is not an object with "name" and "baseUrl"; it is left out.', place));
  }
  const fields = entry as Record<string, unknown>;
  const name = typeof fields.name === 'string' ? fields.name.trim() : '';
  const named = name && name.length <= MAX_PROFILE_NAME_LENGTH ? ` (${quote(name)})` : '';
  const bad = (reason: string) => problem(t('has an entry {0}{1} {2}; it is left out.', place, named, reason));
  if (!name || name.length > MAX_PROFILE_NAME_LENGTH || hasControlCharacter(name)) {
    return bad(t('whose "name" is not plain text of 1 to {0} characters', MAX_PROFILE_NAME_LENGTH));
  }
  if (fields.id !== undefined && (typeof fields.id !== 'string' || !ID_PATTERN.test(fields.id))) {
    return bad(t('whose "id" is not 1 to 64 letters, digits, ".", "_" or "-"'));
  }
  const key = (typeof fields.id === 'string' ? fields.id : name).toLowerCase();
  if (key === DEFAULT_PROFILE_KEY) return bad(t('named "Default", which is the profile of completionsChat.baseUrl and completionsChat.model'));
  if (keys.has(key)) return bad(t('with the same name (or id) as an earlier one (names ignore case)'));
  const baseUrl = entryBaseUrl(fields.baseUrl, fields.apiVersion);
  if (typeof baseUrl !== 'string') return bad(baseUrl.reason);
  const model = fields.model;
  if (model !== undefined && (typeof model !== 'string' || !model.trim() || model.length > MAX_PROFILE_MODEL_LENGTH || hasControlCharacter(model))) {
    return bad(t('whose "model" is not a model id of 1 to {0} characters', MAX_PROFILE_MODEL_LENGTH));
  }
  // The header rules' reasons follow the setting's name: "… (entry 2 "Work", its "headers") sets …".
  const headerProblem = (reason: string) => problem(t('(entry {0}{1}, its "headers") {2}', place, named ? ` ${quote(name)}` : '', reason));
  return {
    key,
    name,
    baseUrl,
    ...(typeof model === 'string' ? { model: model.trim() } : {}),
    headers: { raw: fields.headers, problem: headerProblem },
  };
}

/** The entry's base URL with its api-version, or why it cannot be used. */
function entryBaseUrl(raw: unknown, apiVersion: unknown): string | { reason: string } {
  if (typeof raw !== 'string' || !raw.trim() || raw.length > MAX_PROFILE_URL_LENGTH) {
    return { reason: t('whose "baseUrl" is not a URL of at most {0} characters', MAX_PROFILE_URL_LENGTH) };
  }
  if (apiVersion !== undefined && (typeof apiVersion !== 'string' || !API_VERSION_PATTERN.test(apiVersion))) {
    return { reason: t('whose "apiVersion" is not a version such as "2024-10-21"') };
  }
  let baseUrl = raw.trim();
  try {
    endpointOrigin(baseUrl);
    if (typeof apiVersion === 'string') {
      const url = new URL(baseUrl);
      url.searchParams.set('api-version', apiVersion);
      baseUrl = url.toString();
    }
  } catch (error) {
    const reason = error instanceof SettingError && error.detail !== undefined ? error.detail : t('it is not a URL');
    return { reason: t('whose "baseUrl" cannot be used ({0})', reason.replace(/[.。]$/, '')) };
  }
  return baseUrl;
}
