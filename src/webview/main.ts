// Webview entry (bundled to dist/webview.js): builds the chat view in #app, listens to the
// host, then says `ready` so the host replays the state.

import type { HostMessage } from '../shared/protocol';
import { createBridge } from './bridge';
import { ChatView } from './chatView';
import { installMathCopy } from './mathCopy';
import { setUpMathLoading } from './mathLoader';

/** Every host message type, as a record so the compiler refuses a list that misses a new one. */
const hostMessageTypes: { readonly [K in HostMessage['type']]: true } = {
  state: true,
  entryAdded: true,
  entryUpdated: true,
  delta: true,
  busy: true,
  retrying: true,
  tokenStatus: true,
  modelChanged: true,
  optionsChanged: true,
  fillInput: true,
  focusInput: true,
  attachments: true,
  attachmentError: true,
  imageData: true,
  // History and search (issue 11).
  history: true,
  searchResults: true,
  // Issue 11: edit and resend.
  undoOffer: true,
  // --- context items (issue 11: more context) ---
  contextItems: true,
  contextError: true,
  olderEntries: true,
};

/** A cheap shape check: other extensions' or stray window messages are ignored, not thrown on. */
function looksLikeHostMessage(data: unknown): data is HostMessage {
  if (typeof data !== 'object' || data === null) return false;
  const type = (data as { type?: unknown }).type;
  return typeof type === 'string' && Object.hasOwn(hostMessageTypes, type);
}

function main(): void {
  const root = document.getElementById('app');
  if (!root) return;
  // Math: KaTeX loads only when an answer holds math; a copy of math gives its TeX.
  setUpMathLoading();
  installMathCopy();
  const view = new ChatView(root, createBridge());
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (looksLikeHostMessage(event.data)) view.handle(event.data);
  });
  // When `ready` goes to the host: the bench measures the panel's opening from here (user timing).
  performance.mark('completionsChat.ready');
  view.start();
}

main();
