// Which endpoint a request goes to and with which token. A token is only ever used for the
// origin it was entered for; a new origin means asking the user first, showing that origin.

import * as vscode from 'vscode';
import { MissingTokenError } from '../session/answerErrors';
import { endpointOrigin, isLoopbackOrigin, type Settings } from '../settings/settings';
import { DEFAULT_PROFILE_KEY, type EndpointProfile } from '../settings/profiles';

export { endpointOrigin };
import type { TokenStore } from './tokenStore';
import { MAX_QUOTED_VALUE_LENGTH, safeText } from '../reporting/untrustedText';

/** Shows an input box; replaceable in tests, where no box can be typed into. */
export type InputBoxPrompt = (options: vscode.InputBoxOptions) => Thenable<string | undefined>;

/** Settings that may name the endpoint profile they are for (issue 12); without one: Default. */
export type EndpointSettings = Settings & { profile?: Pick<EndpointProfile, 'key' | 'name'> };

/**
 * Asks for the token of `origin` with a password box; stores it when given. `profileName`: the
 * endpoint profile it is for, when it is not the Default one (shown as plain text).
 */
export async function promptForToken(store: TokenStore, origin: string, ask: InputBoxPrompt = vscode.window.showInputBox, profileName?: string): Promise<string | undefined> {
  const shownOrigin = safeText(origin, MAX_QUOTED_VALUE_LENGTH);
  const shownProfile = profileName === undefined ? undefined : safeText(profileName, MAX_QUOTED_VALUE_LENGTH);
  const token = await ask({
    title: shownProfile === undefined ? vscode.l10n.t('Completions Chat: API token') : vscode.l10n.t('Completions Chat: API token for the profile "{0}"', shownProfile),
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
    /** The token store of an endpoint profile (issue 12: each has its own token); undefined: Default. */
    private readonly storeFor: (profileKey: string | undefined) => TokenStore,
    /** How the token is asked for (the options, `password: true` included, stay this module's). */
    private readonly askForToken: InputBoxPrompt = (options) => vscode.window.showInputBox(options),
  ) {}

  async hasToken(origin: string, profileKey?: string): Promise<boolean> {
    return (await this.storeFor(profileKey).get(origin)) !== undefined;
  }

  /** The stored token of `origin` (for the profile of `profileKey`), without asking the user. */
  tokenFor(origin: string, profileKey?: string): Promise<string | undefined> {
    return this.storeFor(profileKey).get(origin);
  }

  /**
   * Prompts for a new token for the endpoint in `settings` (and its profile); false when the user
   * cancelled. There is no way to pass the token in: a token is only ever what the user typed.
   */
  async setToken(settings: EndpointSettings): Promise<boolean> {
    const origin = endpointOrigin(settings.baseUrl);
    const stored = await promptForToken(this.storeFor(settings.profile?.key), origin, this.askForToken, profileNameOf(settings));
    if (stored) this.changed.fire();
    return stored !== undefined;
  }

  /** Removes the token of one profile (undefined: the Default profile). */
  async clear(profileKey?: string): Promise<void> {
    await this.storeFor(profileKey).clear();
    this.changed.fire();
  }

  /** The endpoint and token for a request; asks for a token the endpoint has none for. */
  async forRequest(settings: EndpointSettings): Promise<{ baseUrl: string; token?: string }> {
    const origin = endpointOrigin(settings.baseUrl);
    const store = this.storeFor(settings.profile?.key);
    const token = await store.get(origin);
    if (token) return { baseUrl: settings.baseUrl, token };
    if (isLoopbackOrigin(origin)) return { baseUrl: settings.baseUrl };
    const entered = await promptForToken(store, origin, this.askForToken, profileNameOf(settings));
    if (!entered) throw new MissingTokenError(origin);
    this.changed.fire();
    return { baseUrl: settings.baseUrl, token: entered };
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The name to show for the profile of `settings`: none for the Default profile. */
function profileNameOf(settings: EndpointSettings): string | undefined {
  const profile = settings.profile;
  return profile && profile.key !== DEFAULT_PROFILE_KEY ? profile.name : undefined;
}
