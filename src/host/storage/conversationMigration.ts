// Moves the conversation an earlier version kept in workspaceState (a memento, which in
// code-server lives in the browser's storage) into the file store, once: it is written and
// flushed first, and only then removed from the memento, so a crash in between loses nothing
// (the next activation finds the files and just drops the memento's copy).

import type { Conversation } from '../../shared/conversation';
import { imageIdsOf, isConversationId, looksLikeConversation } from './conversationFiles';
import type { ConversationStore } from './conversationStore';
import { t } from '../../shared/l10n';

/** The part of `vscode.Memento` this module needs, so it is testable in Node. */
export interface Memento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** Where versions up to 0.1.0 kept the current conversation. */
export const LEGACY_KEY = 'completionsChat.conversation';

export interface MigrationDeps {
  memento: Memento;
  store: ConversationStore;
  /** Makes the images the conversation refers to available to the new image store. */
  copyImages?(ids: readonly string[]): Promise<void>;
  notice?(message: string): void;
  log?(message: string): void;
}

/**
 * Returns the migrated conversation when the store had none current, else undefined (the
 * files are newer than the memento's copy, which is dropped).
 */
export async function migrateFromMemento(deps: MigrationDeps): Promise<Conversation | undefined> {
  const value = deps.memento.get<unknown>(LEGACY_KEY);
  if (value === undefined) return undefined;
  let migrated: Conversation | undefined;
  if (!deps.store.hasCurrent) {
    migrated = legacyConversation(value);
    if (migrated) {
      await deps.copyImages?.([...imageIdsOf(migrated)]).catch(() => deps.log?.('Some images of the saved conversation could not be copied.'));
      deps.store.save(migrated, true);
      // Not written: keep the memento's copy and try again next time.
      if (!(await deps.store.flush())) return migrated;
      deps.log?.('Moved the saved conversation from workspace state into the storage folder.');
    } else {
      await deps.store.keepAside('workspaceState', safeJson(value));
      deps.notice?.(t('A conversation saved by an earlier version could not be read and was set aside in the extension\'s storage folder.'));
    }
  }
  await deps.memento.update(LEGACY_KEY, undefined);
  return migrated;
}

/** What an earlier version saved, made valid for the file store (an odd id gets a new one). */
function legacyConversation(value: unknown): Conversation | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = { ...(value as Conversation) };
  if (typeof candidate.id !== 'string' || !isConversationId(candidate.id)) candidate.id = crypto.randomUUID();
  if (typeof candidate.title !== 'string') candidate.title = t('New conversation');
  if (typeof candidate.createdAt !== 'number') candidate.createdAt = Date.now();
  if (typeof candidate.updatedAt !== 'number') candidate.updatedAt = candidate.createdAt;
  return looksLikeConversation(candidate) ? candidate : undefined;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
