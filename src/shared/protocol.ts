// The message protocol between the extension host and the chat webview, both directions.
// Inbound messages are untrusted until a guard accepts them: nothing crosses as `any`.

import type { AssistantEntry, CodeContext, Conversation, Entry, ImageAttachment } from './conversation';
import { historyMessageShapes, type HistoryHostMessage, type HistoryWebviewMessage } from './historyProtocol';
import { ATTACHMENT_LIMITS, dataUrlLengthFor } from './imageLimits';
import { isRequestOptions, type OptionDefaults, type RequestOptions } from './requestOptions';
import { isRestoredContexts, type PendingContextItem } from './contextItems';
import { MAX_DROPPED_URI_LENGTH, MAX_DROPPED_URIS } from './uriList';

/** Everything the webview needs to draw itself from nothing (sent after `ready`). */
export interface ViewState {
  conversation: Conversation;
  /** Whether a token is stored for the current endpoint; the token itself never crosses. */
  hasToken: boolean;
  /** The endpoint's origin, shown in the first-run hint, e.g. `https://api.acedata.cloud`. */
  origin: string;
  /** True while an answer is streaming. */
  busy: boolean;
  /** The request that answer belongs to (see RequestId), while busy. */
  requestId?: RequestId;
  /** The settings the conversation's parameters fall back to; absent when they cannot be read. */
  defaults?: OptionDefaults;
  /** Images waiting in the composer for the next question (their bytes come as `imageData`). */
  attachments?: ImageAttachment[];
  /** Turns an edit or a regenerate replaced, which the panel offers to bring back (issue 11). */
  undo?: UndoOffer;
  // --- context items (issue 11: more context) ---
  /** Files and selections waiting in the composer for the next question. */
  contextItems?: PendingContextItem[];
  // --- issue 10 (perf): a long conversation in two messages (shared/firstState.ts) ---
  /** `conversation` holds only the newest entries: the older ones follow in `olderEntries` with this number. */
  olderToFollow?: number;
  // --- endpoint profiles (issue 12) ---
  /** The name of the shown conversation's endpoint profile; absent when there is only the Default one. */
  profile?: string;
}

/** Image bytes for the view, always as a `data:` URL made by the host from checked bytes. */
export interface ImageData {
  id: string;
  dataUrl: string;
}

/**
 * One run of one answer (a send or a regenerate), named by the host with a fresh UUID. The
 * messages a run causes carry it, and Stop names it, so that a message or a Stop of an older
 * request can never act on a newer one. Messages that belong to no request (choosing a
 * candidate, an image arriving) carry none.
 */
export type RequestId = string;

export type HostMessage =
  | { type: 'state'; state: ViewState }
  /** `requestId`: for the answer a request streams into. */
  | { type: 'entryAdded'; entry: Entry; requestId?: RequestId }
  /**
   * The entry changed in a way other than appended text (finished, failed, usage…);
   * `requestId` when the change comes from the request streaming into it.
   */
  | { type: 'entryUpdated'; entry: AssistantEntry; requestId?: RequestId }
  /**
   * Text appended to a streaming answer since the last such message, in the order it came:
   * the host sends at most one per frame per answer (src/host/view/deltaPacer.ts). The view
   * folds the parts into its copy of the entry with shared/answerReducer.ts.
   */
  | { type: 'delta'; entryId: string; requestId?: RequestId; parts: DeltaPart[] }
  /** An answer started (`busy`, with its request) or ended (not busy, naming the request that ended). */
  | { type: 'busy'; busy: boolean; requestId?: RequestId }
  /**
   * The request failed before any answer and is sent again after `delayMs` (the panel counts
   * the seconds down); `status` is the HTTP status that failed, absent for a connection error.
   */
  | { type: 'retrying'; entryId: string; requestId?: RequestId; attempt: number; delayMs: number; status?: number }
  /** `profile`: the endpoint profile's name, as in ViewState (issue 12). */
  | { type: 'tokenStatus'; hasToken: boolean; origin: string; profile?: string }
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
  | { type: 'imageData'; images: ImageData[] }
  // History and search (issue 11): shared/historyProtocol.ts.
  | HistoryHostMessage
  | TurnEditHostMessage
  // --- context items (issue 11: more context) ---
  /** The composer's files and selections changed (added, removed, or sent with a question). */
  | { type: 'contextItems'; items: PendingContextItem[] }
  /** An item was refused (a limit, a binary file, unreadable): why, for the user, naming it. */
  | { type: 'contextError'; message: string }
  // --- issue 10 (perf): a long conversation in two messages (shared/firstState.ts) ---
  /**
   * The entries before those of the `state` whose `olderToFollow` is `token`, oldest first, sent
   * when the view asks (`olderEntriesWanted`, once it painted the newest): it puts them above
   * what it shows (a newer state makes them stale: they are dropped).
   */
  | { type: 'olderEntries'; token: number; entries: Entry[] };

export type DeltaChannel = 'refusal' | 'reasoning';

/**
 * Text appended to candidate `index`; `channel` names the refusal or reasoning text it belongs
 * to instead of the answer (so those stream without resending the whole entry per token).
 */
export interface DeltaPart {
  index: number;
  content: string;
  channel?: DeltaChannel;
}

export type CodeBlockAction = 'copy' | 'insert' | 'replace' | 'newFile' | 'diff';

export type WebviewMessage =
  /** `drawn` (issue 10, first state in the page): the number of the state the page drew from its HTML. */
  | { type: 'ready'; drawn?: number }
  | { type: 'send'; text: string }
  /** Stop the request named (absent: whatever is answering); a request that already ended is not stopped twice. */
  | { type: 'stop'; requestId?: RequestId }
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
  | { type: 'imageAction'; action: ImageAction; entryId: string; url: string }
  // History and search (issue 11): shared/historyProtocol.ts.
  | HistoryWebviewMessage
  | TurnEditMessage
  // --- context items (issue 11: more context) ---
  /** The composer's paperclip: the host's picker of workspace files to attach. */
  | { type: 'pickContextFiles' }
  /** Files dropped from VS Code's Explorer or a tab, by URI (shared/uriList.ts); the host judges each. */
  | { type: 'attachUris'; uris: string[] }
  | { type: 'removeContextItem'; id: string }
  // --- issue 10 (perf): a long conversation in two messages (shared/firstState.ts) ---
  /** The view drew the state whose `olderToFollow` is `token` (and painted it): send the older entries now. */
  | { type: 'olderEntriesWanted'; token: number }
  // --- endpoint profiles (issue 12) ---
  /** The toolbar's profile button: the host's picker of endpoint profiles. */
  | { type: 'selectProfile' }
  // --- keep words: a question lost to a reload before the host had it (webview/sentQuestion.ts) ---
  /** The items that went with that question, put back in the composer (the host applies its limits again). */
  | { type: 'restoreContextItems'; contexts: CodeContext[] };



// ---- Edit and resend, regenerate any answer, continue (issue 11) ----

/**
 * Turns replaced by an edited question or a regenerated answer, which Undo brings back exactly
 * (the old question, its answer and every later turn). `id` names this replacement: an Undo of
 * an older one does nothing.
 */
export interface UndoOffer {
  id: string;
  kind: 'edit' | 'regenerate';
  /** How many turns (a question and its answer) were replaced, counted as the user sees them. */
  turns: number;
}

export type TurnEditHostMessage =
  /** Undo is offered (after an edit or a regenerate) or no longer (absent: anything else changed the turns). */
  { type: 'undoOffer'; offer?: UndoOffer };

export type TurnEditMessage =
  /** Ask question `entryId` again as `text` (its code and images are kept); later turns are replaced once the user confirms. */
  | { type: 'editQuestion'; entryId: string; text: string }
  /** Answer again the question of answer `entryId` (any answer, not only the last); later turns are replaced once confirmed. */
  | { type: 'regenerateAnswer'; entryId: string }
  /** Continue the last answer, cut at the token limit: the continuation is appended to it. */
  | { type: 'continueAnswer'; entryId: string }
  /** Bring back the turns of replacement `id`. */
  | { type: 'undoReplace'; id: string };

// ---- end of issue 11's block ----

export type ImageAction = 'save' | 'copyLink';

// Caps on every string a webview message carries. A message is checked before anything else
// looks at it, so the checks below are plain loops and comparisons: linear in the size of the
// message whatever it holds, with no regular expression that could backtrack.

/** Longest `data:` URL a paste or drop may carry: a little over the attachment size limit. */
export const MAX_ATTACHMENT_DATA_URL_LENGTH = dataUrlLengthFor(ATTACHMENT_LIMITS.maxBytes) + 1024;
/**
 * Longest question typed or pasted into the panel: far above the 48,000 characters of code a
 * selection sends and above any model's context window, so only a runaway paste is refused.
 */
export const MAX_QUESTION_LENGTH = 2_000_000;
/** Longest id (entries and requests are UUIDs, stored images sha-256 hex). */
export const MAX_ID_LENGTH = 128;
/** Longest link or image URL from an answer the view may hand back. */
export const MAX_URL_LENGTH = 32_768;
/** Longest name of a pasted or dropped file. */
export const MAX_FILE_NAME_LENGTH = 1_024;
/** Longest setting id for "open settings". */
export const MAX_SETTING_ID_LENGTH = 256;
/** Largest code block, candidate or list index. */
export const MAX_INDEX = 1_000_000;
/** Longest media type in an attachment's `data:` URL. */
const MAX_MEDIA_TYPE_LENGTH = 255;

type FieldCheck = (value: unknown) => boolean;

const stringUpTo = (max: number): FieldCheck => (value) => typeof value === 'string' && value.length <= max;
const optional = (check: FieldCheck): FieldCheck => (value) => value === undefined || check(value);
const oneOf = (values: readonly string[]): FieldCheck => (value) => typeof value === 'string' && values.includes(value);

function isIndex(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_INDEX;
}

const codeBlockActions: readonly string[] = ['copy', 'insert', 'replace', 'newFile', 'diff'] satisfies CodeBlockAction[];
const imageActions: readonly string[] = ['save', 'copyLink'] satisfies ImageAction[];

/** Letters, digits, `_ . + -`: a media type's parts. */
function isTypeCharacter(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code === 0x2e || code === 0x2b || code === 0x2d;
}

function isBase64Character(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x2b || code === 0x2f || code === 0x3d;
}

/**
 * `data:<type>[/<subtype>];base64,<base64>` within the size cap, checked in one pass. The
 * declared type means nothing (the host judges the bytes); only the shape is checked.
 */
function isAttachmentDataUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > MAX_ATTACHMENT_DATA_URL_LENGTH || !value.startsWith('data:')) return false;
  const marker = value.indexOf(';base64,', 5);
  if (marker < 0 || marker - 5 > MAX_MEDIA_TYPE_LENGTH) return false;
  let slashes = 0;
  for (let i = 5; i < marker; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x2f) slashes++;
    else if (!isTypeCharacter(code)) return false;
  }
  if (slashes > 1) return false;
  for (let i = marker + 8; i < value.length; i++) if (!isBase64Character(value.charCodeAt(i))) return false;
  return true;
}

const id = stringUpTo(MAX_ID_LENGTH);

/** A drop's URIs: a short list of bounded strings (their form is the host's to judge). */
function isDroppedUris(value: unknown): boolean {
  return Array.isArray(value) && value.length <= MAX_DROPPED_URIS && value.every(stringUpTo(MAX_DROPPED_URI_LENGTH));
}
const url = stringUpTo(MAX_URL_LENGTH);
const candidate = optional(isIndex);

// --- issue 10 (first state in the page) ---
/**
 * A long conversation's first frame should not wait for a round trip through the workbench: the
 * host puts the `state` it would post into the page's HTML, as an inert JSON data block
 * (host/view/webviewHtml.ts; read by webview/firstState.ts), numbered; the page draws it at
 * start and says `ready` with that number, and the host posts the state again only if anything
 * changed since (chatPresenter.ts).
 */
export const FIRST_STATE_ELEMENT_ID = 'completions-chat-first-state';
/** Longest block (characters of JSON) the host writes or the page reads; a larger state goes as a message. */
export const MAX_FIRST_STATE_CHARS = 1_000_000;
/** What the block holds: the `state` message as it would be posted, and the number naming it. */
export interface FirstStateBlock {
  drawn: number;
  message: Extract<HostMessage, { type: 'state' }>;
}
/** A state's number: a positive safe integer. */
export function isStateNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
// --- end of issue 10 (first state in the page) ---

/** Each message's fields and their checks; fields not named here are ignored, never read. */
const webviewMessageShapes: { [K in WebviewMessage['type']]: Record<string, FieldCheck> } = {
  // Issue 10 (first state in the page): the number of the state the page drew from its HTML.
  ready: { drawn: optional(isStateNumber) },
  send: { text: stringUpTo(MAX_QUESTION_LENGTH) },
  stop: { requestId: optional(id) },
  regenerate: {},
  newConversation: {},
  selectModel: {},
  setToken: {},
  openSettings: { setting: optional(stringUpTo(MAX_SETTING_ID_LENGTH)) },
  codeAction: { action: oneOf(codeBlockActions), entryId: id, block: isIndex, candidate },
  answerAction: { action: oneOf(codeBlockActions), entryId: id, candidate },
  // Range checks too (the system prompt has its own cap): a value the panel would refuse never reaches the host.
  setOptions: { options: isRequestOptions },
  chooseCandidate: { entryId: id, index: isIndex },
  saveJson: { entryId: id, candidate },
  openLink: { url },
  pickImages: {},
  attachImage: { name: stringUpTo(MAX_FILE_NAME_LENGTH), dataUrl: isAttachmentDataUrl },
  removeAttachment: { id },
  loadImage: { entryId: id, url },
  allowImageHost: { entryId: id, url },
  imageAction: { action: oneOf(imageActions), entryId: id, url },
  // History and search (issue 11).
  ...historyMessageShapes,
  // Issue 11: edit and resend, regenerate any answer, continue.
  editQuestion: { entryId: id, text: stringUpTo(MAX_QUESTION_LENGTH) },
  regenerateAnswer: { entryId: id },
  continueAnswer: { entryId: id },
  undoReplace: { id },
  // --- context items (issue 11: more context) ---
  pickContextFiles: {},
  attachUris: { uris: isDroppedUris },
  removeContextItem: { id },
  // --- issue 10 (perf) ---
  olderEntriesWanted: { token: (value) => typeof value === 'number' && Number.isSafeInteger(value) && value > 0 },
  // --- endpoint profiles (issue 12) ---
  selectProfile: {},
  // --- keep words ---
  restoreContextItems: { contexts: isRestoredContexts },
};

/** Accepts exactly the messages the webview may send; anything else is dropped by the host. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  const type = message.type;
  if (typeof type !== 'string' || !Object.hasOwn(webviewMessageShapes, type)) return false;
  const shape = webviewMessageShapes[type as WebviewMessage['type']];
  for (const field in shape) if (!shape[field]!(message[field])) return false;
  return true;
}

/** Ends an exhaustive `switch`: the compiler proves it unreachable. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}
