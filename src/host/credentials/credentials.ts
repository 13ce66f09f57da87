// Which endpoint a request goes to and with which token. A token is only ever used for the
// origin it was entered for; a new origin means asking the user first, showing that origin.

import * as vscode from 'vscode';
import { MissingTokenError } from '../session/answerErrors';
import { endpointOrigin, isLoopbackOrigin, type Settings } from '../settings/settings';

export { endpointOrigin };
import type { TokenStore } from './tokenStore';
import { MAX_QUOTED_VALUE_LENGTH, safeText } from '../reporting/untrustedText';

/** Shows an input box; replaceable in tests, where no box can be typed into. */
export type InputBoxPrompt = (options: vscode.InputBoxOptions) => Thenable<string | undefined>;

/** Asks for the token of `origin` with a password box; stores it when given. */
export async function promptForToken(store: TokenStore, origin: string, ask: InputBoxPrompt = vscode.window.showInputBox): Promise<string | undefined> {
  const shownOrigin = safeText(origin, MAX_QUOTED_VALUE_LENGTH);
  const token = await ask({
    title: vscode.l10n.t('Completions Chat: API token'),
    prompt: vscode.l10n.t('API token for {0}. It is kept in VS Code\'s secret storage and sent only to {0}.', shownOrigin),
    password: true,
    ignoreFocusOut: true,
    placeHolder: vscode.l10n.t('Paste your API token'),
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The token must not be empty.')),
  });
  if (!token?.trim()) return undefined;
  await store.set(origin, token);
  return token.trim();
}

export class Credentials {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a token was stored or cleared. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: TokenStore,
    /** How the token is asked for (the options, `password: true` included, stay this module's). */
    private readonly askForToken: InputBoxPrompt = (options) => vscode.window.showInputBox(options),
  ) {}

  async hasToken(origin: string): Promise<boolean> {
    return (await this.store.get(origin)) !== undefined;
  }

  /** The stored token of `origin`, without asking the user. */
  tokenFor(origin: string): Promise<string | undefined> {
    return this.store.get(origin);
  }

  /**
   * Prompts for a new token for the endpoint in `settings`; false when the user cancelled.
   * There is no way to pass the token in: a token is only ever what the user typed.
   */
  async setToken(settings: Settings): Promise<boolean> {
    const origin = endpointOrigin(settings.baseUrl);
    const stored = await promptForToken(this.store, origin, this.askForToken);
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
    const entered = await promptForToken(this.store, origin, this.askForToken);
    if (!entered) throw new MissingTokenError(origin);
    this.changed.fire();
    return { baseUrl: settings.baseUrl, token: entered };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
