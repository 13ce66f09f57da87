// The only place that talks to VS Code's webview API: typed messages out, UI state kept
// across reloads of the view (never conversation data: the host owns that).

import type { WebviewMessage } from '../shared/protocol';
import { toSentQuestion, type SentQuestion } from './sentQuestion';

/** The object `acquireVsCodeApi()` returns inside a VS Code webview. */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What survives the view being hidden and rebuilt: only what the user was doing here. */
export interface UiState {
  draft: string;
  /** The Parameters form is open. */
  parametersOpen?: boolean;
  /** A question sent whose echo from the host has not come yet (sentQuestion.ts). */
  sent?: SentQuestion;
}

export interface Bridge {
  post(message: WebviewMessage): void;
  loadUiState(): UiState;
  saveUiState(state: UiState): void;
}

function toUiState(value: unknown): UiState {
  const saved = typeof value === 'object' && value !== null ? (value as { draft?: unknown; parametersOpen?: unknown; sent?: unknown }) : {};
  const state: UiState = { draft: typeof saved.draft === 'string' ? saved.draft : '' };
  if (saved.parametersOpen === true) state.parametersOpen = true;
  const sent = toSentQuestion(saved.sent);
  if (sent) state.sent = sent;
  return state;
}

/** `api` is given in tests; in the webview it is acquired (allowed once per page). */
export function createBridge(api: VsCodeApi = acquireVsCodeApi()): Bridge {
  return {
    post: (message) => api.postMessage(message),
    loadUiState: () => toUiState(api.getState()),
    saveUiState: (state) => api.setState(state),
  };
}
