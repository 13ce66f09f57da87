// The chat panel's two modes, chat and history (issue 11), and what links them: opening a
// search hit shows that conversation scrolled to the matching message with the terms marked;
// the marks go on Escape or with the next question.

import type { HistoryHostMessage } from '../shared/historyProtocol';
import type { WebviewMessage } from '../shared/protocol';
import { searchTerms } from '../shared/textSearch';
import { HistoryView, type HistoryViewHost } from './historyView';
import { clearMarks, hasMarks, markTerms } from './searchMarks';

/** What the panel gives the history: its root (for the mode), the transcript's element and one entry's drawn element. */
export interface HistoryPanelHost {
  post(message: WebviewMessage): void;
  root: HTMLElement;
  transcript: HTMLElement;
  /** The entry drawn (a placeholder drawn first), or undefined when it is not shown. */
  revealEntry(entryId: string): HTMLElement | undefined;
  /** Called when the chat comes back (the input gets the focus). */
  backToChat(): void;
  /** Whether older entries of the conversation shown are still to come (a long one arrives in two parts). */
  olderToFollow?(): boolean;
  timers?: Pick<HistoryViewHost, 'setTimer' | 'clearTimer' | 'now'>;
}

export class HistoryPanel {
  readonly view: HistoryView;
  /** A hit opened: highlighted once its conversation is shown. */
  private pendingReveal: { id: string; entryId?: string; terms: string[] } | undefined;
  private conversationId: string | undefined;

  constructor(private readonly host: HistoryPanelHost) {
    this.view = new HistoryView({
      post: host.post,
      back: () => {
        host.post({ type: 'closeHistory' });
        this.setShown(false);
      },
      opened: (id, entryId, query) => {
        const terms = searchTerms(query);
        this.pendingReveal = terms.length > 0 || entryId ? { id, entryId, terms } : undefined;
      },
      ...host.timers,
    });
    host.root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.shown && hasMarks(host.transcript)) clearMarks(host.transcript);
    });
  }

  get shown(): boolean {
    return this.host.root.classList.contains('showing-history');
  }

  handle(message: HistoryHostMessage): void {
    if (message.type === 'searchResults') {
      this.view.showResults(message);
      return;
    }
    if (!message.shown) {
      this.setShown(false);
      // The conversation opened was the one shown already: no new state comes.
      this.reveal();
      return;
    }
    const wasShown = this.shown;
    this.view.show(message);
    this.setShown(true);
    if (!wasShown) this.view.focusSearch();
  }

  /** The state of a conversation was drawn. */
  conversationShown(id: string): void {
    this.conversationId = id;
    this.reveal();
  }

  /** The older entries of a long conversation arrived: a hit among them can be shown now. */
  olderEntriesShown(): void {
    this.reveal();
  }

  /** A new question: the marks of the search go. */
  questionAsked(): void {
    this.pendingReveal = undefined;
    clearMarks(this.host.transcript);
  }

  private setShown(shown: boolean): void {
    if (shown === this.shown) return;
    this.host.root.classList.toggle('showing-history', shown);
    if (!shown) this.host.backToChat();
  }

  private reveal(): void {
    const pending = this.pendingReveal;
    if (!pending || pending.id !== this.conversationId || this.shown) return;
    const entry = pending.entryId ? this.host.revealEntry(pending.entryId) : undefined;
    // The hit is among the older entries of a long conversation, still on their way: wait for them.
    if (pending.entryId && !entry && this.host.olderToFollow?.()) return;
    this.pendingReveal = undefined;
    clearMarks(this.host.transcript);
    markTerms(this.host.transcript, pending.terms);
    entry?.scrollIntoView({ block: 'center' });
    entry?.classList.add('search-target');
  }
}
