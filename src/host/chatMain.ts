// The part of the extension loaded on first use in the desktop (Node) extension host, built as
// its own bundle (dist/chat.js) so that activation loads only the small wiring in extension.ts.
// Everything but the platform's storage is chatRuntime.ts, shared with the web build
// (web/chatMainWeb.ts → dist/web/chat.js).

import type * as vscode from 'vscode';
import { createChatOn, type Chat, type ChatOptions } from './chatRuntime';
import type { LastEditorTracker } from './editor/editorActions';
import { nodePlatform } from './nodePlatform';

export type { Chat, ChatOptions } from './chatRuntime';

export function createChat(context: vscode.ExtensionContext, editors: LastEditorTracker, options: ChatOptions = {}): Chat {
  return createChatOn(nodePlatform, context, editors, options);
}
