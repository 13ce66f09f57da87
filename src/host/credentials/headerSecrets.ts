// Secret header values ("${secret}" in completionsChat.headers), kept in VS Code's secret
// storage under one key, each with the endpoint origin it was entered for: like the token, a
// value typed for one server is never sent to another. Free of `vscode`.

import type { SecretStore } from './tokenStore';

export const HEADER_SECRETS_KEY = 'completionsChat.headerSecrets';

/** origin → lower-case header name → value. */
type StoredSecrets = Record<string, Record<string, string>>;

function parse(raw: string | undefined): StoredSecrets {
  if (!raw) return {};
  try {
    const value = JSON.parse(raw) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
    const result: StoredSecrets = {};
    for (const [origin, headers] of Object.entries(value as Record<string, unknown>)) {
      if (headers === null || typeof headers !== 'object') continue;
      const entries = Object.entries(headers as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
      result[origin] = Object.fromEntries(entries);
    }
    return result;
  } catch {
    // Unreadable: as if nothing was stored; the user is told which header lacks its value.
    return {};
  }
}

export class HeaderSecrets {
  constructor(private readonly secrets: SecretStore) {}

  /** The values stored for `origin`, for the names asked; missing names are left out. */
  async valuesFor(origin: string, names: readonly string[]): Promise<Record<string, string>> {
    const stored = parse(await this.secrets.get(HEADER_SECRETS_KEY))[origin] ?? {};
    return Object.fromEntries(names.filter((name) => stored[name] !== undefined).map((name) => [name, stored[name]!]));
  }

  async set(origin: string, name: string, value: string): Promise<void> {
    const stored = parse(await this.secrets.get(HEADER_SECRETS_KEY));
    stored[origin] = { ...stored[origin], [name.toLowerCase()]: value };
    await this.secrets.store(HEADER_SECRETS_KEY, JSON.stringify(stored));
  }

  async delete(origin: string, name: string): Promise<void> {
    const stored = parse(await this.secrets.get(HEADER_SECRETS_KEY));
    if (stored[origin]) delete stored[origin][name.toLowerCase()];
    await this.secrets.store(HEADER_SECRETS_KEY, JSON.stringify(stored));
  }
}
