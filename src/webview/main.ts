// Webview entry (bundled to dist/webview.js): builds the chat view in #app, listens to the
// host, then says `ready` so the host replays the state.

import type { HostMessage } from '../shared/protocol';
import { createBridge } from './bridge';
import { ChatView } from './chatView';

const hostMessageTypes: ReadonlySet<string> = new Set<HostMessage['type']>([
  'state', 'entryAdded', 'entryUpdated', 'delta', 'busy', 'tokenStatus', 'modelChanged', 'optionsChanged', 'fillInput', 'focusInput',
  'attachments', 'attachmentError', 'imageData',
]);

/** A cheap shape check: other extensions' or stray window messages are ignored, not thrown on. */
function looksLikeHostMessage(data: unknown): data is HostMessage {
  return typeof data === 'object' && data !== null && hostMessageTypes.has((data as { type?: unknown }).type as string);
}

function main(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const view = new ChatView(root, createBridge());
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (looksLikeHostMessage(event.data)) view.handle(event.data);
  });
  view.start();
}

main();
