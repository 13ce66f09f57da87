// The history of saved conversations: list, read, rename, pin, delete with Undo. Works on the
// store's index and files; the conversation shown is the store's live one, so a rename of it
// changes the live object (written with its next save) and a delete of it is refused (the
// caller shows another conversation first).
//
// A delete takes the conversation out of the index at once and renames its file to
// `<id>.json.deleted-<ms>`: Undo renames it back and puts the same index entry back, so it
// restores exactly what was there. The file is removed for good when the Undo window has
// passed, and only then are its images swept. A reload within the window offers the Undo again
// for the rest of it (the file names the time; title, time and pin come from the file); one
// after it finds the file gone at the start (storeRecovery.ts): nothing is left behind.

import type { Conversation } from '../../shared/conversation';
import { Emitter } from '../emitter';
import {
  CONVERSATIONS_FOLDER,
  UNDO_WINDOW_MS,
  boundedTitle,
  conversationPath,
  deletedPath,
  indexEntryOf,
  isConversationId,
  parseConversationFile,
  parseConversationRecord,
  parseDeletedName,
  type IndexEntry,
} from './conversationFiles';
import type { ConversationStore, Timers } from './conversationStore';
import { readOrSetAside, setAside, undoStillOffered } from './storeRecovery';
import { t } from '../../shared/l10n';

export { UNDO_WINDOW_MS } from './conversationFiles';

export interface LibraryOptions {
  timers: Timers;
  undoWindowMs?: number;
  /** The Undo window's clock across reloads (Date.now by default). */
  now?(): number;
}

interface Deleted {
  entry: IndexEntry;
  timer: unknown;
  /** Where its file waits. */
  path: string;
}

/** What happened to the history (for the search documents and the list shown). */
export type LibraryChange =
  | { type: 'removed'; id: string }
  /** Back in the list (Undo), or its file rewritten here (a rename). */
  | { type: 'restored'; id: string }
  /** The list changed (a pin, a delete for good). */
  | { type: 'changed' };

export class ConversationLibrary {
  private readonly deleted = new Map<string, Deleted>();
  private readonly changes = new Emitter<LibraryChange>();
  readonly onDidChange = this.changes.event;
  private readonly undoWindowMs: number;
  /** Removals for good in flight (tests wait for them). */
  private purging = new Set<Promise<void>>();

  constructor(
    private readonly store: ConversationStore,
    private readonly options: LibraryOptions,
  ) {
    this.undoWindowMs = options.undoWindowMs ?? UNDO_WINDOW_MS;
  }

  /** A conversation's file was written (the store's event). */
  get onDidSave(): ConversationStore['onDidSave'] {
    return this.store.onDidSave;
  }

  /** Pinned first, then newest first. */
  list(): IndexEntry[] {
    return this.store.index.list();
  }

  ids(): string[] {
    return this.store.index.ids();
  }

  has(id: string): boolean {
    return this.store.index.has(id);
  }

  /** Whether a deleted conversation's Undo is still offered. */
  canUndo(id: string): boolean {
    return this.deleted.has(id);
  }

  /** The conversation deleted last whose Undo is still offered (after a reload too). */
  undoOffered(): { id: string; title: string } | undefined {
    const last = [...this.deleted.values()].at(-1);
    return last && { id: last.entry.id, title: last.entry.title };
  }

  /**
   * At the start: conversations deleted by an earlier session within the Undo window (the store
   * removed older ones) are offered for Undo again, for the rest of the window. A file that
   * cannot be read, or whose conversation is listed again, simply goes.
   */
  async recoverDeleted(): Promise<void> {
    const now = this.now();
    const names = await this.store.files.list(CONVERSATIONS_FOLDER).catch(() => []);
    for (const name of names) {
      const found = parseDeletedName(name);
      if (!found || found.at === undefined || !undoStillOffered(found.at, now) || this.deleted.has(found.id)) continue;
      const path = `${CONVERSATIONS_FOLDER}/${name}`;
      const text = await this.store.files.read(path).catch(() => undefined);
      const record = text === undefined ? undefined : parseConversationRecord(text);
      if (record?.conversation.id !== found.id || this.store.index.has(found.id)) {
        await this.store.files.remove(path).catch(() => undefined);
        continue;
      }
      this.offerUndo(indexEntryOf(record.conversation, record.meta.pinned === true), path, found.at + this.undoWindowMs - now);
    }
    if (this.deleted.size > 0) this.changes.fire({ type: 'changed' });
  }

  /**
   * A saved conversation (the live object when it is the one shown). An unreadable file is set
   * aside with a notice and leaves the list: undefined, never a throw.
   */
  async read(id: string): Promise<Conversation | undefined> {
    const live = this.store.live;
    if (live?.id === id) return live;
    if (!isConversationId(id) || !this.store.index.has(id)) return undefined;
    const recovery = this.store.recoveryOptions;
    const path = conversationPath(id);
    const text = await readOrSetAside(recovery, path);
    const conversation = text === undefined ? undefined : parseConversationFile(text);
    if (conversation?.id === id) return conversation;
    if (text !== undefined) await setAside(recovery, path, t('A saved conversation could not be read'), '');
    else recovery.notice?.(t('A saved conversation was missing from the storage folder; it was taken off the list.'));
    this.store.index.remove(id);
    await this.store.index.persist().catch(() => undefined);
    this.changes.fire({ type: 'removed', id });
    return undefined;
  }

  /** Renames a conversation (bounded, one line); false when it is not in the history or the title is empty. */
  async rename(id: string, title: string): Promise<boolean> {
    const bounded = boundedTitle(title);
    if (!bounded) return false;
    const live = this.store.live;
    if (live?.id === id) {
      // The shown conversation: its live object is what is written (at once).
      live.title = bounded;
      this.store.save(live, true);
      if (!this.store.index.has(id)) return true;
    } else {
      const conversation = await this.read(id);
      if (!conversation) return false;
      conversation.title = bounded;
      await this.store.files.write(conversationPath(id), this.store.fileText(conversation));
    }
    this.store.index.rename(id, bounded);
    await this.store.index.persist();
    this.changes.fire({ type: 'restored', id });
    return true;
  }

  /** Pins or unpins; the conversation's file says so too (an index rebuilt from the files keeps it). */
  async setPinned(id: string, pinned: boolean): Promise<boolean> {
    const before = this.store.index.get(id)?.pinned;
    if (!this.store.index.setPinned(id, pinned)) return false;
    if (before !== pinned) await this.writePin(id);
    await this.store.index.persist();
    this.changes.fire({ type: 'changed' });
    return true;
  }

  /** Rewrites the conversation's file with its pin (the live one is saved by the store as usual). */
  private async writePin(id: string): Promise<void> {
    const live = this.store.live;
    if (live?.id === id) {
      this.store.save(live, true);
      return void (await this.store.flush());
    }
    const text = await this.store.files.read(conversationPath(id)).catch(() => undefined);
    const conversation = text === undefined ? undefined : parseConversationFile(text);
    // An unreadable file is the next read's to set aside; the pin stays in the index.
    if (conversation?.id === id) await this.store.files.write(conversationPath(id), this.store.fileText(conversation));
  }

  /**
   * Deletes a conversation that is not the one shown; Undo is offered for UNDO_WINDOW_MS.
   * The index stops naming it before its file is moved, so the index never names a missing file.
   */
  async delete(id: string): Promise<IndexEntry | undefined> {
    if (this.store.live?.id === id) throw new Error(t('the conversation shown cannot be deleted; show another one first'));
    // Its last changes (written when another was shown) are on disk before it is moved.
    await this.store.flush();
    const entry = this.store.index.remove(id);
    if (!entry) return undefined;
    await this.store.index.persist();
    const path = deletedPath(id, this.now());
    await this.store.files.rename(conversationPath(id), path);
    this.offerUndo(entry, path, this.undoWindowMs);
    this.changes.fire({ type: 'removed', id });
    return entry;
  }

  private offerUndo(entry: IndexEntry, path: string, ms: number): void {
    const timer = this.options.timers.set(() => this.track(this.purge(entry.id)), Math.max(0, ms));
    this.deleted.set(entry.id, { entry, timer, path });
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Puts a deleted conversation back exactly as it was; false when its Undo has passed. */
  async undo(id: string): Promise<boolean> {
    const deleted = this.deleted.get(id);
    if (!deleted) return false;
    this.deleted.delete(id);
    this.options.timers.clear(deleted.timer);
    await this.store.files.rename(deleted.path, conversationPath(id));
    this.store.index.restore(deleted.entry);
    await this.store.index.persist();
    this.changes.fire({ type: 'restored', id });
    return true;
  }

  /** The files of deleted conversations whose Undo is still offered (their images are kept). */
  pendingPaths(): string[] {
    return [...this.deleted.values()].map((deleted) => deleted.path);
  }

  /** Resolves when no removal for good is in flight. */
  async idle(): Promise<void> {
    while (this.purging.size > 0) await Promise.all(this.purging);
  }

  private track(purge: Promise<void>): void {
    this.purging.add(purge);
    void purge.finally(() => this.purging.delete(purge));
  }

  /** Ends every Undo now (shutdown): the files go. */
  async purgeAll(): Promise<void> {
    await Promise.all([...this.deleted.keys()].map((id) => this.purge(id)));
  }

  private async purge(id: string): Promise<void> {
    const deleted = this.deleted.get(id);
    if (!deleted) return;
    this.deleted.delete(id);
    this.options.timers.clear(deleted.timer);
    await this.store.files.remove(deleted.path).catch(() => undefined);
    this.changes.fire({ type: 'changed' });
    this.store.options.onDeleted?.();
  }

  dispose(): void {
    for (const { timer } of this.deleted.values()) this.options.timers.clear(timer);
    this.changes.dispose();
  }
}
