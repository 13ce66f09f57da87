// The conversation's entries, in order. Also the single click handler for everything inside
// rendered markdown (links, code block buttons), so no element needs its own listener and
// nothing inline is needed under the CSP.

import type { AssistantEntry, Conversation, Entry } from '../shared/conversation';
import type { CodeBlockAction, DeltaPart, WebviewMessage } from '../shared/protocol';
import { newestEntriesStart } from '../shared/firstState';
import { AssistantEntryView } from './assistantEntry';
import { imageButtonMessage } from './answerImages';
import { AutoScroll } from './autoScroll';
import { browserScheduling, DeferredEntries, pendingAnswerElement, type DeferredScheduling } from './deferredEntries';
import { codicon, element } from './dom';
import type { RenderTiming, WorkMeter } from './streamingRenderer';
import { openQuestionEditor } from './questionEditor';
import { renderUserEntry } from './userEntry';
import { t } from '../shared/l10n';

const codeBlockActions: readonly CodeBlockAction[] = ['copy', 'insert', 'replace', 'diff', 'newFile'];

function isCodeBlockAction(value: string | null): value is CodeBlockAction {
  return codeBlockActions.includes(value as CodeBlockAction);
}

/** How long a copy button shows its check mark. */
const copiedFeedbackMs = 1500;

/**
 * On opening a conversation, the newest entries are drawn at once until about this many
 * characters of text (more than a tall panel shows: ~100 lines); older answers are drawn
 * just after (deferredEntries.ts), those a screen above the view first.
 */
const drawnAtOnceChars = 6_000;
/** …and at least this many of the newest entries (the last question and its answer), however short. */
const drawnAtOnceEntries = 2;

/** Index of the first entry drawn at once when opening `entries`: the ones before it wait. */
export function firstDrawnAtOnce(entries: readonly Entry[]): number {
  return newestEntriesStart(entries, drawnAtOnceEntries, drawnAtOnceChars);
}

export class Transcript {
  /** The scrolling element. */
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly emptyState: HTMLElement;
  private readonly answers = new Map<string, AssistantEntryView>();
  /** Answers shown as placeholders until drawn (a long conversation just opened). */
  private readonly pending = new Map<string, { entry: AssistantEntry; element: HTMLElement }>();
  private readonly deferred: DeferredEntries;
  /** Every answer's id in the order shown (drawn or not). */
  private answerOrder: string[] = [];
  private readonly entryIds = new Set<string>();
  private readonly autoScroll: AutoScroll;
  private lastAnswerId: string | undefined;
  /** Where appendEntryView puts an entry: before this node (null: at the end). */
  private insertAt: Node | null = null;

  constructor(
    private readonly post: (message: WebviewMessage) => void,
    private readonly timing: RenderTiming = {},
    private readonly meter?: WorkMeter,
    scheduling: DeferredScheduling = browserScheduling,
  ) {
    this.list = element('div', { className: 'entries' });
    this.emptyState = element('div', { className: 'empty-state' }, [
      codicon('comment-discussion'),
      element('p', { text: t('Ask a question about your code.') }),
      element('p', { className: 'hint', text: t('Select code in the editor and run "Ask About Selection…" to include it.') }),
    ]);
    this.element = element('main', { className: 'transcript', attributes: { 'aria-label': t('Conversation'), tabindex: '-1' } }, [
      this.emptyState,
      this.list,
    ]);
    this.autoScroll = new AutoScroll(this.element, this.list);
    this.deferred = new DeferredEntries(this.element, scheduling, (id) => this.drawPending(id), () => this.autoScroll.follow());
    this.element.addEventListener('click', (event) => this.onClick(event));
    // Middle-click on a link would open it in a new webview window; route it like a click.
    this.element.addEventListener('auxclick', (event) => this.onClick(event));
  }

  setConversation(conversation: Conversation): void {
    this.answers.clear();
    this.pending.clear();
    this.deferred.clear();
    this.answerOrder = [];
    this.entryIds.clear();
    this.list.replaceChildren();
    const entries = conversation.entries;
    const atOnce = firstDrawnAtOnce(entries);
    entries.forEach((entry, index) => this.appendEntryView(entry, index < atOnce));
    // Nearest to the bottom (what the user sees first) is drawn first.
    for (let index = atOnce - 1; index >= 0; index--) {
      const waiting = this.pending.get(entries[index]!.id);
      if (waiting) this.deferred.add(waiting.entry.id, waiting.element);
    }
    this.refreshLastAnswer();
    this.autoScroll.pin();
    this.deferred.start();
  }

  /**
   * Entries older than those shown (a long conversation's rest, sent after its newest ones):
   * put above them; their answers wait as placeholders, drawn as they come near or when idle.
   */
  prependOlder(entries: readonly Entry[]): void {
    const older = entries.filter((entry) => !this.entryIds.has(entry.id));
    const shownOrder = this.answerOrder;
    this.answerOrder = [];
    this.insertAt = this.list.firstChild;
    try {
      older.forEach((entry) => this.appendEntryView(entry, true));
    } finally {
      this.insertAt = null;
      this.answerOrder.push(...shownOrder);
    }
    // After the placeholders already waiting (nearer the bottom), newest of these first.
    for (let index = older.length - 1; index >= 0; index--) {
      const waiting = this.pending.get(older[index]!.id);
      if (waiting) this.deferred.add(waiting.entry.id, waiting.element);
    }
    this.refreshLastAnswer();
    this.deferred.start();
  }

  /** Answers not drawn yet (placeholders). */
  get pendingCount(): number {
    return this.pending.size;
  }

  addEntry(entry: Entry): void {
    if (this.entryIds.has(entry.id)) {
      if (entry.role === 'assistant') this.updateEntry(entry);
      return;
    }
    this.appendEntryView(entry);
    this.refreshLastAnswer();
    if (entry.role === 'user') this.autoScroll.pin();
    else this.autoScroll.follow();
  }

  updateEntry(entry: AssistantEntry): void {
    const waiting = this.pending.get(entry.id);
    if (waiting) waiting.entry = entry;
    const view = this.viewOf(entry.id);
    if (!view) {
      // Unknown: a new answer. Known but without a view: shown as a notice, stays so.
      if (!this.entryIds.has(entry.id)) this.addEntry(entry);
      return;
    }
    try {
      view.update(entry);
    } catch {
      this.replaceWithNotice(view.element, entry);
    }
    this.autoScroll.follow();
  }

  /** Streamed text for an answer shown (a delta for an entry not shown is dropped). */
  applyDelta(entryId: string, parts: readonly DeltaPart[]): void {
    const view = this.viewOf(entryId);
    if (!view) return;
    try {
      view.applyDelta(parts);
    } catch {
      this.replaceWithNotice(view.element, view.entrySnapshot);
    }
  }

  /** The answer as this view holds it (the entry it was sent, with streamed text folded in). */
  answer(entryId: string): AssistantEntry | undefined {
    return this.answers.get(entryId)?.entrySnapshot;
  }

  /** An entry's element, an answer drawn first if it was a placeholder (a search hit opened). */
  revealEntry(entryId: string): HTMLElement | undefined {
    this.viewOf(entryId);
    return [...this.list.querySelectorAll<HTMLElement>('[data-entry-id]')].find((entry) => entry.dataset.entryId === entryId);
  }

  showRetry(entryId: string, attempt: number, delayMs: number, status?: number): void {
    this.viewOf(entryId)?.showRetry(attempt, delayMs, status);
  }

  /** The answer's view, drawn first if it was still a placeholder. */
  private viewOf(id: string): AssistantEntryView | undefined {
    if (this.pending.has(id)) this.drawPending(id);
    return this.answers.get(id);
  }

  /** Replaces an answer's placeholder with the answer drawn. */
  private drawPending(id: string): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    this.deferred.forget(id);
    const view = this.buildAnswer(waiting.entry);
    waiting.element.replaceWith(view?.element ?? brokenEntryNotice(waiting.entry));
    if (view) view.setIsLast(id === this.lastAnswerId);
    else this.forgetAnswer(id);
  }

  /** The view of an answer, or undefined when it cannot be drawn. */
  private buildAnswer(entry: AssistantEntry): AssistantEntryView | undefined {
    try {
      const view = new AssistantEntryView(entry, {
        post: this.post,
        contentChanged: () => this.autoScroll.follow(),
        requestFrame: this.timing.requestFrame,
        now: this.timing.now,
        meter: this.meter,
      });
      this.answers.set(entry.id, view);
      return view;
    } catch {
      return undefined;
    }
  }

  /**
   * One entry that cannot be drawn (a stored answer from a bad server, a renderer bug) must
   * not stop the others: it is replaced by a notice and the transcript goes on.
   */
  private appendEntryView(entry: Entry, later = false): void {
    this.entryIds.add(entry.id);
    this.emptyState.hidden = true;
    if (entry.role === 'assistant') this.answerOrder.push(entry.id);
    try {
      if (entry.role === 'user') {
        // Issue 11: every question can be edited and sent again.
        this.list.insertBefore(renderUserEntry(entry, (article) => openQuestionEditor(article, entry, this.post)), this.insertAt);
        return;
      }
      if (later) {
        const placeholder = pendingAnswerElement(entry);
        this.pending.set(entry.id, { entry, element: placeholder });
        this.list.insertBefore(placeholder, this.insertAt);
        return;
      }
      const view = this.buildAnswer(entry);
      if (view) {
        this.list.insertBefore(view.element, this.insertAt);
        return;
      }
    } catch {
      // drawn as a notice below
    }
    this.forgetAnswer(entry.id);
    this.list.insertBefore(brokenEntryNotice(entry), this.insertAt);
  }

  /** An answer that could not be drawn: it no longer counts (e.g. as the last answer). */
  private forgetAnswer(id: string): void {
    this.answers.delete(id);
    this.pending.delete(id);
    this.answerOrder = this.answerOrder.filter((other) => other !== id);
  }

  private replaceWithNotice(shown: Element, entry: Entry): void {
    this.forgetAnswer(entry.id);
    if (shown.parentNode) shown.replaceWith(brokenEntryNotice(entry));
    else this.list.append(brokenEntryNotice(entry));
    this.refreshLastAnswer();
  }

  /** Per-answer actions (copy, insert, regenerate) belong to the last answer only. */
  private refreshLastAnswer(): void {
    const lastId = this.answerOrder.at(-1);
    if (lastId !== this.lastAnswerId) {
      if (this.lastAnswerId !== undefined) this.answers.get(this.lastAnswerId)?.setIsLast(false);
      this.lastAnswerId = lastId;
    }
    // The last answer carries the actions: always drawn.
    if (lastId !== undefined) this.viewOf(lastId)?.setIsLast(true);
    this.emptyState.hidden = this.list.childElementCount > 0;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element | null;
    if (!target || typeof target.closest !== 'function') return;

    const link = target.closest('a[href]');
    if (link && this.element.contains(link)) {
      // Links never navigate the webview; the host decides whether to open them.
      event.preventDefault();
      if (event.type === 'click' || event.button === 1) this.post({ type: 'openLink', url: link.getAttribute('href') ?? '' });
      return;
    }
    if (event.type !== 'click') return;

    const answerId = target.closest('article.assistant[data-entry-id]')?.getAttribute('data-entry-id');
    const imageMessage = answerId ? imageButtonMessage(target, answerId) : undefined;
    if (imageMessage) {
      this.post(imageMessage);
      return;
    }

    const button = target.closest('button[data-action]');
    const block = button?.closest('.code-block[data-block]');
    const entry = block?.closest('[data-entry-id]');
    if (!button || !block || !entry) return;
    const action = button.getAttribute('data-action');
    const index = Number(block.getAttribute('data-block'));
    const entryId = entry.getAttribute('data-entry-id');
    if (!isCodeBlockAction(action) || !Number.isInteger(index) || index < 0 || !entryId) return;
    // Blocks are numbered per candidate: say whose block it is (absent for a single answer).
    const candidate = Number(block.closest('[data-candidate]')?.getAttribute('data-candidate'));
    const multiple = entry.querySelectorAll('[data-candidate]').length > 1;
    this.post({ type: 'codeAction', action, entryId, block: index, ...(multiple && Number.isInteger(candidate) && candidate >= 0 ? { candidate } : {}) });
    if (action === 'copy') showCopied(button);
  }
}

/** Stands in for an entry that could not be drawn; names nothing from its content. */
function brokenEntryNotice(entry: Entry): HTMLElement {
  const role = entry.role === 'user' ? 'user' : 'assistant';
  return element('article', { className: `entry ${role} entry-broken`, attributes: { 'data-broken-entry': String(entry.id) } }, [
    element('div', { className: 'note' }, [codicon('warning'), element('span', { text: t('This entry could not be drawn.') })]),
  ]);
}

function showCopied(button: Element): void {
  const icon = button.querySelector('.codicon');
  if (!icon) return;
  icon.classList.replace('codicon-copy', 'codicon-check');
  setTimeout(() => icon.classList.replace('codicon-check', 'codicon-copy'), copiedFeedbackMs);
}
