// The desktop's part of the chat loaded on first use (dist/chat.js), so that activation loads
// only the small wiring in extension.ts. The chat itself is dist/chatCore.js (chatCore.ts), the
// same bundle the web extension runs; this bundle holds only the Node pieces (nodeParts.ts) and
// hands them in.

import { join } from 'node:path';
import type * as vscode from 'vscode';
import { installLocalization } from './localization';
import type * as chatCore from './chatCore';
import type { Chat, ChatOptions } from './chatRuntime';
import type { LastEditorTracker } from './editor/editorActions';
import { nodeParts } from './nodeParts';

export type { Chat, ChatOptions } from './chatRuntime';

export function createChat(context: vscode.ExtensionContext, editors: LastEditorTracker, options: ChatOptions = {}): Chat {
  // The Node pieces word some messages (a CA file that cannot be read) with this bundle's own
  // copy of the translator: it speaks the display language too.
  installLocalization();
  // Beside this bundle in dist/; by a computed path, so esbuild leaves it out of this bundle.
  const core = require(join(__dirname, 'chatCore.js')) as typeof chatCore;
  return core.createChatOn(core.nodePlatform(nodeParts), context, editors, options);
}
