// The message protocol between the extension host and the chat webview, both directions.
// Inbound messages are untrusted until a guard accepts them: nothing crosses as `any`.

import type { AssistantEntry, Conversation, Entry } from './conversation';
import { isRequestOptions, type OptionDefaults, type RequestOptions } from './requestOptions';

/** Everything the webview needs to draw itself from nothing (sent after `ready`). */
export interface ViewState {
  conversation: Conversation;
  /** Whether a token is stored for the current endpoint; the token itself never crosses. */
  hasToken: boolean;
  /** The endpoint's origin, shown in the first-run hint, e.g. `https://api.acedata.cloud`. */
  origin: string;
  /** True while an answer is streaming. */
  busy: boolean;
  /** The settings the conversation's parameters fall back to; absent when they cannot be read. */
  defaults?: OptionDefaults;
}

export type HostMessage =
  | { type: 'state'; state: ViewState }
  | { type: 'entryAdded'; entry: Entry }
  /** The entry changed in a way other than appended text (finished, failed, usage…). */
  | { type: 'entryUpdated'; entry: AssistantEntry }
  /** Text appended to candidate `index` of a streaming answer, coalesced by the host. */
  | { type: 'delta'; entryId: string; index: number; content: string }
  | { type: 'busy'; busy: boolean }
  | { type: 'tokenStatus'; hasToken: boolean; origin: string }
  | { type: 'modelChanged'; model: string }
  /** The conversation's parameters changed (from the panel, or after a bad value was refused). */
  | { type: 'optionsChanged'; options: RequestOptions }
  /** Put text in the input box (e.g. after a failed send) and focus it. */
  | { type: 'fillInput'; text: string }
  | { type: 'focusInput' };

export type CodeBlockAction = 'copy' | 'insert' | 'replace' | 'newFile';

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'send'; text: string }
  | { type: 'stop' }
  /** Ask again for the last answer (after an error, a stop, or just for another try). */
  | { type: 'regenerate' }
  | { type: 'newConversation' }
  | { type: 'selectModel' }
  | { type: 'setToken' }
  | { type: 'openSettings'; setting?: string }
  /**
   * `block` is the 0-based index of the fenced code block in document order; `candidate` is
   * the candidate the user is looking at (absent: the chosen one).
   */
  | { type: 'codeAction'; action: CodeBlockAction; entryId: string; block: number; candidate?: number }
  | { type: 'answerAction'; action: CodeBlockAction; entryId: string; candidate?: number }
  /** Replaces the conversation's parameters; absent fields follow the settings. */
  | { type: 'setOptions'; options: RequestOptions }
  /** "Use this answer": candidate `index` becomes the one the next request carries. */
  | { type: 'chooseCandidate'; entryId: string; index: number }
  /** Save a JSON-mode answer (the candidate shown, else the chosen one) as a `.json` file. */
  | { type: 'saveJson'; entryId: string; candidate?: number }
  | { type: 'openLink'; url: string };

type Shape = Record<string, 'string' | 'number' | 'optional-string' | 'optional-number' | 'options'>;

const webviewMessageShapes: { [K in WebviewMessage['type']]: Shape } = {
  ready: {},
  send: { text: 'string' },
  stop: {},
  regenerate: {},
  newConversation: {},
  selectModel: {},
  setToken: {},
  openSettings: { setting: 'optional-string' },
  codeAction: { action: 'string', entryId: 'string', block: 'number', candidate: 'optional-number' },
  answerAction: { action: 'string', entryId: 'string', candidate: 'optional-number' },
  setOptions: { options: 'options' },
  chooseCandidate: { entryId: 'string', index: 'number' },
  saveJson: { entryId: 'string', candidate: 'optional-number' },
  openLink: { url: 'string' },
};

const codeBlockActions: readonly string[] = ['copy', 'insert', 'replace', 'newFile'] satisfies CodeBlockAction[];

function isIndex(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function hasShape(value: Record<string, unknown>, shape: Shape): boolean {
  return Object.entries(shape).every(([field, kind]) => {
    const fieldValue = value[field];
    if (kind === 'optional-string') return fieldValue === undefined || typeof fieldValue === 'string';
    if (kind === 'number') return isIndex(fieldValue);
    if (kind === 'optional-number') return fieldValue === undefined || isIndex(fieldValue);
    // Range checks too: a value the panel would refuse never reaches the host.
    if (kind === 'options') return isRequestOptions(fieldValue);
    return typeof fieldValue === kind;
  });
}

/** Accepts exactly the messages the webview may send; anything else is dropped by the host. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  const type = message.type;
  if (typeof type !== 'string' || !Object.hasOwn(webviewMessageShapes, type)) return false;
  if (!hasShape(message, webviewMessageShapes[type as WebviewMessage['type']])) return false;
  if ('action' in webviewMessageShapes[type as WebviewMessage['type']]) {
    return codeBlockActions.includes(message.action as string);
  }
  return true;
}

/** Ends an exhaustive `switch`: the compiler proves it unreachable. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}
