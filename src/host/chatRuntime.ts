// The part of the extension loaded on first use (in dist/chatCore.js, one bundle for the desktop
// and the browser: chatCore.ts), so that activation loads only the small wiring: the output
// channel, the token store, the command handlers, and (on first need of the session) the storage
// and the view provider, on the platform each entry hands in. Every class whose errors are
// checked with `instanceof` lives here, in one bundle.

import type * as vscode from 'vscode';
import { AnswerableDialogs } from './answerableDialogs';
import { openChatServices, type ChatServices } from './chatServices';
import { commandHandlers } from './commands/commands';
import type { CommandId } from './contributionIds';
import { Credentials } from './credentials/credentials';
import { TokenStore, tokenSecretKey } from './credentials/tokenStore';
import { vscodeDialogs, vscodeExportTargets, type Dialogs } from './dialogs';
import type { LastEditorTracker } from './editor/editorActions';
import { installLocalization } from './localization';
import { createLogger, type Logger } from './reporting/log';
import { createSettingsService, showSettingError } from './settings/vscodeSettings';
import { memoizedOpen } from './view/deferredChatView';
import type { HostPlatform } from './platform';
import { createProfileService } from './profileServices';
import { t } from '../shared/l10n';
import { withinMs } from './withinMs';

export interface Chat {
  /** Opens the storage and builds the session and the view provider, once. */
  whenReady(): Promise<ChatServices>;
  /** Whether anything has asked for the storage yet. */
  readonly storageRequested: boolean;
  handlers: Record<CommandId, (...args: unknown[]) => Promise<unknown>>;
  credentials: Credentials;
  /** The dialogs, when the integration tests may answer them (test mode only). */
  answerableDialogs?: AnswerableDialogs;
  log: Logger;
  /** The storage could not be opened for the view: logged, and the user told. */
  reportOpenFailure(error: unknown): void;
  /** Shutdown: marks a running answer interrupted, then waits (bounded) for pending saves, also while the storage is still opening. */
  flushWithin(ms: number): Promise<unknown>;
}

export interface ChatOptions {
  /** Integration tests answer dialogs in the user's place (ExtensionMode.Test only). */
  answerableDialogs?: boolean;
}

export function createChatOn(platform: HostPlatform, context: vscode.ExtensionContext, editors: LastEditorTracker, options: ChatOptions = {}): Chat {
  // This bundle's copies of core and shared speak the display language.
  installLocalization();
  const log = createLogger();
  const answerableDialogs = options.answerableDialogs ? new AnswerableDialogs(vscodeDialogs) : undefined;
  const dialogs: Dialogs = answerableDialogs ?? vscodeDialogs;
  // Endpoint profiles (issue 12): each profile's token under its own key.
  const credentials = new Credentials((profileKey) => new TokenStore(context.secrets, tokenSecretKey(profileKey)), (options) => dialogs.showInputBox(options));
  const settings = createSettingsService(dialogs);
  // Network (issue 12): headers, and on the desktop the proxy and CAs; builds nothing until a request asks.
  const network = platform.createNetwork(context.secrets, (problem) => showSettingError(problem, dialogs));
  // Endpoint profiles (issue 12): a bad entry is reported like any other setting.
  const profiles = createProfileService(context, settings, (problem) => showSettingError(problem, dialogs));
  context.subscriptions.push(log, credentials, settings, network);
  let opened: Promise<ChatServices> | undefined;
  const whenReady = memoizedOpen(() => (opened = openChatServices({ context, log, credentials, editors, dialogs, settings, platform, network, profiles })));
  return {
    whenReady,
    get storageRequested() {
      return opened !== undefined;
    },
    handlers: commandHandlers({ chat: whenReady, credentials, editors, settings, dialogs, exports: vscodeExportTargets, log, network, profiles }),
    credentials,
    answerableDialogs,
    log,
    reportOpenFailure: (error) => {
      log.error(`Opening the saved conversation failed: ${error instanceof Error ? error.message : String(error)}`);
      dialogs.error(t('Completions Chat: the saved conversation could not be opened; see the output channel.'));
    },
    flushWithin: async (ms) => {
      if (!opened) return;
      // Shutdown: a running answer is marked interrupted (and saved) before the saves are waited for.
      const flushed = opened.then((services) => {
        services.session.interrupt();
        return services.conversations.flushWithin(ms);
      });
      await withinMs(flushed.catch(() => undefined), ms, { unref: true });
    },
  };
}
