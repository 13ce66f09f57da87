// An in-memory history for the view tier's tests: the library's calls HistoryActions makes,
// with what it was asked, and a search over the same conversations (the shared search).
import { Emitter } from '../../../../src/host/emitter';
import type { IndexEntry } from '../../../../src/host/storage/conversationFiles';
import type { LibraryChange } from '../../../../src/host/storage/conversationLibrary';
import type { Conversation } from '../../../../src/shared/conversation';
import { searchConversations, searchDocumentOf, type ConversationHit } from '../../../../src/shared/conversationSearch';

export class FakeLibrary {
  readonly conversations = new Map<string, { conversation: Conversation; pinned: boolean }>();
  readonly deleted = new Map<string, { conversation: Conversation; pinned: boolean }>();
  readonly changes = new Emitter<LibraryChange>();
  readonly onDidChange = this.changes.event;
  readonly calls: string[] = [];

  add(conversation: Conversation, pinned = false): void {
    this.conversations.set(conversation.id, { conversation, pinned });
  }
  list(): IndexEntry[] {
    return [...this.conversations.values()]
      .map(({ conversation, pinned }) => ({ id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, pinned }))
      .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt);
  }
  async read(id: string): Promise<Conversation | undefined> {
    return this.conversations.get(id)?.conversation;
  }
  async rename(id: string, title: string): Promise<boolean> {
    this.calls.push(`rename ${id} ${title}`);
    const found = this.conversations.get(id);
    if (found) found.conversation.title = title;
    return found !== undefined;
  }
  async setPinned(id: string, pinned: boolean): Promise<boolean> {
    this.calls.push(`pin ${id} ${pinned}`);
    const found = this.conversations.get(id);
    if (found) found.pinned = pinned;
    this.changes.fire({ type: 'changed' });
    return found !== undefined;
  }
  async delete(id: string): Promise<IndexEntry | undefined> {
    this.calls.push(`delete ${id}`);
    const found = this.conversations.get(id);
    if (!found) return undefined;
    const entry = this.list().find((item) => item.id === id);
    this.conversations.delete(id);
    this.deleted.set(id, found);
    this.changes.fire({ type: 'removed', id });
    return entry;
  }
  async undo(id: string): Promise<boolean> {
    this.calls.push(`undo ${id}`);
    const found = this.deleted.get(id);
    if (!found) return false;
    this.deleted.delete(id);
    this.conversations.set(id, found);
    this.changes.fire({ type: 'restored', id });
    return true;
  }
  canUndo(id: string): boolean {
    return this.deleted.has(id);
  }
  undoOffered(): { id: string; title: string } | undefined {
    const last = [...this.deleted.values()].at(-1);
    return last && { id: last.conversation.id, title: last.conversation.title };
  }
  /** How often the search documents were asked to be built ahead of a search. */
  readyCalls = 0;
  async ready(): Promise<void> {
    this.readyCalls++;
  }

  async search(query: string, limit?: number): Promise<ConversationHit[]> {
    return searchConversations([...this.conversations.values()].map(({ conversation }) => searchDocumentOf(conversation)), query, limit);
  }
}
