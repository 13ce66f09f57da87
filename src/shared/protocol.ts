// The message protocol between the extension host and the chat webview, both directions.
// Inbound messages are untrusted until a guard accepts them: nothing crosses as `any`.

import type { AssistantEntry, Conversation, Entry } from './conversation';

/** Everything the webview needs to draw itself from nothing (sent after `ready`). */
export interface ViewState {
  conversation: Conversation;
  /** Whether a token is stored for the current endpoint; the token itself never crosses. */
  hasToken: boolean;
  /** The endpoint's origin, shown in the first-run hint, e.g. `https://api.acedata.cloud`. */
  origin: string;
  /** True while an answer is streaming. */
  busy: boolean;
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
  /** `block` is the 0-based index of the fenced code block in document order. */
  | { type: 'codeAction'; action: CodeBlockAction; entryId: string; block: number }
  | { type: 'answerAction'; action: CodeBlockAction; entryId: string }
  | { type: 'openLink'; url: string };

type Shape = Record<string, 'string' | 'number' | 'optional-string'>;

const webviewMessageShapes: { [K in WebviewMessage['type']]: Shape } = {
  ready: {},
  send: { text: 'string' },
  stop: {},
  regenerate: {},
  newConversation: {},
  selectModel: {},
  setToken: {},
  openSettings: { setting: 'optional-string' },
  codeAction: { action: 'string', entryId: 'string', block: 'number' },
  answerAction: { action: 'string', entryId: 'string' },
  openLink: { url: 'string' },
};

const codeBlockActions: readonly string[] = ['copy', 'insert', 'replace', 'newFile'] satisfies CodeBlockAction[];

function hasShape(value: Record<string, unknown>, shape: Shape): boolean {
  return Object.entries(shape).every(([field, kind]) => {
    const fieldValue = value[field];
    if (kind === 'optional-string') return fieldValue === undefined || typeof fieldValue === 'string';
    if (kind === 'number') return typeof fieldValue === 'number' && Number.isInteger(fieldValue) && fieldValue >= 0;
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
