// One answer: its candidates (tabs when n > 1), markdown rendered while streaming or at once,
// and everything around it — refusal, reasoning, finish notes, status, error, usage, actions.

import { foldEvent, partEvent } from '../shared/answerReducer';
import type { AnswerError, AssistantEntry, Candidate, ErrorAction } from '../shared/conversation';
import type { DeltaChannel, DeltaPart, WebviewMessage } from '../shared/protocol';
import { answerUsage, formatTokens } from '../shared/usage';
import { showAnswerImages } from './answerImages';
import { codicon, element, iconButton, textButton } from './dom';
import { JsonView, type JsonActions } from './jsonView';
import { renderMarkdownInto } from './markdown';
import { RetryCountdown } from './retryCountdown';
import { showSources } from './sources';
import { StreamingRenderer, type FrameRequest, type WorkMeter } from './streamingRenderer';

export interface AssistantEntryOptions {
  post(message: WebviewMessage): void;
  /** Called after streamed text reached the DOM, to keep the transcript scrolled. */
  contentChanged(): void;
  requestFrame?: FrameRequest;
  /** Counts the characters streaming work looks at (tests). */
  meter?: WorkMeter;
}

const errorActionLabels: Record<ErrorAction, { label: string; icon: string }> = {
  setToken: { label: 'Set API Token', icon: 'key' },
  retry: { label: 'Retry', icon: 'refresh' },
  openSettings: { label: 'Open Settings', icon: 'settings-gear' },
};

function errorActionMessage(action: ErrorAction): WebviewMessage {
  switch (action) {
    case 'setToken':
      return { type: 'setToken' };
    case 'retry':
      return { type: 'regenerate' };
    case 'openSettings':
      return { type: 'openSettings' };
  }
}

function finishNote(reason: string | undefined): HTMLElement | undefined {
  if (reason === 'length') {
    return element('div', { className: 'note finish-length' }, [codicon('warning'), element('span', { text: 'Answer cut at the token limit' })]);
  }
  if (reason === 'content_filter') {
    return element('div', { className: 'note finish-filtered', attributes: { role: 'note' } }, [
      codicon('shield'),
      element('span', { text: 'This text was flagged by the content filter and may be incomplete.' }),
    ]);
  }
  return undefined;
}

/** A collapsed Reasoning section or a refusal note; `text` is where its text goes. */
function extraBox(channel: DeltaChannel): { box: HTMLElement; text: HTMLElement } {
  if (channel === 'reasoning') {
    const text = element('div', { className: 'reasoning-text' });
    const box = element('details', { className: 'reasoning' }, [
      element('summary', {}, [codicon('lightbulb'), element('span', { text: 'Reasoning' })]),
      text,
    ]);
    return { box, text };
  }
  const text = element('span', { className: 'refusal-text' });
  const box = element('div', { className: 'refusal', attributes: { role: 'note', 'aria-label': 'The model refused' } }, [codicon('circle-slash'), text]);
  return { box, text };
}

/**
 * The text, refusal, reasoning and finish note of one candidate. It holds no text of its own:
 * the entry (folded by shared/answerReducer.ts) is the state; this draws it, and while
 * streaming hands appended text to the renderer so nothing is compared or rescanned.
 */
class CandidateView {
  readonly element: HTMLElement;
  private readonly extras: HTMLElement;
  /** Reasoning and refusal, built once and then extended in place (an opened Reasoning stays open). */
  private readonly extraBoxes = new Map<DeltaChannel, { box: HTMLElement; text: HTMLElement }>();
  private readonly body: HTMLElement;
  private readonly after: HTMLElement;
  /** "Candidate 2 · Use This Answer" when there are several. */
  readonly choice: HTMLElement;
  private renderer: StreamingRenderer | undefined;
  /** Set for answers asked in JSON mode: they are shown as JSON, not markdown. */
  private json: JsonView | undefined;
  /** The markdown currently in `body` (or being streamed into it). */
  private shownContent: string | undefined;

  constructor(private readonly options: AssistantEntryOptions, index: number, jsonActions: JsonActions | undefined) {
    this.extras = element('div', { className: 'candidate-extras' });
    this.body = element('div', { className: 'markdown-body', attributes: { 'aria-live': 'polite' } });
    this.after = element('div', { className: 'candidate-after' });
    this.choice = element('div', { className: 'candidate-choice' });
    this.choice.hidden = true;
    // Code block buttons inside say which candidate they belong to (see Transcript.onClick).
    this.element = element('div', { className: 'candidate', attributes: { 'data-candidate': String(index) } }, [
      this.choice,
      this.extras,
      this.body,
      this.after,
    ]);
    if (jsonActions) this.json = new JsonView(this.body, jsonActions, options.requestFrame, options.meter);
  }

  /** Draws the candidate as the entry holds it (an entry update: rare while streaming). */
  update(candidate: Candidate, streaming: boolean): void {
    this.showExtra('reasoning', candidate.reasoning);
    this.showExtra('refusal', candidate.refusal);
    const note = finishNote(candidate.finishReason);
    this.after.replaceChildren(...(note ? [note] : []));
    if (this.json) {
      if (streaming) this.json.stream(candidate.content);
      else this.json.show(candidate.content);
      return;
    }
    if (streaming) {
      // Appends when the text extends what is shown (it always does: the host sends pending
      // deltas before any update), else draws the text again.
      this.streamingRenderer().setText(candidate.content);
    } else {
      this.renderFinal(candidate.content);
    }
  }

  /**
   * Text the reducer just appended to the candidate: handed on to the DOM as it is, never
   * compared with or joined to what is shown.
   */
  appendDelta(text: string, channel?: DeltaChannel): void {
    if (channel) {
      this.extraBox(channel).text.append(text);
      this.options.contentChanged();
      return;
    }
    if (this.json) this.json.append(text);
    else this.streamingRenderer().append(text);
  }

  private streamingRenderer(): StreamingRenderer {
    if (!this.renderer) {
      this.renderer = new StreamingRenderer(this.body, {
        requestFrame: this.options.requestFrame,
        onRender: () => this.options.contentChanged(),
        meter: this.options.meter,
      });
      this.body.replaceChildren();
      this.body.setAttribute('aria-busy', 'true');
      this.shownContent = undefined;
    }
    return this.renderer;
  }

  private renderFinal(content: string): void {
    if (this.renderer) {
      // The streamed DOM already equals a one-shot render once the rest is flushed.
      this.renderer.setText(content);
      this.renderer.flush();
      this.renderer.dispose();
      this.renderer = undefined;
      this.body.removeAttribute('aria-busy');
    } else if (this.shownContent !== content) {
      renderMarkdownInto(this.body, content);
    }
    this.shownContent = content;
  }

  private showExtra(channel: DeltaChannel, text: string | undefined): void {
    if (!text) {
      this.extraBoxes.get(channel)?.box.remove();
      this.extraBoxes.delete(channel);
      return;
    }
    const shown = this.extraBox(channel).text;
    // The same text keeps its node (a selection in it stays); the section itself is never rebuilt.
    if (shown.textContent !== text) shown.textContent = text;
  }

  private extraBox(channel: DeltaChannel): { box: HTMLElement; text: HTMLElement } {
    let built = this.extraBoxes.get(channel);
    if (!built) {
      built = extraBox(channel);
      this.extraBoxes.set(channel, built);
      // Reasoning first, then a refusal: the order the model produces them in.
      if (channel === 'reasoning') this.extras.prepend(built.box);
      else this.extras.append(built.box);
    }
    return built;
  }
}

function usageText(entry: AssistantEntry): { text: string; title: string } | undefined {
  const summary = answerUsage(entry);
  if (!summary) return undefined;
  const title = `${summary.prompt.toLocaleString('en-US')} in · ${summary.completion.toLocaleString('en-US')} out`;
  return {
    text: formatTokens(summary),
    title: summary.estimated ? `${title}. The server sent no usage: estimated at about 4 characters a token.` : title,
  };
}

export class AssistantEntryView {
  readonly element: HTMLElement;
  private readonly author: HTMLElement;
  private readonly tabs: HTMLElement;
  private readonly candidatesHost: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly retry = new RetryCountdown();
  private readonly candidates: CandidateView[] = [];
  private entry: AssistantEntry;
  private shown: number;
  private isLast = false;
  /** Every candidate at once, side by side, instead of one tab at a time. */
  private comparing = false;

  constructor(entry: AssistantEntry, private readonly options: AssistantEntryOptions) {
    this.entry = entry;
    this.shown = entry.chosen;
    this.author = element('span', { className: 'entry-author' });
    this.tabs = element('div', { className: 'candidate-tabs', attributes: { role: 'tablist', 'aria-label': 'Answer candidates' } });
    this.candidatesHost = element('div', { className: 'candidates' });
    this.footer = element('div', { className: 'entry-footer' });
    this.element = element('article', { className: 'entry assistant', attributes: { 'data-entry-id': entry.id } }, [
      element('div', { className: 'entry-header' }, [codicon('sparkle'), this.author]),
      this.tabs,
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
    this.author.textContent = entry.model || 'Assistant';
    this.element.setAttribute('aria-label', `Answer from ${entry.model || 'the assistant'}`);
    this.ensureCandidates(entry.candidates.length);
    entry.candidates.forEach((candidate, index) => this.candidates[index]!.update(candidate, this.streaming));
    this.showImagesAndSources(entry);
    if (this.shown >= entry.candidates.length) this.shown = Math.min(entry.chosen, Math.max(0, entry.candidates.length - 1));
    this.renderTabs();
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
    if (this.candidates.length !== before) this.renderTabs();
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

  private renderTabs(): void {
    const count = this.candidates.length;
    this.tabs.hidden = count < 2;
    this.element.classList.toggle('is-comparing', this.comparing && count > 1);
    this.candidates.forEach((view, index) => {
      view.element.hidden = !(this.comparing && count > 1) && index !== this.shown;
      if (count > 1) {
        view.element.setAttribute('role', 'tabpanel');
        view.element.setAttribute('aria-labelledby', `${view.element.id}-tab`);
      }
      this.renderChoice(view, index, count);
    });
    if (count < 2) {
      this.tabs.replaceChildren();
      return;
    }
    const chosen = this.entry.chosen;
    const tabs: HTMLElement[] = this.candidates.map((view, index) => {
      const selected = index === this.shown;
      const isChosen = index === chosen;
      const tab = element('button', {
        className: `candidate-tab${selected ? ' is-selected' : ''}${isChosen ? ' is-chosen' : ''}`,
        attributes: {
          type: 'button',
          role: 'tab',
          id: `${view.element.id}-tab`,
          'aria-selected': String(selected),
          'aria-controls': view.element.id,
          'aria-label': `Candidate ${index + 1} of ${count}${isChosen ? ', used in the conversation' : ''}`,
          tabindex: selected ? '0' : '-1',
        },
      }, isChosen ? [codicon('check'), element('span', { text: String(index + 1) })] : [String(index + 1)]);
      tab.addEventListener('click', () => this.showCandidate(index));
      tab.addEventListener('keydown', (event) => {
        const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        event.preventDefault();
        this.showCandidate((index + step + count) % count);
        (this.tabs.children[this.shown] as HTMLElement | undefined)?.focus();
      });
      return tab;
    });
    const compare = iconButton(
      this.comparing ? 'list-flat' : 'split-horizontal',
      this.comparing ? 'Show One Candidate at a Time' : 'Compare Candidates Side by Side',
      () => {
        this.comparing = !this.comparing;
        this.renderTabs();
      },
    );
    compare.classList.add('candidate-compare');
    compare.setAttribute('aria-pressed', String(this.comparing));
    this.tabs.replaceChildren(...tabs, compare);
  }

  /**
   * Above each candidate when there are several: which one it is, and either that the
   * conversation continues with it or the button that makes it so.
   */
  private renderChoice(view: CandidateView, index: number, count: number): void {
    view.choice.hidden = count < 2;
    if (count < 2) return;
    const label = element('span', { className: 'candidate-label', text: `Candidate ${index + 1} of ${count}` });
    if (index === this.entry.chosen) {
      view.choice.replaceChildren(label, element('span', { className: 'candidate-chosen' }, [codicon('check'), element('span', { text: 'Used in the conversation' })]));
    } else if (this.streaming) {
      view.choice.replaceChildren(label);
    } else {
      const entryId = this.entry.id;
      const use = textButton('check', 'Use This Answer', () => this.options.post({ type: 'chooseCandidate', entryId, index }), 'secondary-button candidate-use');
      use.title = 'Continue the conversation with this candidate (the next question carries it)';
      view.choice.replaceChildren(label, use);
    }
  }

  private showCandidate(index: number): void {
    this.shown = index;
    this.renderTabs();
  }

  /** The candidate the user is looking at, which the answer's actions act on. */
  get shownCandidate(): number {
    return this.shown;
  }

  private renderFooter(): void {
    const parts: HTMLElement[] = [];
    const entry = this.entry;
    if (entry.status === 'streaming') {
      parts.push(element('div', { className: 'status streaming-indicator', attributes: { role: 'status' } }, [
        codicon('loading', 'codicon-modifier-spin'),
        element('span', { text: 'Answering…' }),
      ]));
    } else if (entry.status === 'stopped') {
      parts.push(element('div', { className: 'status status-stopped' }, [codicon('debug-stop'), element('span', { text: 'Stopped' })]));
    } else if (entry.status === 'interrupted') {
      parts.push(element('div', { className: 'status status-interrupted' }, [codicon('debug-disconnect'), element('span', { text: 'Interrupted by a reload' })]));
    }
    if (entry.error) parts.push(this.renderError(entry.error));
    const usage = usageText(entry);
    if (usage) {
      parts.push(element('div', { className: `usage${entry.usageEstimated ? ' is-estimated' : ''}`, text: usage.text, attributes: { title: usage.title } }));
    }
    if (this.isLast && entry.status !== 'streaming') parts.push(this.renderActions());
    this.footer.replaceChildren(...parts);
  }

  private renderError(error: AnswerError): HTMLElement {
    const message = error.status ? `${error.message} (HTTP ${error.status})` : error.message;
    const children: (Node | string)[] = [codicon('error'), element('span', { className: 'error-message', text: message })];
    if (error.action) {
      const { label, icon } = errorActionLabels[error.action];
      const action = error.action;
      children.push(textButton(icon, label, () => this.options.post(errorActionMessage(action)), 'secondary-button'));
    }
    return element('div', { className: 'error-box', attributes: { role: 'alert' } }, children);
  }

  private renderActions(): HTMLElement {
    const id = this.entry.id;
    const post = this.options.post;
    // Read at click time: the actions act on the candidate shown then, not when drawn.
    const candidate = (): { candidate?: number } => (this.candidates.length > 1 ? { candidate: this.shown } : {});
    const buttons = [
      iconButton('copy', 'Copy Answer', () => post({ type: 'answerAction', action: 'copy', entryId: id, ...candidate() })),
      iconButton('insert', 'Insert Answer at Cursor', () => post({ type: 'answerAction', action: 'insert', entryId: id, ...candidate() })),
    ];
    if (this.entry.responseFormat === 'json_object') {
      buttons.push(iconButton('save', 'Save Answer as JSON File…', () => post({ type: 'saveJson', entryId: id, ...candidate() })));
    }
    buttons.push(iconButton('refresh', 'Regenerate', () => post({ type: 'regenerate' })));
    return element('div', { className: 'answer-actions', attributes: { 'aria-label': 'Answer actions' } }, buttons);
  }
}
