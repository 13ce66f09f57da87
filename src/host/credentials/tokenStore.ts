// The API token, kept only in VS Code's SecretStorage under one key, together with the origin
// it was entered for: a token typed for one server is never sent to another.

/** The part of `vscode.SecretStorage` this module needs, so it is testable in Node. */
export interface SecretStore {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
}

export const TOKEN_SECRET_KEY = 'completionsChat.apiToken';

interface StoredToken {
  origin: string;
  token: string;
}

function parseStored(raw: string | undefined): StoredToken | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<StoredToken>;
    if (typeof value.origin === 'string' && typeof value.token === 'string' && value.token) {
      return { origin: value.origin, token: value.token };
    }
  } catch {
    // An unreadable entry is treated as no token: the user is asked again.
  }
  return undefined;
}

export class TokenStore {
  constructor(private readonly secrets: SecretStore) {}

  /** The token entered for `origin`, or undefined when none was, or it was for another origin. */
  async get(origin: string): Promise<string | undefined> {
    const stored = parseStored(await this.secrets.get(TOKEN_SECRET_KEY));
    return stored?.origin === origin ? stored.token : undefined;
  }

  /** The origin the stored token belongs to, if any (shown to the user, never the token). */
  async storedOrigin(): Promise<string | undefined> {
    return parseStored(await this.secrets.get(TOKEN_SECRET_KEY))?.origin;
  }

  async set(origin: string, token: string): Promise<void> {
    await this.secrets.store(TOKEN_SECRET_KEY, JSON.stringify({ origin, token: token.trim() } satisfies StoredToken));
  }

  async clear(): Promise<void> {
    await this.secrets.delete(TOKEN_SECRET_KEY);
  }
}
