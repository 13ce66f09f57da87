// What the history list does (issue 11), for the palette's Show History and the panel's
// history view alike: show the list, search it, open, rename, pin, delete with Undo. The
// presenter posts (the list, search results); this decides. Free of `vscode`.

import type { Conversation } from '../../shared/conversation';
import type { HistoryHit, HistoryHostMessage, HistoryItem } from '../../shared/historyProtocol';
import { MAX_TITLE_CHARS } from '../storage/conversationFiles';
import type { Dialogs } from '../dialogs';
import type { Subscription } from '../emitter';
import type { ConversationLibrary } from '../storage/conversationLibrary';
import type { HistorySearch } from '../storage/historySearch';
import type { ChatPresenter } from '../view/chatPresenter';
import { t } from '../../shared/l10n';

/** Most hits one search answers with (the list shows them all; more would only cost). */
const MAX_HITS = 200;

export type HistoryListMessage = Extract<HistoryHostMessage, { type: 'history' }>;

export interface HistoryActionsDeps {
  library: Pick<ConversationLibrary, 'list' | 'read' | 'rename' | 'setPinned' | 'delete' | 'undo' | 'undoOffered' | 'onDidChange'>;
  search: Pick<HistorySearch, 'search'> & { ready(): Promise<unknown> };
  session: { readonly conversation: Conversation; open(conversation: Conversation): void; reset(model: string): void };
  presenter: Pick<ChatPresenter, 'showHistory' | 'closeHistory' | 'historyChanged' | 'searchResults'>;
  dialogs: Pick<Dialogs, 'showInputBox'>;
  /** Shows the chat view (VS Code's own `<view id>.focus`). */
  focusView(): Thenable<unknown>;
  /** A new conversation's model (when the one shown is deleted). */
  defaultModel(): string;
}

export class HistoryActions {
  /** The newest search asked for: an older one's results are not posted. */
  private latestSearch = -1;
  private readonly subscription: Subscription;

  constructor(private readonly deps: HistoryActionsDeps) {
    this.subscription = deps.library.onDidChange(() => deps.presenter.historyChanged());
  }

  /** The list as the view shows it. */
  listMessage(shown = true): HistoryListMessage {
    const items: HistoryItem[] = this.deps.library.list().map(({ id, title, updatedAt, pinned }) => ({ id, title, updatedAt, pinned }));
    // The library's, not ours: a reload within the Undo window offers it again.
    const deleted = this.deps.library.undoOffered();
    return { type: 'history', shown, items, currentId: this.deps.session.conversation.id, ...(deleted ? { deleted } : {}) };
  }

  /** Shows the panel in its history view. */
  async show(): Promise<void> {
    await this.deps.focusView();
    this.deps.presenter.showHistory(() => this.listMessage());
    // The first search reads every saved conversation (seconds with a thousand): start while
    // the user looks at the list, so the search box answers at once. A failure shows at the search.
    this.deps.search.ready().catch(() => undefined);
  }

  /** The view went back to the chat on its own (Escape). */
  closed(): void {
    this.deps.presenter.closeHistory(false);
  }

  async search(requestId: number, query: string): Promise<void> {
    this.latestSearch = Math.max(this.latestSearch, requestId);
    const found = await this.deps.search.search(query, MAX_HITS);
    // Typing on made a newer search: this one's answer is stale.
    if (requestId !== this.latestSearch) return;
    const pinned = new Set(this.deps.library.list().filter((item) => item.pinned).map((item) => item.id));
    const hits: HistoryHit[] = found.map((hit) => ({ ...hit, pinned: pinned.has(hit.id) }));
    this.deps.presenter.searchResults(requestId, hits);
  }

  /** Shows a saved conversation in the chat (an unreadable one leaves the list instead). */
  async open(id: string): Promise<void> {
    const { session, presenter } = this.deps;
    if (id === session.conversation.id) {
      presenter.closeHistory(true);
      return;
    }
    const conversation = await this.deps.library.read(id);
    if (!conversation) return;
    presenter.closeHistory(true);
    session.open(conversation);
  }

  async rename(id: string): Promise<void> {
    const item = this.deps.library.list().find((candidate) => candidate.id === id);
    if (!item) return;
    const title = await this.deps.dialogs.showInputBox({
      title: t('Rename Conversation'),
      prompt: t('The title shown in the history'),
      value: item.title,
      validateInput: (value) => (value.trim() ? undefined : t('A title cannot be empty.')),
    });
    if (title === undefined || !title.trim()) return;
    await this.deps.library.rename(id, title.slice(0, MAX_TITLE_CHARS * 2));
  }

  setPinned(id: string, pinned: boolean): Promise<boolean> {
    return this.deps.library.setPinned(id, pinned);
  }

  /** Deletes a conversation (the one shown gives way to a new one first); Undo is offered. */
  async delete(id: string): Promise<void> {
    const { session, library } = this.deps;
    const item = library.list().find((candidate) => candidate.id === id);
    if (!item) return;
    if (id === session.conversation.id) session.reset(this.deps.defaultModel());
    await library.delete(id);
  }

  async undo(id: string): Promise<void> {
    await this.deps.library.undo(id);
    this.deps.presenter.historyChanged();
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
