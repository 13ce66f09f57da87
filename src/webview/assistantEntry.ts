// One answer: its header, its candidates (each a CandidateView; tabs when n > 1), the retry
// countdown and the footer. The entry it was sent is the state: streamed text is folded into
// it by the shared reducer, and everything is drawn from it.

import { foldEvent, partEvent } from '../shared/answerReducer';
import type { AssistantEntry } from '../shared/conversation';
import type { DeltaPart, WebviewMessage } from '../shared/protocol';
import { footerParts } from './answerFooter';
import { showAnswerImages } from './answerImages';
import { CandidateTabs } from './candidateTabs';
import { CandidateView, type CandidateViewOptions } from './candidateView';
import { codicon, element } from './dom';
import type { JsonActions } from './jsonView';
import { RetryCountdown } from './retryCountdown';
import { showSources } from './sources';
import { t } from '../shared/l10n';

export interface AssistantEntryOptions extends CandidateViewOptions {
  post(message: WebviewMessage): void;
}

export class AssistantEntryView {
  readonly element: HTMLElement;
  private readonly author: HTMLElement;
  private readonly tabs: CandidateTabs;
  private readonly candidatesHost: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly retry = new RetryCountdown();
  private readonly candidates: CandidateView[] = [];
  private entry: AssistantEntry;
  private isLast = false;

  constructor(entry: AssistantEntry, private readonly options: AssistantEntryOptions) {
    this.entry = entry;
    this.tabs = new CandidateTabs(entry.chosen, options.post, (comparing) => this.element.classList.toggle('is-comparing', comparing));
    this.author = element('span', { className: 'entry-author' });
    this.candidatesHost = element('div', { className: 'candidates' });
    this.footer = element('div', { className: 'entry-footer' });
    this.element = element('article', { className: 'entry assistant', attributes: { 'data-entry-id': entry.id } }, [
      element('div', { className: 'entry-header' }, [codicon('sparkle'), this.author]),
      this.tabs.element,
      this.candidatesHost,
      this.retry.element,
      this.footer,
    ]);
    this.update(entry);
  }


  get id(): string {
    return this.entry.id;
  }

  /** The entry as last shown (for a notice if drawing it ever fails). */
  get entrySnapshot(): AssistantEntry {
    return this.entry;
  }

  get streaming(): boolean {
    return this.entry.status === 'streaming';
  }

  update(entry: AssistantEntry): void {
    this.entry = entry;
    this.retry.clear();
    this.author.textContent = entry.model || t('Assistant');
    this.element.setAttribute('aria-label', entry.model ? t('Answer from {0}', entry.model) : t('Answer from the assistant'));
    this.ensureCandidates(entry.candidates.length);
    entry.candidates.forEach((candidate, index) => this.candidates[index]!.update(candidate, this.streaming));
    this.showImagesAndSources(entry);
    this.tabs.render(this.candidates, entry);
    this.renderFooter();
  }

  /**
   * A finished answer's fetched images replace their placeholders, and the sites it links to
   * are listed under it (JSON answers have neither).
   */
  private showImagesAndSources(entry: AssistantEntry): void {
    const finished = !this.streaming && entry.responseFormat !== 'json_object';
    entry.candidates.forEach((candidate, index) => {
      const view = this.candidates[index]!.element;
      const body = view.querySelector('.markdown-body');
      if (finished && body) showAnswerImages(body, entry);
      showSources(view, finished ? candidate.content : undefined);
    });
  }

  /**
   * Streamed text: each part is folded into the entry by the shared reducer (the same rule
   * the host folds the server's events with), then its text is appended to the DOM. A part
   * the reducer refuses (a finished answer, an index out of range) changes nothing.
   */
  applyDelta(parts: readonly DeltaPart[]): void {
    this.retry.clear();
    const before = this.candidates.length;
    for (const part of parts) {
      if (foldEvent(this.entry, partEvent(part)) !== 'text') continue;
      this.ensureCandidates(this.entry.candidates.length);
      this.candidates[part.index]!.appendDelta(part.content, part.channel);
    }
    // Tabs only change when a candidate appears, not per delta.
    if (this.candidates.length !== before) this.tabs.render(this.candidates, this.entry);
  }

  /** The request is sent again after `delayMs`: show the countdown until the answer moves. */
  showRetry(attempt: number, delayMs: number, status?: number): void {
    if (this.streaming) this.retry.show(attempt, delayMs, status);
  }

  setIsLast(isLast: boolean): void {
    if (isLast === this.isLast) return;
    this.isLast = isLast;
    this.renderFooter();
  }

  private ensureCandidates(count: number): void {
    while (this.candidates.length < count) {
      const index = this.candidates.length;
      const view = new CandidateView(this.options, index, this.jsonActions(index));
      view.element.id = `${this.entry.id}-candidate-${this.candidates.length}`;
      this.candidates.push(view);
      this.candidatesHost.append(view.element);
    }
  }

  /** The buttons of a JSON answer's candidate; undefined for markdown answers. */
  private jsonActions(candidate: number): JsonActions | undefined {
    if (this.entry.responseFormat !== 'json_object') return undefined;
    const entryId = this.entry.id;
    const post = this.options.post;
    return {
      copy: () => post({ type: 'answerAction', action: 'copy', entryId, candidate }),
      insert: () => post({ type: 'answerAction', action: 'insert', entryId, candidate }),
      save: () => post({ type: 'saveJson', entryId, candidate }),
    };
  }


  /** The candidate the user is looking at, which the answer's actions act on. */
  get shownCandidate(): number {
    return this.tabs.shown;
  }

  private renderFooter(): void {
    this.footer.replaceChildren(...footerParts(this.entry, {
      post: this.options.post,
      isLast: this.isLast,
      candidate: () => (this.candidates.length > 1 ? this.tabs.shown : undefined),
    }));
  }
}
