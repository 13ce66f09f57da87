// The part of the web extension loaded on first use (dist/web/chat.js), as chatMain.ts is on the
// desktop: the same chat on the web platform (storage on `vscode.workspace.fs`).

import type * as vscode from 'vscode';
import { createChatOn, type Chat, type ChatOptions } from '../chatRuntime';
import type { LastEditorTracker } from '../editor/editorActions';
import { webPlatform } from './webPlatform';

export type { Chat, ChatOptions } from '../chatRuntime';

export function createChat(context: vscode.ExtensionContext, editors: LastEditorTracker, options: ChatOptions = {}): Chat {
  return createChatOn(webPlatform, context, editors, options);
}
