// The history of saved conversations: list, read, rename, pin, delete with Undo. Works on the
// store's index and files; the conversation shown is the store's live one, so a rename of it
// changes the live object (written with its next save) and a delete of it is refused (the
// caller shows another conversation first).
//
// A delete takes the conversation out of the index at once and renames its file to
// `<id>.json.deleted`: Undo renames it back and puts the same index entry back, so it restores
// exactly what was there. The file is removed for good when the Undo window has passed (or at
// the next start: the Undo lives in memory), and only then are its images swept.

import type { Conversation } from '../../shared/conversation';
import { Emitter } from '../emitter';
import { boundedTitle, conversationPath, deletedPath, isConversationId, parseConversationFile, type IndexEntry } from './conversationFiles';
import type { ConversationStore, Timers } from './conversationStore';
import { readOrSetAside, setAside } from './storeRecovery';

/** How long Undo is offered after a delete. */
export const UNDO_WINDOW_MS = 30_000;

export interface LibraryOptions {
  timers: Timers;
  undoWindowMs?: number;
}

/** What happened to the history (for the search documents and the list shown). */
export type LibraryChange =
  | { type: 'removed'; id: string }
  /** Back in the list (Undo), or its file rewritten here (a rename). */
  | { type: 'restored'; id: string }
  /** The list changed (a pin, a delete for good). */
  | { type: 'changed' };

export class ConversationLibrary {
  private readonly deleted = new Map<string, { entry: IndexEntry; timer: unknown }>();
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
    if (text !== undefined) await setAside(recovery, path, 'A saved conversation could not be read', '');
    else recovery.notice?.('A saved conversation was missing from the storage folder; it was taken off the list.');
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
    if (this.store.live?.id === id) throw new Error('the conversation shown cannot be deleted; show another one first');
    // Its last changes (written when another was shown) are on disk before it is moved.
    await this.store.flush();
    const entry = this.store.index.remove(id);
    if (!entry) return undefined;
    await this.store.index.persist();
    await this.store.files.rename(conversationPath(id), deletedPath(id));
    const timer = this.options.timers.set(() => this.track(this.purge(id)), this.undoWindowMs);
    this.deleted.set(id, { entry, timer });
    this.changes.fire({ type: 'removed', id });
    return entry;
  }

  /** Puts a deleted conversation back exactly as it was; false when its Undo has passed. */
  async undo(id: string): Promise<boolean> {
    const deleted = this.deleted.get(id);
    if (!deleted) return false;
    this.deleted.delete(id);
    this.options.timers.clear(deleted.timer);
    await this.store.files.rename(deletedPath(id), conversationPath(id));
    this.store.index.restore(deleted.entry);
    await this.store.index.persist();
    this.changes.fire({ type: 'restored', id });
    return true;
  }

  /** The files of deleted conversations whose Undo is still offered (their images are kept). */
  pendingPaths(): string[] {
    return [...this.deleted.keys()].map(deletedPath);
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
    await this.store.files.remove(deletedPath(id)).catch(() => undefined);
    this.changes.fire({ type: 'changed' });
    this.store.options.onDeleted?.();
  }

  dispose(): void {
    for (const { timer } of this.deleted.values()) this.options.timers.clear(timer);
    this.changes.dispose();
  }
}
