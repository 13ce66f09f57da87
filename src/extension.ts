// Wiring only, and small on purpose: activation registers the view and the commands under
// their ids and reads no file. The rest of the extension is its own bundle (dist/chat.js,
// src/host/chatMain.ts), loaded when a command runs or the view is resolved; the storage is
// opened, and the session and view provider built, when the view or a command needs them.

import * as vscode from 'vscode';
import type { Chat } from './host/chatMain';
import type { ChatServices } from './host/chatServices';
import { CHAT_VIEW_ID, COMMAND_IDS } from './host/contributionIds';
import type { Credentials } from './host/credentials/credentials';
import { DeferredChatView } from './host/view/deferredChatView';
import { LastEditorTracker } from './host/editor/editorActions';

/** Handed to the integration tests only (extension mode Test): never to other extensions. */
export interface TestApi extends ChatServices {
  credentials: Credentials;
}

/** What activate returns in test mode: nothing is loaded or opened until asked for. */
export interface TestHooks {
  /** Opens the storage and builds the session, as opening the view or a command does. */
  whenReady(): Promise<TestApi>;
  /** Whether anything has asked for the storage yet (the view, a command, or whenReady). */
  readonly storageRequested: boolean;
}

/** How long shutdown waits for pending saves (and for the storage to finish opening). */
const SHUTDOWN_SAVE_WAIT_MS = 3000;

let chat: Chat | undefined;

export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  // From activation on: "insert at cursor" means the last editor the user was in, even when
  // the chat panel is opened much later.
  const editors = new LastEditorTracker();
  const loadChat = (): Chat => {
    if (!chat) {
      // Beside this file in dist/; kept out of this bundle by esbuild.mjs.
      const { createChat } = require('./chat.js') as typeof import('./host/chatMain');
      chat = createChat(context, editors);
    }
    return chat;
  };
  const reportFailure = (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    loadChat().log.error(`Opening the saved conversation failed: ${reason}`);
    void vscode.window.showErrorMessage('Completions Chat: the saved conversation could not be opened; see the output channel.');
  };

  context.subscriptions.push(
    editors,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, new DeferredChatView(async () => loadChat().whenReady(), reportFailure)),
    ...COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => loadChat().handlers[id](...args))),
  );

  return context.extensionMode === vscode.ExtensionMode.Test
    ? {
        whenReady: async () => ({ ...(await loadChat().whenReady()), credentials: loadChat().credentials }),
        get storageRequested() {
          return chat?.storageRequested ?? false;
        },
      }
    : undefined;
}

/** Everything else is disposed through context.subscriptions; pending saves are waited for (bounded). */
export async function deactivate(): Promise<void> {
  await chat?.flushWithin(SHUTDOWN_SAVE_WAIT_MS);
  chat = undefined;
}
