// The on-disk format of saved conversations, free of I/O so it is tested on its own:
//
//   conversations/index.json   { schema: 2, current, conversations: [{ id, title, updatedAt, pinned }] }
//   conversations/<id>.json    { schema: 1, conversation, pinned? }
//   conversations/<id>.json.deleted-<ms>   a deleted conversation while its Undo is offered,
//                                          named with when it was deleted (`.deleted`: before 0.2)
//
// One file per conversation: the history adds files instead of rewriting one ever-growing
// value; the index lists them (with what the history list shows) and says which one the panel
// shows. Index schema 1 (no `pinned`) is read and migrated on the next write. A pinned
// conversation's file says so too (`pinned: true`, absent otherwise, so files of before load as
// they were): an index rebuilt from the files keeps the pins. The title is the conversation's own.

import type { Conversation, Entry } from '../../shared/conversation';

/** The schema of a conversation file. */
export const SCHEMA_VERSION = 1;
/** The schema of the index; 1 had no `pinned` (read, and written as 2 from then on). */
export const INDEX_SCHEMA_VERSION = 2;
/** Longest title kept (a title comes from a file or a rename: bounded either way). */
export const MAX_TITLE_CHARS = 200;
/** Most conversations an index lists; more (a hand-edited or hostile file) are not read. */
export const MAX_INDEX_ENTRIES = 10_000;
/** The suffix of a deleted conversation's file while Undo is offered (then `-<ms>`: when it was deleted). */
export const DELETED_SUFFIX = '.deleted';
/** How long Undo is offered after a delete, across a reload too. */
export const UNDO_WINDOW_MS = 30_000;
export const CONVERSATIONS_FOLDER = 'conversations';
export const INDEX_FILE = 'index.json';
export const INDEX_PATH = `${CONVERSATIONS_FOLDER}/${INDEX_FILE}`;

/** Conversation ids become file names: only the shape `randomUUID()` makes is accepted. */
const ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
const FILE_PATTERN = /^([A-Za-z0-9-]{1,64})\.json$/;
const DELETED_PATTERN = /^([A-Za-z0-9-]{1,64})\.json\.deleted(?:-(\d{1,16}))?$/;

export interface IndexEntry {
  id: string;
  title: string;
  updatedAt: number;
  pinned: boolean;
}

export interface ConversationIndex {
  schema: number;
  /** The conversation the panel shows. */
  current?: string;
  conversations: IndexEntry[];
}

export function isConversationId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function conversationPath(id: string): string {
  if (!isConversationId(id)) throw new Error('not a conversation id');
  return `${CONVERSATIONS_FOLDER}/${id}.json`;
}

/** Where a conversation deleted at `at` (ms) waits while its Undo is offered. */
export function deletedPath(id: string, at: number): string {
  return `${conversationPath(id)}${DELETED_SUFFIX}-${Math.max(0, Math.floor(at))}`;
}

/** A deleted conversation's file name: its id and when it was deleted (undefined: a name of before, with no time). */
export function parseDeletedName(name: string): { id: string; at?: number } | undefined {
  const match = DELETED_PATTERN.exec(name);
  if (!match) return undefined;
  return match[2] === undefined ? { id: match[1]! } : { id: match[1]!, at: Number(match[2]) };
}

/** A title as kept: one line, trimmed, at most MAX_TITLE_CHARS. */
export function boundedTitle(title: string): string {
  const line = title.replace(/\s+/g, ' ').trim();
  return line.length > MAX_TITLE_CHARS ? `${line.slice(0, MAX_TITLE_CHARS - 1)}…` : line;
}

/** The conversation id a file name in the conversations folder stands for, if it is one. */
export function idOfFileName(name: string): string | undefined {
  return FILE_PATTERN.exec(name)?.[1];
}

/** What a conversation's file keeps beside the conversation: the history's own marks. */
export interface ConversationFileMeta {
  pinned?: boolean;
}

/** Serialized once per write: the live conversation, not a copy of it. */
export function serializeConversation(conversation: Conversation, meta: ConversationFileMeta = {}): string {
  return JSON.stringify(meta.pinned === true ? { schema: SCHEMA_VERSION, conversation, pinned: true } : { schema: SCHEMA_VERSION, conversation });
}

export function serializeIndex(index: ConversationIndex): string {
  return JSON.stringify(index);
}

export function indexEntryOf(conversation: Conversation, pinned = false): IndexEntry {
  return { id: conversation.id, title: boundedTitle(conversation.title), updatedAt: conversation.updatedAt, pinned };
}

/** The conversation in a file's text, or undefined when it cannot be used (then it is set aside). */
export function parseConversationFile(text: string): Conversation | undefined {
  return parseConversationRecord(text)?.conversation;
}

/** The conversation in a file's text with what the file keeps beside it (only `pinned: true` pins). */
export function parseConversationRecord(text: string): { conversation: Conversation; meta: ConversationFileMeta } | undefined {
  const value = parseJson(text);
  if (!isRecord(value) || value.schema !== SCHEMA_VERSION || !looksLikeConversation(value.conversation)) return undefined;
  return { conversation: value.conversation, meta: value.pinned === true ? { pinned: true } : {} };
}

/**
 * The index in a file's text (schema 2, or schema 1 migrated: nothing pinned), bounded: at most
 * MAX_INDEX_ENTRIES entries, titles cut, ids unique; undefined when it cannot be used.
 */
export function parseIndex(text: string): ConversationIndex | undefined {
  const value = parseJson(text);
  if (!isRecord(value) || (value.schema !== 1 && value.schema !== INDEX_SCHEMA_VERSION) || !Array.isArray(value.conversations)) return undefined;
  if (value.current !== undefined && (typeof value.current !== 'string' || !isConversationId(value.current))) return undefined;
  const seen = new Set<string>();
  const conversations: IndexEntry[] = [];
  for (const entry of value.conversations.slice(0, MAX_INDEX_ENTRIES)) {
    if (!isRecord(entry) || typeof entry.id !== 'string' || !isConversationId(entry.id) || seen.has(entry.id)) continue;
    if (typeof entry.title !== 'string' || typeof entry.updatedAt !== 'number' || !Number.isFinite(entry.updatedAt)) continue;
    seen.add(entry.id);
    conversations.push({ id: entry.id, title: boundedTitle(entry.title), updatedAt: entry.updatedAt, pinned: entry.pinned === true });
  }
  return { schema: INDEX_SCHEMA_VERSION, current: value.current, conversations };
}

/** The history list's order: pinned first, then the most recently updated. */
export function listOrder(a: IndexEntry, b: IndexEntry): number {
  return Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt;
}

/** Enough of the shape that restoring and drawing it cannot throw. */
export function looksLikeConversation(value: unknown): value is Conversation {
  if (!isRecord(value)) return false;
  return (
    typeof value.id === 'string' &&
    isConversationId(value.id) &&
    typeof value.model === 'string' &&
    typeof value.title === 'string' &&
    Array.isArray(value.entries) &&
    value.entries.every(looksLikeEntry)
  );
}

function looksLikeEntry(value: unknown): value is Entry {
  if (!isRecord(value) || typeof value.id !== 'string') return false;
  if (value.role === 'user') return typeof value.text === 'string' && (value.images === undefined || Array.isArray(value.images));
  if (value.role !== 'assistant') return false;
  return (
    Array.isArray(value.candidates) &&
    value.candidates.every((candidate) => isRecord(candidate) && typeof candidate.content === 'string') &&
    typeof value.chosen === 'number' &&
    typeof value.status === 'string'
  );
}

/** The stored images a conversation refers to: attachments of questions and fetched answer images. */
export function imageIdsOf(conversation: Conversation, into = new Set<string>()): Set<string> {
  for (const entry of conversation.entries) {
    if (entry.role === 'user') {
      for (const image of entry.images ?? []) if (typeof image?.id === 'string') into.add(image.id);
    } else {
      for (const image of Object.values(entry.images ?? {})) {
        if (image?.status === 'loaded' && typeof image.id === 'string') into.add(image.id);
      }
    }
  }
  return into;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
