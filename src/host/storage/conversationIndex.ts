// The index of saved conversations as the store keeps it in memory, and its writes. Every
// change is made in memory at once (so the history list is right the moment it is asked) and
// written by one queue: writes never overlap, and each writes the index as it is then, so the
// last one written is always the latest state.

import {
  INDEX_PATH,
  INDEX_SCHEMA_VERSION,
  boundedTitle,
  indexEntryOf,
  listOrder,
  serializeIndex,
  type ConversationIndex,
  type IndexEntry,
} from './conversationFiles';
import type { Conversation } from '../../shared/conversation';
import type { FileStore } from './fileStore';

export class ConversationIndexFile {
  private entries = new Map<string, IndexEntry>();
  private currentId: string | undefined;
  private lastText: string | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly files: FileStore) {}

  /** Takes what was read from disk (`text`: the file's text when it is what `index` says). */
  load(index: ConversationIndex, text?: string): void {
    this.entries = new Map(index.conversations.map((entry) => [entry.id, { ...entry }]));
    this.currentId = index.current !== undefined && this.entries.has(index.current) ? index.current : undefined;
    this.lastText = text !== undefined && text === serializeIndex(this.snapshot()) ? text : undefined;
  }

  get current(): string | undefined {
    return this.currentId;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): IndexEntry | undefined {
    const entry = this.entries.get(id);
    return entry && { ...entry };
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** Every conversation, pinned first, then newest first (copies). */
  list(): IndexEntry[] {
    return [...this.entries.values()].map((entry) => ({ ...entry })).sort(listOrder);
  }

  /** A conversation was written: its title and time as saved, its pin kept; `current` when it is shown. */
  saved(conversation: Conversation, current: boolean): void {
    const pinned = this.entries.get(conversation.id)?.pinned ?? false;
    this.entries.set(conversation.id, indexEntryOf(conversation, pinned));
    if (current) this.currentId = conversation.id;
  }

  /** The panel shows a conversation that is not saved yet (an empty one): none is current on disk. */
  clearCurrent(): void {
    this.currentId = undefined;
  }

  rename(id: string, title: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    entry.title = boundedTitle(title);
    return true;
  }

  setPinned(id: string, pinned: boolean): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    entry.pinned = pinned;
    return true;
  }

  /** Takes a conversation out of the list; its entry, to put back on Undo. */
  remove(id: string): IndexEntry | undefined {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    if (this.currentId === id) this.currentId = undefined;
    return entry;
  }

  restore(entry: IndexEntry): void {
    this.entries.set(entry.id, { ...entry });
  }

  /** Writes the index as it is when the write starts, after any write already queued. */
  persist(): Promise<void> {
    const write = this.queue.then(async () => {
      const text = serializeIndex(this.snapshot());
      if (text === this.lastText) return;
      await this.files.write(INDEX_PATH, text);
      this.lastText = text;
    });
    // A failed write does not stop the next one (which writes the state again).
    this.queue = write.catch(() => undefined);
    return write;
  }

  private snapshot(): ConversationIndex {
    return { schema: INDEX_SCHEMA_VERSION, current: this.currentId, conversations: [...this.entries.values()] };
  }
}
