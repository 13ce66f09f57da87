// The one typed accessor for the extension's settings. Defaults here must equal the
// manifest's (a unit test checks); a bad value is reported with the setting's full name.

import { ChatError, isLoopbackHost, resolveChatCompletionsUrl } from '../../core/chatClient';
import { promptsFrom, type Prompt } from '../../shared/prompts';
import { SETTING_IDS, SETTINGS_SECTION } from '../contributionIds';
import { quote } from '../reporting/untrustedText';
import { t } from '../../shared/l10n';

export { SETTINGS_SECTION };

export interface Settings {
  baseUrl: string;
  model: string;
  temperature: number | undefined;
  maxTokens: number | undefined;
  systemPrompt: string;
  stream: boolean;
  /** Hosts whose images in answers are fetched without a click (exact `host[:port]`, lower case). */
  imageHosts: readonly string[];
}

export const SETTING_DEFAULTS: Readonly<Settings> = {
  baseUrl: 'https://api.acedata.cloud/openai',
  model: 'gpt-4o-mini',
  temperature: undefined,
  maxTokens: undefined,
  systemPrompt:
    'You are a helpful coding assistant inside VS Code. Answer concisely and use fenced code blocks with a language tag for code.',
  stream: true,
  imageHosts: [],
};

/** A setting whose value cannot be used; `setting` is the full id, e.g. `completionsChat.temperature`. */
export class SettingError extends Error {
  /** `detail`: the underlying problem alone (e.g. why a URL cannot be used), for messages that quote it. */
  constructor(readonly setting: string, reason: string, readonly detail?: string) {
    super(t('The setting "{0}" {1}', setting, reason));
    this.name = 'SettingError';
  }
}

/**
 * Settings that change what is sent or where: in an untrusted workspace only the user's own
 * value counts (the manifest's `restrictedConfigurations` lists the same keys; a test checks).
 */
export const RESTRICTED_SETTINGS: readonly (keyof Settings | 'prompts' | NetworkSettingKey)[] = [
  'baseUrl',
  'imageHosts',
  'systemPrompt',
  'model',
  'prompts',
  // Network (issue 12): read by host/network/vscodeNetwork.ts with the same rule.
  'headers',
  'caCertificates',
  // Endpoint profiles (issue 12): where requests go and what they carry, like baseUrl and headers.
  'profiles',
];

/** Network (issue 12): settings read apart from Settings (a bad entry must not stop a request). */
type NetworkSettingKey = 'headers' | 'caCertificates' | 'profiles';

/** The part of `vscode.WorkspaceConfiguration` this module needs, so it is testable in Node. */
export interface ConfigurationReader {
  get<T>(key: string): T | undefined;
  inspect?<T>(key: string): { globalValue?: T } | undefined;
}

/**
 * The configuration as a workspace of this trust may set it: untrusted, a restricted setting
 * is read from the user settings only (a repository's `.vscode/settings.json` is ignored).
 */
export function configurationForTrust(config: ConfigurationReader, trusted: boolean): ConfigurationReader {
  if (trusted) return config;
  return {
    get: <T>(key: string): T | undefined =>
      (RESTRICTED_SETTINGS as readonly string[]).includes(key) ? config.inspect?.<T>(key)?.globalValue : config.get<T>(key),
  };
}

/** A field of Settings with no id in contributionIds.ts does not type-check here. */
function fullName(key: keyof Settings): string {
  return SETTING_IDS[key];
}

function optionalNumber(raw: unknown, key: keyof Settings, check: (n: number) => boolean, rule: string): number | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || !check(raw)) {
    throw new SettingError(fullName(key), t('must be {0} or empty, not {1}.', rule, quote(raw)));
  }
  return raw;
}

function requiredString(raw: unknown, key: keyof Settings): string {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new SettingError(fullName(key), t('must not be empty.'));
  }
  return raw.trim();
}

/**
 * The image allow-list: exact host names (with a port when not the default). Anything that is
 * not one (a URL, a wildcard, a path) is refused rather than guessed at, so the list means
 * exactly what it says.
 */
function imageHosts(raw: unknown): readonly string[] {
  if (raw === null || raw === undefined) return SETTING_DEFAULTS.imageHosts;
  if (!Array.isArray(raw)) throw new SettingError(fullName('imageHosts'), t('must be a list of host names such as "images.example.com".'));
  return raw.map((entry: unknown) => {
    const host = typeof entry === 'string' ? entry.trim().toLowerCase() : '';
    if (!isExactHost(host)) throw new SettingError(fullName('imageHosts'), t('must be a list of host names such as "images.example.com", not {0}.', quote(entry)));
    return host;
  });
}

/** `example.com` or `127.0.0.1:8080`: a URL's whole host, nothing more and nothing less. */
export function isExactHost(host: string): boolean {
  if (!host || /[\s/?#@*]/.test(host)) return false;
  try {
    return new URL(`https://${host}/`).host === host;
  } catch {
    return false;
  }
}

/**
 * Reads and validates every setting; throws SettingError naming the first bad one. In an
 * untrusted workspace (`trusted: false`) the restricted settings come from the user only.
 */
export function readSettings(workspaceConfig: ConfigurationReader, trusted = true): Settings {
  const config = configurationForTrust(workspaceConfig, trusted);
  const stream = config.get<unknown>('stream') ?? SETTING_DEFAULTS.stream;
  if (typeof stream !== 'boolean') throw new SettingError(fullName('stream'), t('must be true or false.'));
  const systemPrompt = config.get<unknown>('systemPrompt') ?? SETTING_DEFAULTS.systemPrompt;
  if (typeof systemPrompt !== 'string') throw new SettingError(fullName('systemPrompt'), t('must be text.'));
  return {
    baseUrl: requiredString(config.get('baseUrl') ?? SETTING_DEFAULTS.baseUrl, 'baseUrl'),
    model: requiredString(config.get('model') ?? SETTING_DEFAULTS.model, 'model'),
    temperature: optionalNumber(config.get('temperature'), 'temperature', (n) => n >= 0 && n <= 2, t('a number from 0 to 2')),
    maxTokens: optionalNumber(config.get('maxTokens'), 'maxTokens', (n) => Number.isInteger(n) && n >= 1, t('a whole number of at least 1')),
    systemPrompt,
    stream,
    imageHosts: imageHosts(config.get('imageHosts')),
  };
}

/**
 * The prompts offered (built-in ones, replaced or joined by the user's) and what was wrong with
 * the setting's entries: a bad entry is left out, never fatal to the rest. Read apart from the
 * other settings, so a bad prompt never stops a question from being sent. Restricted: in an
 * untrusted workspace only the user's own prompts count.
 */
export function readPrompts(workspaceConfig: ConfigurationReader, trusted = true): { prompts: Prompt[]; problems: string[] } {
  return promptsFrom(configurationForTrust(workspaceConfig, trusted).get<unknown>('prompts'));
}

/**
 * The origin of the configured endpoint. The core's rules decide what is allowed (https, or
 * plain http on loopback only); a refusal is reported against the setting.
 */
export function endpointOrigin(baseUrl: string): string {
  try {
    return resolveChatCompletionsUrl(baseUrl).origin;
  } catch (error) {
    if (error instanceof ChatError) throw new SettingError(SETTING_IDS.baseUrl, t('is not usable: {0}', error.message), error.message);
    throw error;
  }
}

/** Local servers (Ollama, llama.cpp…) usually need no token, so none is demanded for them. */
export function isLoopbackOrigin(origin: string): boolean {
  return isLoopbackHost(new URL(origin).hostname);
}
