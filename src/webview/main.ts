// Webview entry (bundled to dist/webview.js): builds the chat view in #app, draws the state the
// host put in the page if any (issue 10), listens to the host, then says `ready` (naming that
// state) so the host replays the state, or only what changed since.

import type { HostMessage } from '../shared/protocol';
import { createBridge } from './bridge';
import { drawFirstState } from './firstStateBlock';
import { installCatalogue } from './catalogue';
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
  // The bench measures the panel's opening from here (user timing): the script started.
  performance.mark('completionsChat.start');
  const root = document.getElementById('app');
  if (!root) return;
  // The display language's strings, before anything is drawn.
  installCatalogue();
  // Math: KaTeX loads only when an answer holds math; a copy of math gives its TeX.
  setUpMathLoading();
  installMathCopy();
  const view = new ChatView(root, createBridge());
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (looksLikeHostMessage(event.data)) view.handle(event.data);
  });
  // Issue 10: the state the host put in the page, drawn before the first frame.
  const drawn = drawFirstState((message) => {
    if (looksLikeHostMessage(message)) view.handle(message);
  });
  if (drawn !== undefined) markFirstFrame();
  // When `ready` goes to the host (user timing, for the bench).
  performance.mark('completionsChat.ready');
  view.start(drawn);
}

/** For the bench: the start of the frame that paints the state drawn from the page (user timing). */
function markFirstFrame(): void {
  performance.mark('completionsChat.firstStateDrawn');
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => performance.mark('completionsChat.firstStateFrame'));
}

main();
