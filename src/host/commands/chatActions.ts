// What the palette's commands and the panel's buttons both do: show the panel, start a new
// conversation, choose the model, set the token. One implementation each, called directly by
// commands.ts and view/chatController.ts: neither goes through a command to reach the other.
// Free of `vscode` (the UI comes in as functions), so it runs in plain Node under test.

import { ChatError } from '../../core/errors';
import { listModels as fetchModelList, type ModelListOptions } from '../../core/modelList';
import type { Credentials } from '../credentials/credentials';
import type { Dialogs } from '../dialogs';
import type { Logger } from '../reporting/log';
import type { ChatSession } from '../session/chatSession';
import { endpointOrigin, type Settings } from '../settings/settings';
import type { EndpointProfile } from '../settings/profiles';
import type { SettingsService } from '../settings/settingsService';
import { MAX_QUOTED_VALUE_LENGTH, safeText } from '../reporting/untrustedText';
import type { ChatPresenter } from '../view/chatPresenter';
import { t } from '../../shared/l10n';

/** How long the model picker waits for the server's model list. */
export const MODEL_LIST_TIMEOUT_MS = 10_000;

export interface TokenServices {
  credentials: Pick<Credentials, 'setToken'>;
  settings: Pick<SettingsService, 'forRequest' | 'valid' | 'reportFailure'>;
  dialogs: Dialogs;
  /** Endpoint profiles (issue 12): the profile whose token and endpoint are meant (absent: Default). */
  profile?(): EndpointProfile;
}

/** `settings` with the endpoint of `profile` (issue 12); as they are without one. */
export function withProfile(settings: Settings, profile: EndpointProfile | undefined): Settings & { profile?: EndpointProfile } {
  return profile ? { ...settings, baseUrl: profile.baseUrl, profile } : settings;
}

/**
 * Always asks, in a password box. Nothing can pass a token in: a `command:` link in a
 * notification, a hover or a markdown preview can run the command with any arguments, and a
 * token passed that way would be an attacker's token, stored silently to receive the user's code.
 */
export async function setApiToken({ credentials, settings, dialogs, profile }: TokenServices): Promise<void> {
  let current;
  try {
    current = withProfile(settings.forRequest(), profile?.());
  } catch (error) {
    // A bad endpoint setting is named, with Open Settings, each time the user asks.
    if (settings.reportFailure(error)) return;
    throw error;
  }
  const saved = await credentials.setToken(current);
  if (saved) dialogs.info(t('API token saved for {0}.', safeText(endpointOrigin(current.baseUrl), MAX_QUOTED_VALUE_LENGTH)));
}

export interface ChatActionsDeps extends TokenServices {
  credentials: Pick<Credentials, 'setToken' | 'tokenFor'>;
  session: Pick<ChatSession, 'conversation' | 'reset' | 'setModel'>;
  presenter: Pick<ChatPresenter, 'focusInput' | 'modelChanged' | 'closeHistory'>;
  log: Logger;
  /** Shows the chat view (VS Code's own `<view id>.focus`). */
  focusView(): Thenable<unknown>;
  /** The model picker: resolves with the chosen id, undefined when cancelled. */
  pickModel(current: string, serverModels: Promise<string[]>): Promise<string | undefined>;
  listModels?: typeof fetchModelList;
  /** The model list's custom headers and fetch for the endpoint of `settings` (issue 12). */
  modelListOptions?(settings: Settings & { profile?: EndpointProfile }): Promise<ModelListOptions>;
  /** Endpoint profiles (issue 12): what a new conversation starts with (absent: completionsChat.model, Default). */
  newConversationProfile?(): { profile: string; model: string };
}

export class ChatActions {
  /** Aborts a model list still being fetched when the extension shuts down. */
  private readonly disposed = new AbortController();

  constructor(private readonly deps: ChatActionsDeps) {}

  /** Shows the panel and puts the cursor in its input. */
  async reveal(): Promise<void> {
    await this.deps.focusView();
    this.deps.presenter.focusInput();
  }

  async newConversation(): Promise<void> {
    const { session } = this.deps;
    const started = this.deps.newConversationProfile?.();
    if (started) session.reset(started.model, started.profile);
    else session.reset(this.deps.settings.valid()?.model ?? session.conversation.model);
    // The old one stays in the history; the panel shows the new one (not the history list).
    this.deps.presenter.closeHistory(true);
    await this.reveal();
  }

  /** The picker shows the known models at once and the server's list when (if) it comes. */
  async selectModel(): Promise<void> {
    const { session, log } = this.deps;
    const valid = this.deps.settings.valid();
    // Issue 12: the list of the endpoint the conversation's profile names.
    const settings = valid && withProfile(valid, this.deps.profile?.());
    // Not needed once the picker is closed (or the extension shut down): the fetch is aborted then.
    const picked = new AbortController();
    const signal = AbortSignal.any([AbortSignal.timeout(MODEL_LIST_TIMEOUT_MS), this.disposed.signal, picked.signal]);
    const serverModels = (async () => {
      if (!settings) return [];
      const token = await this.deps.credentials.tokenFor(endpointOrigin(settings.baseUrl), settings.profile?.key);
      const options = this.deps.modelListOptions ? await this.deps.modelListOptions(settings) : undefined;
      return (this.deps.listModels ?? fetchModelList)(settings.baseUrl, token, signal, options);
    })();
    serverModels.catch((error: unknown) => {
      if (picked.signal.aborted || this.disposed.signal.aborted) return;
      log.info(`No model list from the server: ${String(error)}`);
      // Network (issue 12): a server known to have no list (Azure OpenAI) says so, with what to do.
      if (error instanceof ChatError && error.code === 'models_unavailable') this.deps.dialogs.info(t('Completions Chat: {0}', safeText(error.message)));
    });
    let model: string | undefined;
    try {
      model = await this.deps.pickModel(session.conversation.model, serverModels);
    } finally {
      picked.abort();
    }
    if (!model) return;
    session.setModel(model);
    this.deps.presenter.modelChanged(model);
  }

  setToken(): Promise<void> {
    return setApiToken(this.deps);
  }

  dispose(): void {
    this.disposed.abort();
  }
}
