// Wiring only: registers the view and the commands at once, and builds the services that need
// the saved conversation (storage folder, session, images, the real view provider) only when
// the view is opened or a command needs them. Activation reads no file and awaits nothing.

import * as vscode from 'vscode';
import { openChatServices, type ChatServices } from './host/chatServices';
import { CHAT_VIEW_ID } from './host/chatViewProvider';
import { registerCommands } from './host/commands';
import { Credentials } from './host/credentials';
import { DeferredChatView, memoizedOpen } from './host/deferredChatView';
import { LastEditorTracker } from './host/editorActions';
import { createLogger } from './host/log';
import { settingsOrReport } from './host/settingsWatcher';
import { TokenStore } from './host/tokenStore';

/** Handed to the integration tests only (extension mode Test): never to other extensions. */
export interface TestApi extends ChatServices {
  credentials: Credentials;
}

/** What activate returns in test mode: nothing is opened until asked for. */
export interface TestHooks {
  /** Opens the storage and builds the session, as opening the view or a command does. */
  whenReady(): Promise<TestApi>;
  /** Whether anything has asked for the storage yet (the view, a command, or whenReady). */
  readonly storageRequested: boolean;
}

/** How long shutdown waits for pending saves (and for the storage to finish opening). */
const SHUTDOWN_SAVE_WAIT_MS = 3000;

let opened: Promise<ChatServices> | undefined;

export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const log = createLogger();
  const credentials = new Credentials(new TokenStore(context.secrets));
  const editors = new LastEditorTracker();
  let storageRequested = false;
  const whenReady = memoizedOpen(() => {
    storageRequested = true;
    opened = openChatServices({ context, log, credentials, editors });
    return opened;
  });
  const reportFailure = (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    log.error(`Opening the saved conversation failed: ${reason}`);
    void vscode.window.showErrorMessage('Completions Chat: the saved conversation could not be opened; see the output channel.');
  };

  context.subscriptions.push(
    log,
    credentials,
    editors,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, new DeferredChatView(whenReady, reportFailure)),
    ...registerCommands({ chat: whenReady, credentials, editors, settingsOrReport, log }),
  );

  return context.extensionMode === vscode.ExtensionMode.Test
    ? {
        whenReady: async () => ({ ...(await whenReady()), credentials }),
        get storageRequested() {
          return storageRequested;
        },
      }
    : undefined;
}

/**
 * Everything else is disposed through context.subscriptions; pending saves are waited for
 * (bounded), also when the storage is still being opened (a migration writes while opening).
 */
export async function deactivate(): Promise<void> {
  if (!opened) return;
  const bound = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_SAVE_WAIT_MS).unref());
  await Promise.race([opened.then((services) => services.conversations.flushWithin(SHUTDOWN_SAVE_WAIT_MS)).catch(() => undefined), bound]);
}
