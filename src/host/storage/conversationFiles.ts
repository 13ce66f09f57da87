// The on-disk format of saved conversations, free of I/O so it is tested on its own:
//
//   conversations/index.json   { schema, current, conversations: [{ id, title, updatedAt }] }
//   conversations/<id>.json    { schema, conversation }
//
// One file per conversation, so a conversation history (a later version) adds files instead
// of rewriting one ever-growing value; the index says which conversation the panel shows.

import type { Conversation, Entry } from '../../shared/conversation';

export const SCHEMA_VERSION = 1;
export const CONVERSATIONS_FOLDER = 'conversations';
export const INDEX_FILE = 'index.json';
export const INDEX_PATH = `${CONVERSATIONS_FOLDER}/${INDEX_FILE}`;

/** Conversation ids become file names: only the shape `randomUUID()` makes is accepted. */
const ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
const FILE_PATTERN = /^([A-Za-z0-9-]{1,64})\.json$/;

export interface IndexEntry {
  id: string;
  title: string;
  updatedAt: number;
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

/** The conversation id a file name in the conversations folder stands for, if it is one. */
export function idOfFileName(name: string): string | undefined {
  return FILE_PATTERN.exec(name)?.[1];
}

/** Serialized once per write: the live conversation, not a copy of it. */
export function serializeConversation(conversation: Conversation): string {
  return JSON.stringify({ schema: SCHEMA_VERSION, conversation });
}

export function serializeIndex(index: ConversationIndex): string {
  return JSON.stringify(index);
}

export function indexEntryOf(conversation: Conversation): IndexEntry {
  return { id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt };
}

/** The conversation in a file's text, or undefined when it cannot be used (then it is set aside). */
export function parseConversationFile(text: string): Conversation | undefined {
  const value = parseJson(text);
  if (!isRecord(value) || value.schema !== SCHEMA_VERSION) return undefined;
  return looksLikeConversation(value.conversation) ? value.conversation : undefined;
}

export function parseIndex(text: string): ConversationIndex | undefined {
  const value = parseJson(text);
  if (!isRecord(value) || value.schema !== SCHEMA_VERSION || !Array.isArray(value.conversations)) return undefined;
  if (value.current !== undefined && (typeof value.current !== 'string' || !isConversationId(value.current))) return undefined;
  const conversations = value.conversations.filter(
    (entry): entry is IndexEntry =>
      isRecord(entry) && typeof entry.id === 'string' && isConversationId(entry.id) && typeof entry.title === 'string' && typeof entry.updatedAt === 'number',
  );
  return { schema: SCHEMA_VERSION, current: value.current, conversations };
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
