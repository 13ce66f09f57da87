// Which endpoint a request goes to and with which token. A token is only ever used for the
// origin it was entered for; a new origin means asking the user first, showing that origin.

import * as vscode from 'vscode';
import { MissingTokenError } from './answerErrors';
import { endpointOrigin, isLoopbackOrigin, type Settings } from './settings';

export { endpointOrigin };
import type { TokenStore } from './tokenStore';

/** Asks for the token of `origin` with a password box; stores it when given. */
export async function promptForToken(store: TokenStore, origin: string): Promise<string | undefined> {
  const token = await vscode.window.showInputBox({
    title: 'Completions Chat: API token',
    prompt: `API token for ${origin}. It is kept in VS Code's secret storage and sent only to ${origin}.`,
    password: true,
    ignoreFocusOut: true,
    placeHolder: 'Paste your API token',
    validateInput: (value) => (value.trim() ? undefined : 'The token must not be empty.'),
  });
  if (!token?.trim()) return undefined;
  await store.set(origin, token);
  return token.trim();
}

export class Credentials {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a token was stored or cleared. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly store: TokenStore) {}

  async hasToken(origin: string): Promise<boolean> {
    return (await this.store.get(origin)) !== undefined;
  }

  /** The stored token of `origin`, without asking the user. */
  tokenFor(origin: string): Promise<string | undefined> {
    return this.store.get(origin);
  }

  /** Prompts for a new token for the endpoint in `settings`; false when the user cancelled. */
  async setToken(settings: Settings, token?: string): Promise<boolean> {
    const origin = endpointOrigin(settings.baseUrl);
    const stored = token?.trim() ? (await this.store.set(origin, token), token) : await promptForToken(this.store, origin);
    if (stored) this.changed.fire();
    return stored !== undefined;
  }

  async clear(): Promise<void> {
    await this.store.clear();
    this.changed.fire();
  }

  /** The endpoint and token for a request; asks for a token the endpoint has none for. */
  async forRequest(settings: Settings): Promise<{ baseUrl: string; token?: string }> {
    const origin = endpointOrigin(settings.baseUrl);
    const token = await this.store.get(origin);
    if (token) return { baseUrl: settings.baseUrl, token };
    if (isLoopbackOrigin(origin)) return { baseUrl: settings.baseUrl };
    const entered = await promptForToken(this.store, origin);
    if (!entered) throw new MissingTokenError(origin);
    this.changed.fire();
    return { baseUrl: settings.baseUrl, token: entered };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
