// What the conversation store does with files it cannot use: an unreadable one is renamed out
// of the way (never read again nor overwritten) with a plain notice, a lost index is rebuilt
// from the conversation files, and a crashed write's temporary file is removed.

import {
  CONVERSATIONS_FOLDER,
  DELETED_SUFFIX,
  INDEX_SCHEMA_VERSION,
  conversationPath,
  MAX_INDEX_ENTRIES,
  idOfFileName,
  indexEntryOf,
  parseConversationRecord,
  type ConversationIndex,
} from './conversationFiles';
import { TEMP_SUFFIX, type FileStore } from './fileStoreContract';

/** A temporary file older than this is a crashed write's leftover (a live write takes ms). */
const STALE_TEMP_MS = 60_000;

export interface Recovery {
  files: FileStore;
  /** Plain words for the user; never text from a file. */
  notice?(message: string): void;
  log?(message: string): void;
}

/** The file's text; undefined when it does not exist, or (set aside) when it cannot be read. */
export async function readOrSetAside(recovery: Recovery, path: string): Promise<string | undefined> {
  try {
    return await recovery.files.read(path);
  } catch {
    await setAside(recovery, path, 'A saved conversation file could not be read');
    return undefined;
  }
}

/** Renames an unusable file out of the way, so it is never read again nor overwritten. */
export async function setAside(recovery: Recovery, path: string, what: string, after = ' A new conversation was started.'): Promise<void> {
  const aside = `${path}.corrupt-${Date.now()}`;
  try {
    await recovery.files.rename(path, aside);
    recovery.log?.(`Set aside unreadable ${path} as ${aside}.`);
    recovery.notice?.(`${what} and was set aside in the extension's storage folder.${after}`);
  } catch {
    recovery.log?.(`Could not set aside unreadable ${path}.`);
    recovery.notice?.(`${what}.${after}`);
  }
}

/**
 * Without a readable index: every readable conversation file (at most MAX_INDEX_ENTRIES), the
 * newest one current. A file's pin and title are its own: both are kept (a file of before pins
 * nothing).
 */
export async function rebuildIndex(recovery: Recovery): Promise<ConversationIndex> {
  const entries = [];
  for (const name of await recovery.files.list(CONVERSATIONS_FOLDER).catch(() => [])) {
    const id = idOfFileName(name);
    if (!id) continue;
    if (entries.length >= MAX_INDEX_ENTRIES) break;
    const path = conversationPath(id);
    const text = await readOrSetAside(recovery, path);
    const record = text === undefined ? undefined : parseConversationRecord(text);
    const conversation = record?.conversation;
    if (conversation?.id === id) entries.push(indexEntryOf(conversation, record?.meta.pinned === true));
    else if (text !== undefined) await setAside(recovery, path, 'A saved conversation could not be read');
  }
  entries.sort((a, b) => b.updatedAt - a.updatedAt);
  return { schema: INDEX_SCHEMA_VERSION, current: entries[0]?.id, conversations: entries };
}

/**
 * Deleted conversations left by an earlier session: their Undo ended with it (it lives in
 * memory), so they go now.
 */
export async function removeDeleted(files: FileStore): Promise<number> {
  let removed = 0;
  for (const name of await files.list(CONVERSATIONS_FOLDER).catch(() => [])) {
    if (!name.endsWith(DELETED_SUFFIX)) continue;
    await files.remove(`${CONVERSATIONS_FOLDER}/${name}`).then(() => removed++, () => undefined);
  }
  return removed;
}

export async function removeStaleTemps(files: FileStore): Promise<void> {
  for (const name of await files.list(CONVERSATIONS_FOLDER).catch(() => [])) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    const path = `${CONVERSATIONS_FOLDER}/${name}`;
    const age = await files.age(path).catch(() => undefined);
    if (age !== undefined && age > STALE_TEMP_MS) await files.remove(path).catch(() => undefined);
  }
}
