// The panel's history view (issue 11): a search box over every conversation, and the list
// (pinned first, then newest first; or the search's hits) with open, rename, pin and delete
// per row, and Undo after a delete. Keyboard: arrows move between rows, Enter opens, Escape
// goes back to the chat. Typing searches after a short pause; each search has a request id and
// only the newest one's results are shown.

import type { HistoryHit, HistoryHostMessage, HistoryItem } from '../shared/historyProtocol';
import type { WebviewMessage } from '../shared/protocol';
import { MAX_SEARCH_QUERY_LENGTH } from '../shared/historyProtocol';
import { element, iconButton, textButton } from './dom';
import { historyRow, type RowAction } from './historyRows';
import { t } from '../shared/l10n';

/** Typing pauses this long before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 150;

type HistoryMessage = Extract<HistoryHostMessage, { type: 'history' }>;
type ResultsMessage = Extract<HistoryHostMessage, { type: 'searchResults' }>;

export interface HistoryViewHost {
  post(message: WebviewMessage): void;
  /** Back to the chat (Escape, the back button). */
  back(): void;
  /** A row was opened; `entryId` and `query` when it was a search hit. */
  opened(id: string, entryId: string | undefined, query: string): void;
  /** Timers for the debounce (tests drive them). */
  setTimer?(callback: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
  now?(): number;
}

export class HistoryView {
  readonly element: HTMLElement;
  readonly searchInput: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLElement;
  private readonly undoBar: HTMLElement;
  private items: HistoryItem[] = [];
  private currentId: string | undefined;
  private hits: HistoryHit[] | undefined;
  private requestId = 0;
  private timer: unknown;

  constructor(private readonly host: HistoryViewHost) {
    this.searchInput = element('input', {
      className: 'history-search',
      attributes: { type: 'search', placeholder: t('Search all conversations'), 'aria-label': t('Search all conversations'), maxlength: String(MAX_SEARCH_QUERY_LENGTH) },
    });
    this.searchInput.addEventListener('input', () => this.scheduleSearch());
    this.list = element('ul', { className: 'history-list', attributes: { 'aria-label': t('Conversations') } });
    this.empty = element('p', { className: 'history-empty' });
    this.undoBar = element('div', { className: 'history-undo', attributes: { role: 'status' } });
    const header = element('div', { className: 'history-header' }, [
      iconButton('arrow-left', t('Back to the chat'), () => host.back()),
      element('h2', { className: 'history-heading-text', text: t('History') }),
    ]);
    this.element = element('section', { className: 'history-view', attributes: { 'aria-label': t('Conversation history') } }, [
      header, this.searchInput, this.undoBar, this.list, this.empty,
    ]);
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  get query(): string {
    return this.searchInput.value;
  }

  /** The host's list (after opening, or a change): drawn, and a search in progress is asked again. */
  show(message: HistoryMessage): void {
    this.items = message.items;
    this.currentId = message.currentId;
    this.drawUndo(message.deleted);
    if (this.query.trim()) this.search();
    else this.draw();
  }

  showResults(message: ResultsMessage): void {
    // An older search answering late: a newer one was asked since.
    if (message.requestId !== this.requestId || !this.query.trim()) return;
    this.hits = message.hits;
    this.draw();
  }

  focusSearch(): void {
    this.searchInput.focus();
  }

  private scheduleSearch(): void {
    if (this.timer !== undefined) (this.host.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>);
    this.timer = (this.host.setTimer ?? setTimeout)(() => {
      this.timer = undefined;
      this.search();
    }, SEARCH_DEBOUNCE_MS);
  }

  private search(): void {
    const query = this.query;
    this.requestId++;
    if (!query.trim()) {
      this.hits = undefined;
      this.draw();
      return;
    }
    this.host.post({ type: 'searchHistory', requestId: this.requestId, query });
  }

  private draw(): void {
    const shown = this.hits ?? this.items;
    const now = (this.host.now ?? Date.now)();
    const act = (action: RowAction, item: HistoryItem, entryId?: string) => this.act(action, item, entryId);
    const focusedId = (document.activeElement?.closest('[data-conversation-id]') as HTMLElement | null)?.dataset.conversationId;
    this.list.replaceChildren(...shown.map((item) => historyRow(item, { current: item.id === this.currentId, now, act })));
    this.empty.textContent = this.hits ? t('No conversation matches.') : t('No saved conversations yet.');
    this.empty.hidden = shown.length > 0;
    // Redrawn under the keyboard: the focus stays on the same conversation's row.
    if (focusedId) this.rowButton(focusedId)?.focus();
  }

  private drawUndo(deleted: HistoryMessage['deleted']): void {
    this.undoBar.replaceChildren();
    this.undoBar.hidden = !deleted;
    if (!deleted) return;
    this.undoBar.append(
      element('span', { text: t('Deleted "{0}".', deleted.title || t('New conversation')) }),
      textButton('discard', t('Undo'), () => this.host.post({ type: 'undoDelete', id: deleted.id }), 'text-button history-undo-button'),
    );
  }

  private act(action: RowAction, item: HistoryItem, entryId?: string): void {
    if (action === 'open') {
      this.host.opened(item.id, entryId, this.query);
      this.host.post({ type: 'openConversation', id: item.id });
    } else if (action === 'rename') this.host.post({ type: 'renameConversation', id: item.id });
    else if (action === 'pin') this.host.post({ type: 'pinConversation', id: item.id, pinned: !item.pinned });
    else {
      // The focus moves to a neighbour, so the keyboard does not lose its place.
      const row = this.rowButton(item.id)?.closest('li');
      const neighbour = (row?.nextElementSibling ?? row?.previousElementSibling) as HTMLElement | null;
      neighbour?.querySelector<HTMLElement>('.history-open')?.focus();
      this.host.post({ type: 'deleteConversation', id: item.id });
    }
  }

  private rowButton(id: string): HTMLElement | undefined {
    return [...this.list.querySelectorAll<HTMLElement>('.history-open')].find((button) => button.closest<HTMLElement>('[data-conversation-id]')?.dataset.conversationId === id);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.host.back();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    const buttons = [...this.list.querySelectorAll<HTMLElement>('.history-open')];
    if (buttons.length === 0) return;
    const from = buttons.findIndex((button) => button.closest('li')?.contains(document.activeElement));
    const inSearch = document.activeElement === this.searchInput;
    if (inSearch && event.key !== 'ArrowDown') return;
    event.preventDefault();
    let to = from;
    if (event.key === 'Home') to = 0;
    else if (event.key === 'End') to = buttons.length - 1;
    else if (event.key === 'ArrowDown') to = from < 0 ? 0 : Math.min(buttons.length - 1, from + 1);
    else if (from <= 0) {
      this.searchInput.focus();
      return;
    } else to = from - 1;
    buttons[to]!.focus();
  }
}
