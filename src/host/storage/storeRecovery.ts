// What the conversation store does with files it cannot use: an unreadable one is renamed out
// of the way (never read again nor overwritten) with a plain notice, a lost index is rebuilt
// from the conversation files, a crashed write's temporary file is removed, and a temporary file
// whose rename was cut short is moved into place.

import {
  CONVERSATIONS_FOLDER,
  INDEX_SCHEMA_VERSION,
  UNDO_WINDOW_MS,
  conversationPath,
  INDEX_FILE,
  MAX_INDEX_ENTRIES,
  idOfFileName,
  indexEntryOf,
  parseConversationFile,
  parseConversationRecord,
  parseDeletedName,
  parseIndex,
  type ConversationIndex,
} from './conversationFiles';
import { TEMP_SUFFIX, type FileStore } from './fileStoreContract';
import { t } from '../../shared/l10n';

/** A temporary file older than this is a crashed write's leftover (a live write takes ms). */
const STALE_TEMP_MS = 60_000;
/** How long a file set aside as unreadable is kept for the user to look at (the notice said where). */
export const SET_ASIDE_KEPT_MS = 30 * 24 * 60 * 60 * 1000;
const SET_ASIDE_PATTERN = /\.corrupt-(\d{1,16})$/;

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
    await setAside(recovery, path, t('A saved conversation file could not be read'));
    return undefined;
  }
}

/** Renames an unusable file out of the way, so it is never read again nor overwritten. */
export async function setAside(recovery: Recovery, path: string, what: string, after = ` ${t('A new conversation was started.')}`): Promise<void> {
  const aside = `${path}.corrupt-${Date.now()}`;
  try {
    await recovery.files.rename(path, aside);
    recovery.log?.(`Set aside unreadable ${path} as ${aside}.`);
    recovery.notice?.(`${t('{0} and was set aside in the extension\'s storage folder.', what)}${after}`);
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
    else if (text !== undefined) await setAside(recovery, path, t('A saved conversation could not be read'));
  }
  entries.sort((a, b) => b.updatedAt - a.updatedAt);
  return { schema: INDEX_SCHEMA_VERSION, current: entries[0]?.id, conversations: entries };
}

/** Whether a conversation deleted at `at` may still be brought back at `now`. */
export function undoStillOffered(at: number | undefined, now: number): boolean {
  return at !== undefined && now - at >= 0 && now - at < UNDO_WINDOW_MS;
}

/**
 * Deleted conversations left by an earlier session whose Undo window has passed (or that name
 * no time: a version before kept Undo in memory only) go now; the rest wait for the library
 * to offer their Undo again (conversationLibrary.ts `recoverDeleted`).
 */
export async function removeDeleted(files: FileStore, now: number): Promise<number> {
  let removed = 0;
  for (const name of await files.list(CONVERSATIONS_FOLDER).catch(() => [])) {
    const deleted = parseDeletedName(name);
    if (!deleted || undoStillOffered(deleted.at, now)) continue;
    await files.remove(`${CONVERSATIONS_FOLDER}/${name}`).then(() => removed++, () => undefined);
  }
  return removed;
}

/** `<target>.<writer>.<sequence>.tmp`: how both stores name a write in progress. */
const TEMP_NAME = /^(.+)\.[^.]+\.(\d+)\.tmp$/;

/**
 * Replacing a file by renaming is not atomic everywhere: the browser's file system (IndexedDB,
 * in vscode.dev) deletes the old file, then copies the temporary one in, then deletes that. A
 * tab closed in between leaves only the temporary file, written whole (one IndexedDB write).
 * Such a file, when it reads as what its target should hold, is moved into place rather than
 * swept away: the newest one when a target has several.
 */
export async function restoreInterruptedRenames(recovery: Recovery): Promise<void> {
  const names = await recovery.files.list(CONVERSATIONS_FOLDER).catch(() => []);
  const present = new Set(names);
  const newest = new Map<string, { name: string; sequence: number; age: number }>();
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    const target = match?.[1];
    if (!match || !target || present.has(target) || !canHold(target, await readTemp(recovery.files, name))) continue;
    const age = (await recovery.files.age(`${CONVERSATIONS_FOLDER}/${name}`).catch(() => undefined)) ?? Infinity;
    const sequence = Number(match[2]);
    const best = newest.get(target);
    if (!best || age < best.age || (age === best.age && sequence > best.sequence)) newest.set(target, { name, sequence, age });
  }
  for (const [target, { name }] of newest) {
    await recovery.files.rename(`${CONVERSATIONS_FOLDER}/${name}`, `${CONVERSATIONS_FOLDER}/${target}`).then(
      () => recovery.log?.(`Restored ${target} from a save whose rename was cut short.`),
      () => recovery.log?.(`Could not restore ${target} from ${name}.`),
    );
  }
}

async function readTemp(files: FileStore, name: string): Promise<string | undefined> {
  return files.read(`${CONVERSATIONS_FOLDER}/${name}`).catch(() => undefined);
}

/** Whether `text` is a whole file of the kind `target` names (a half-written one never is). */
function canHold(target: string, text: string | undefined): boolean {
  if (text === undefined) return false;
  if (target === INDEX_FILE) return parseIndex(text) !== undefined;
  const id = idOfFileName(target);
  return id !== undefined && parseConversationFile(text)?.id === id;
}

/** Files set aside as unreadable more than SET_ASIDE_KEPT_MS ago go: none is kept forever. */
export async function removeOldSetAside(files: FileStore, now: number): Promise<void> {
  for (const name of await files.list(CONVERSATIONS_FOLDER).catch(() => [])) {
    const at = SET_ASIDE_PATTERN.exec(name)?.[1];
    if (at !== undefined && now - Number(at) > SET_ASIDE_KEPT_MS) await files.remove(`${CONVERSATIONS_FOLDER}/${name}`).catch(() => undefined);
  }
}

export async function removeStaleTemps(files: FileStore): Promise<void> {
  for (const name of await files.list(CONVERSATIONS_FOLDER).catch(() => [])) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    const path = `${CONVERSATIONS_FOLDER}/${name}`;
    const age = await files.age(path).catch(() => undefined);
    if (age !== undefined && age > STALE_TEMP_MS) await files.remove(path).catch(() => undefined);
  }
}
