// The web extension's entry (package.json `browser`, dist/web/extension.js): vscode.dev,
// github.dev and code-server's web worker extension host. The same wiring as src/extension.ts,
// and the same shape: activation registers the view, the commands and the light bulb's fix and
// reads no file; the chat (dist/chatCore.js, the same bundle the desktop runs, on the web
// platform) is loaded on first use. A web worker has no `require` for our own files, so that
// bundle is read and evaluated here (loadChatBundle), as the web worker host loads an entry.

import * as vscode from 'vscode';
import type { TestHooks } from '../../extension';
import { CHAT_VIEW_ID, COMMAND_IDS } from '../contributionIds';
import { LastEditorTracker } from '../editor/editorActions';
import { FixWithChatActions } from '../editor/fixCodeAction';
import { DeferredChatView } from '../view/deferredChatView';
import type { Chat } from '../chatRuntime';
import { loadChatBundle } from './chatBundle';

const SHUTDOWN_SAVE_WAIT_MS = 3000;

let loading: Promise<Chat> | undefined;
let chat: Chat | undefined;

export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const editors = new LastEditorTracker();
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  const load = (): Promise<Chat> =>
    (loading ??= loadChatBundle(context.extensionUri, vscode).then(
      (module) => (chat = module.createChatOn(module.webPlatform, context, editors, { answerableDialogs: testing })),
      (error: unknown) => {
        loading = undefined;
        void vscode.window.showErrorMessage(vscode.l10n.t('Completions Chat could not load its chat: {0}', error instanceof Error ? error.message : String(error)));
        throw error;
      },
    ));
  context.subscriptions.push(
    editors,
    vscode.window.registerWebviewViewProvider(
      CHAT_VIEW_ID,
      new DeferredChatView(
        async () => (await load()).whenReady(),
        (error) => chat?.reportOpenFailure(error),
      ),
    ),
    ...COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, async (...args: unknown[]) => (await load()).handlers[id](...args))),
    vscode.languages.registerCodeActionsProvider('*', new FixWithChatActions(), { providedCodeActionKinds: FixWithChatActions.kinds }),
  );
  if (!testing) return undefined;
  return {
    whenReady: async () => {
      const loaded = await load();
      return { ...(await loaded.whenReady()), credentials: loaded.credentials, dialogs: loaded.answerableDialogs! };
    },
    get storageRequested() {
      return chat?.storageRequested ?? false;
    },
  };
}

export async function deactivate(): Promise<void> {
  await chat?.flushWithin(SHUTDOWN_SAVE_WAIT_MS);
  chat = undefined;
  loading = undefined;
}
