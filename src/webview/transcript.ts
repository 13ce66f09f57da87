// The conversation's entries, in order. Also the single click handler for everything inside
// rendered markdown (links, code block buttons), so no element needs its own listener and
// nothing inline is needed under the CSP.

import type { AssistantEntry, Conversation, Entry } from '../shared/conversation';
import type { CodeBlockAction, DeltaPart, WebviewMessage } from '../shared/protocol';
import { AssistantEntryView } from './assistantEntry';
import { imageButtonMessage } from './answerImages';
import { AutoScroll } from './autoScroll';
import { codicon, element } from './dom';
import type { FrameRequest, WorkMeter } from './streamingRenderer';
import { renderUserEntry } from './userEntry';

const codeBlockActions: readonly CodeBlockAction[] = ['copy', 'insert', 'replace', 'diff', 'newFile'];

function isCodeBlockAction(value: string | null): value is CodeBlockAction {
  return codeBlockActions.includes(value as CodeBlockAction);
}

/** How long a copy button shows its check mark. */
const copiedFeedbackMs = 1500;

export class Transcript {
  /** The scrolling element. */
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly emptyState: HTMLElement;
  private readonly answers = new Map<string, AssistantEntryView>();
  private readonly entryIds = new Set<string>();
  private readonly autoScroll: AutoScroll;
  private lastAnswerId: string | undefined;

  constructor(
    private readonly post: (message: WebviewMessage) => void,
    private readonly requestFrame?: FrameRequest,
    private readonly meter?: WorkMeter,
  ) {
    this.list = element('div', { className: 'entries' });
    this.emptyState = element('div', { className: 'empty-state' }, [
      codicon('comment-discussion'),
      element('p', { text: 'Ask a question about your code.' }),
      element('p', { className: 'hint', text: 'Select code in the editor and run "Ask About Selection…" to include it.' }),
    ]);
    this.element = element('main', { className: 'transcript', attributes: { 'aria-label': 'Conversation', tabindex: '-1' } }, [
      this.emptyState,
      this.list,
    ]);
    this.autoScroll = new AutoScroll(this.element);
    this.element.addEventListener('click', (event) => this.onClick(event));
    // Middle-click on a link would open it in a new webview window; route it like a click.
    this.element.addEventListener('auxclick', (event) => this.onClick(event));
  }

  setConversation(conversation: Conversation): void {
    this.answers.clear();
    this.entryIds.clear();
    this.list.replaceChildren();
    for (const entry of conversation.entries) this.appendEntryView(entry);
    this.refreshLastAnswer();
    this.autoScroll.pin();
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
    const view = this.answers.get(entry.id);
    if (!view) {
      this.addEntry(entry);
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
    const view = this.answers.get(entryId);
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

  showRetry(entryId: string, attempt: number, delayMs: number, status?: number): void {
    this.answers.get(entryId)?.showRetry(attempt, delayMs, status);
  }

  /**
   * One entry that cannot be drawn (a stored answer from a bad server, a renderer bug) must
   * not stop the others: it is replaced by a notice and the transcript goes on.
   */
  private appendEntryView(entry: Entry): void {
    this.entryIds.add(entry.id);
    try {
      if (entry.role === 'user') {
        this.list.append(renderUserEntry(entry));
      } else {
        const view = new AssistantEntryView(entry, {
          post: this.post,
          contentChanged: () => this.autoScroll.follow(),
          requestFrame: this.requestFrame,
          meter: this.meter,
        });
        this.answers.set(entry.id, view);
        this.list.append(view.element);
      }
    } catch {
      this.answers.delete(entry.id);
      this.list.append(brokenEntryNotice(entry));
    }
    this.emptyState.hidden = true;
  }

  private replaceWithNotice(shown: Element, entry: Entry): void {
    this.answers.delete(entry.id);
    if (shown.parentNode) shown.replaceWith(brokenEntryNotice(entry));
    else this.list.append(brokenEntryNotice(entry));
    this.refreshLastAnswer();
  }

  /** Per-answer actions (copy, insert, regenerate) belong to the last answer only. */
  private refreshLastAnswer(): void {
    const views = [...this.answers.values()];
    const last = views.at(-1);
    this.lastAnswerId = last?.id;
    for (const view of views) view.setIsLast(view.id === this.lastAnswerId);
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
    element('div', { className: 'note' }, [codicon('warning'), element('span', { text: 'This entry could not be drawn.' })]),
  ]);
}

function showCopied(button: Element): void {
  const icon = button.querySelector('.codicon');
  if (!icon) return;
  icon.classList.replace('codicon-copy', 'codicon-check');
  setTimeout(() => icon.classList.replace('codicon-check', 'codicon-copy'), copiedFeedbackMs);
}
