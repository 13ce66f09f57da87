// The panel mounted for a test (happy-dom): a ChatView over a fake `acquireVsCodeApi()` in a fresh
// root of the document, frames run by hand. Every panel test builds it here, so a change to how
// the view is constructed is made once.
import { ManualFrames } from './setupDom';
import type { HostMessage } from '../../../src/shared/protocol';
import { createBridge } from '../../../src/webview/bridge';
import { ChatView, type ChatViewOptions } from '../../../src/webview/chatView';
import { FakeVsCodeApi } from './fakeVsCodeApi';

export interface MountOptions extends Omit<ChatViewOptions, 'requestFrame'> {
  /** The page's VS Code API (the same one again is a reload: the page gets its saved state). */
  api?: FakeVsCodeApi;
  /** The frames streamed text waits for (a new ManualFrames when absent). */
  frames?: ManualFrames;
  /** Whether the view starts (says `ready`); true when absent. */
  start?: boolean;
  /** Add the root after what the document holds instead of replacing it (a catalogue in the page). */
  keepDocument?: boolean;
}

export interface MountedView {
  api: FakeVsCodeApi;
  frames: ManualFrames;
  root: HTMLElement;
  view: ChatView;
  /** A host message, as the bridge hands it over. */
  send(message: HostMessage): void;
}

export function mountView(options: MountOptions = {}): MountedView {
  const { api = new FakeVsCodeApi(), frames = new ManualFrames(), start = true, keepDocument = false, ...viewOptions } = options;
  const root = document.createElement('div');
  if (keepDocument) document.body.append(root);
  else document.body.replaceChildren(root);
  const view = new ChatView(root, createBridge(api), { now: frames.now, ...viewOptions, requestFrame: frames.request });
  if (start) view.start();
  return { api, frames, root, view, send: (message) => view.handle(message) };
}
