// Wiring only: activation registers the view, the commands and the light bulb's fix, and reads no
// file. The rest (dist/chat.js, host/chatMain.ts) loads when a command runs or the view opens.

import * as vscode from 'vscode';
import type { AnswerableDialogs } from './host/answerableDialogs';
import type { Chat } from './host/chatMain';
import type { ChatServices } from './host/chatServices';
import { CHAT_VIEW_ID, COMMAND_IDS } from './host/contributionIds';
import type { Credentials } from './host/credentials/credentials';
import { LastEditorTracker } from './host/editor/editorActions';
import { FixWithChatActions } from './host/editor/fixCodeAction';
import { DeferredChatView } from './host/view/deferredChatView';

/** Handed to the integration tests only (extension mode Test): never to other extensions. */
export interface TestApi extends ChatServices {
  credentials: Credentials;
  /** Every dialog the extension shows; a test answers one in the user's place. */
  dialogs: AnswerableDialogs;
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
  // "Insert at cursor" means the last editor the user was in, even if the panel opens much later.
  const editors = new LastEditorTracker();
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  // Beside this file in dist/; kept out of this bundle by esbuild.mjs.
  const load = (): Chat => (chat ??= (require('./chat.js') as typeof import('./host/chatMain')).createChat(context, editors, { answerableDialogs: testing }));
  context.subscriptions.push(
    editors,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, new DeferredChatView(() => load().whenReady(), (error) => load().reportOpenFailure(error))),
    ...COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => load().handlers[id](...args))),
    vscode.languages.registerCodeActionsProvider('*', new FixWithChatActions(), { providedCodeActionKinds: FixWithChatActions.kinds }),
  );
  if (!testing) return undefined;
  return {
    whenReady: async () => ({ ...(await load().whenReady()), credentials: load().credentials, dialogs: load().answerableDialogs! }),
    get storageRequested() {
      return chat?.storageRequested ?? false;
    },
  };
}

/** Everything else is disposed through context.subscriptions; pending saves are waited for (bounded). */
export async function deactivate(): Promise<void> {
  await chat?.flushWithin(SHUTDOWN_SAVE_WAIT_MS);
  chat = undefined;
}
