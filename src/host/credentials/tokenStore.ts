// The API token, kept only in VS Code's SecretStorage under one key, together with the origin
// it was entered for: a token typed for one server is never sent to another.

/** The part of `vscode.SecretStorage` this module needs, so it is testable in Node. */
export interface SecretStore {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
}

export const TOKEN_SECRET_KEY = 'completionsChat.apiToken';

/**
 * Endpoint profiles (issue 12): each profile's token under a key of its own. The Default
 * profile keeps the key tokens had before profiles, so an existing token keeps working. A
 * profile's key is its `id`, or its name when it has none (profiles.ts): the name alone would
 * lose the token on a rename, so an `id` is offered for names that change.
 */
export function tokenSecretKey(profileKey: string | undefined): string {
  return profileKey === undefined || profileKey === 'default' ? TOKEN_SECRET_KEY : `${TOKEN_SECRET_KEY}.profile.${encodeURIComponent(profileKey)}`;
}

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
  constructor(
    private readonly secrets: SecretStore,
    /** The secret's key: TOKEN_SECRET_KEY for the Default profile, tokenSecretKey(profile) for another. */
    private readonly key = TOKEN_SECRET_KEY,
  ) {}

  /** The token entered for `origin`, or undefined when none was, or it was for another origin. */
  async get(origin: string): Promise<string | undefined> {
    const stored = parseStored(await this.secrets.get(this.key));
    return stored?.origin === origin ? stored.token : undefined;
  }

  /** The origin the stored token belongs to, if any (shown to the user, never the token). */
  async storedOrigin(): Promise<string | undefined> {
    return parseStored(await this.secrets.get(this.key))?.origin;
  }

  async set(origin: string, token: string): Promise<void> {
    await this.secrets.store(this.key, JSON.stringify({ origin, token: token.trim() } satisfies StoredToken));
  }

  async clear(): Promise<void> {
    await this.secrets.delete(this.key);
  }
}
