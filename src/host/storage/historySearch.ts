// Search over every saved conversation of the workspace, for the history list. The search
// documents (each conversation's texts, case-folded: shared/conversationSearch.ts) are built on
// the first search, not at start (most sessions never search), and kept fresh after that: a
// saved or renamed conversation is marked and prepared again at the next search, a deleted one
// is dropped. A search itself is then a pass over prepared strings.

import type { Conversation } from '../../shared/conversation';
import { searchConversations, searchDocumentOf, type ConversationHit, type SearchDocument } from '../../shared/conversationSearch';
import type { Event, Subscription } from '../emitter';
import type { LibraryChange } from './conversationLibrary';

/** Files read at once while the documents are first built. */
const READ_CONCURRENCY = 8;

export interface SearchSource {
  ids(): string[];
  read(id: string): Promise<Conversation | undefined>;
  onDidChange: Event<LibraryChange>;
  /** A conversation's file was written (the object written). */
  onDidSave: Event<Conversation>;
}

export class HistorySearch {
  private documents: Map<string, SearchDocument> | undefined;
  private loading: Promise<Map<string, SearchDocument>> | undefined;
  /** Saved since their document was built: prepared again at the next search. */
  private readonly changed = new Map<string, Conversation | undefined>();
  private readonly subscriptions: Subscription[];

  constructor(private readonly source: SearchSource) {
    this.subscriptions = [
      source.onDidSave((conversation) => this.changed.set(conversation.id, conversation)),
      source.onDidChange((change) => {
        if (change.type === 'removed') {
          this.changed.delete(change.id);
          this.documents?.delete(change.id);
        } else if (change.type === 'restored') this.changed.set(change.id, undefined);
      }),
    ];
  }

  /** Whether the documents were built (the first search happened). */
  get loaded(): boolean {
    return this.documents !== undefined;
  }

  /** The conversations matching every term of `query`, newest first (at most `limit`). */
  async search(query: string, limit?: number): Promise<ConversationHit[]> {
    const documents = await this.ready();
    return searchConversations(documents.values(), query, limit);
  }

  /** Builds the documents once (every saved conversation read), then refreshes the changed ones. */
  async ready(): Promise<Map<string, SearchDocument>> {
    this.documents ??= await (this.loading ??= this.load());
    const documents = this.documents;
    for (const [id, saved] of [...this.changed]) {
      this.changed.delete(id);
      const conversation = saved ?? (await this.source.read(id));
      if (conversation && this.source.ids().includes(id)) documents.set(id, searchDocumentOf(conversation));
      else documents.delete(id);
    }
    return documents;
  }

  private async load(): Promise<Map<string, SearchDocument>> {
    // Saves from now on are caught by `changed`; what is read below is at least as old.
    this.changed.clear();
    const ids = this.source.ids();
    const documents = new Map<string, SearchDocument>();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const conversation = await this.source.read(id).catch(() => undefined);
        if (conversation) documents.set(id, searchDocumentOf(conversation));
      }
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
    return documents;
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}
