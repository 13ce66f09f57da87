// The part of the extension loaded on first use, built as its own bundle (dist/chat.js) so that
// activation loads only the small wiring in extension.ts: the output channel, the token store,
// the command handlers, and (on first need of the session) the storage and the view provider.
// Every class whose errors are checked with `instanceof` lives here, in one bundle.

import type * as vscode from 'vscode';
import { openChatServices, type ChatServices } from './chatServices';
import { commandHandlers } from './commands/commands';
import type { CommandId } from './contributionIds';
import { Credentials } from './credentials/credentials';
import { memoizedOpen } from './view/deferredChatView';
import type { LastEditorTracker } from './editor/editorActions';
import { createLogger, type Logger } from './reporting/log';
import { createSettingsService } from './settings/vscodeSettings';
import { TokenStore } from './credentials/tokenStore';

export interface Chat {
  /** Opens the storage and builds the session and the view provider, once. */
  whenReady(): Promise<ChatServices>;
  /** Whether anything has asked for the storage yet. */
  readonly storageRequested: boolean;
  handlers: Record<CommandId, (...args: unknown[]) => Promise<unknown>>;
  credentials: Credentials;
  log: Logger;
  /** Waits (bounded) for pending saves, also while the storage is still opening. */
  flushWithin(ms: number): Promise<unknown>;
}

export function createChat(context: vscode.ExtensionContext, editors: LastEditorTracker): Chat {
  const log = createLogger();
  const credentials = new Credentials(new TokenStore(context.secrets));
  const settings = createSettingsService();
  // Aborted when the extension is deactivated: fetches a command started (the model list).
  const lifetime = new AbortController();
  context.subscriptions.push(log, credentials, settings, { dispose: () => lifetime.abort() });
  let opened: Promise<ChatServices> | undefined;
  const whenReady = memoizedOpen(() => (opened = openChatServices({ context, log, credentials, editors, settings })));
  return {
    whenReady,
    get storageRequested() {
      return opened !== undefined;
    },
    handlers: commandHandlers({ chat: whenReady, credentials, editors, settings, log, signal: lifetime.signal }),
    credentials,
    log,
    flushWithin: async (ms) => {
      if (!opened) return;
      const bound = new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
      await Promise.race([opened.then((services) => services.conversations.flushWithin(ms)).catch(() => undefined), bound]);
    },
  };
}
