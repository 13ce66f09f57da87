// The message protocol between the extension host and the chat webview, both directions.
// Inbound messages are untrusted until a guard accepts them: nothing crosses as `any`.

import type { AssistantEntry, Conversation, Entry, ImageAttachment } from './conversation';
import { ATTACHMENT_LIMITS, dataUrlLengthFor } from './imageLimits';
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
  /** Images waiting in the composer for the next question (their bytes come as `imageData`). */
  attachments?: ImageAttachment[];
}

/** Image bytes for the view, always as a `data:` URL made by the host from checked bytes. */
export interface ImageData {
  id: string;
  dataUrl: string;
}

export type HostMessage =
  | { type: 'state'; state: ViewState }
  | { type: 'entryAdded'; entry: Entry }
  /** The entry changed in a way other than appended text (finished, failed, usage…). */
  | { type: 'entryUpdated'; entry: AssistantEntry }
  /** Text appended to candidate `index` of a streaming answer, coalesced by the host. */
  /**
   * Text appended to candidate `index` of a streaming answer; `channel` names the refusal or
   * reasoning text it belongs to instead of the answer (so those stream without resending
   * the whole entry per token).
   */
  | { type: 'delta'; entryId: string; index: number; content: string; channel?: DeltaChannel }
  | { type: 'busy'; busy: boolean }
  /**
   * The request failed before any answer and is sent again after `delayMs` (the panel counts
   * the seconds down); `status` is the HTTP status that failed, absent for a connection error.
   */
  | { type: 'retrying'; entryId: string; attempt: number; delayMs: number; status?: number }
  | { type: 'tokenStatus'; hasToken: boolean; origin: string }
  | { type: 'modelChanged'; model: string }
  /** The conversation's parameters changed (from the panel, or after a bad value was refused). */
  | { type: 'optionsChanged'; options: RequestOptions }
  /** Put text in the input box (e.g. after a failed send) and focus it. */
  | { type: 'fillInput'; text: string }
  | { type: 'focusInput' }
  /** The composer's attachments changed (added, removed, or sent with a question). */
  | { type: 'attachments'; attachments: ImageAttachment[] }
  /** An attachment was refused: why, for the user (names the file and the limit). */
  | { type: 'attachmentError'; message: string }
  /** Bytes of attached or fetched images, by id; the view shows them wherever they are used. */
  | { type: 'imageData'; images: ImageData[] };

export type DeltaChannel = 'refusal' | 'reasoning';

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
  | { type: 'openLink'; url: string }
  /** Open the host's file picker for images to attach. */
  | { type: 'pickImages' }
  /** A pasted or dropped file, read by the view; the host judges the bytes, never the declared type. */
  | { type: 'attachImage'; name: string; dataUrl: string }
  | { type: 'removeAttachment'; id: string }
  /** The user clicked an image placeholder: fetch that image of that answer. */
  | { type: 'loadImage'; entryId: string; url: string }
  /** "Always load images from <host>": add the host of that image of that answer to the allow-list. */
  | { type: 'allowImageHost'; entryId: string; url: string }
  /** Save a fetched image of an answer to the workspace, or copy its link. */
  | { type: 'imageAction'; action: ImageAction; entryId: string; url: string };

export type ImageAction = 'save' | 'copyLink';

/** Longest `data:` URL a paste or drop may carry: a little over the attachment size limit. */
export const MAX_ATTACHMENT_DATA_URL_LENGTH = dataUrlLengthFor(ATTACHMENT_LIMITS.maxBytes) + 1024;

type Shape = Record<
  string,
  'string' | 'number' | 'optional-string' | 'optional-number' | 'options' | 'attachment-data-url' | 'image-action'
>;

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
  pickImages: {},
  attachImage: { name: 'string', dataUrl: 'attachment-data-url' },
  removeAttachment: { id: 'string' },
  loadImage: { entryId: 'string', url: 'string' },
  allowImageHost: { entryId: 'string', url: 'string' },
  imageAction: { action: 'image-action', entryId: 'string', url: 'string' },
};

const codeBlockActions: readonly string[] = ['copy', 'insert', 'replace', 'newFile'] satisfies CodeBlockAction[];
const imageActions: readonly string[] = ['save', 'copyLink'] satisfies ImageAction[];
const attachmentDataUrl = /^data:[\w.+-]*\/?[\w.+-]*;base64,[a-z0-9+/=]*$/i;

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
    // Base64 only, and not much over the size limit; the host still judges the bytes.
    if (kind === 'attachment-data-url') {
      return typeof fieldValue === 'string' && fieldValue.length <= MAX_ATTACHMENT_DATA_URL_LENGTH && attachmentDataUrl.test(fieldValue);
    }
    if (kind === 'image-action') return imageActions.includes(fieldValue as string);
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
  if (webviewMessageShapes[type as WebviewMessage['type']].action === 'string') {
    return codeBlockActions.includes(message.action as string);
  }
  return true;
}

/** Ends an exhaustive `switch`: the compiler proves it unreachable. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}
