// The webview's `acquireVsCodeApi()` for tests: records what the view posts and keeps its UI state.
import type { WebviewMessage } from '../../../src/shared/protocol';
import type { VsCodeApi } from '../../../src/webview/bridge';

export class FakeVsCodeApi implements VsCodeApi {
  readonly posted: WebviewMessage[] = [];
  state: unknown;
  constructor(state?: unknown) {
    this.state = state;
  }
  postMessage(message: unknown): void {
    this.posted.push(message as WebviewMessage);
  }
  getState(): unknown {
    return this.state;
  }
  setState(state: unknown): void {
    this.state = state;
  }
}
