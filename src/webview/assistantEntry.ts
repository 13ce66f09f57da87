// One answer: its candidates (tabs when n > 1), markdown rendered while streaming or at once,
// and everything around it — refusal, reasoning, finish notes, status, error, usage, actions.

import type { AnswerError, AssistantEntry, Candidate, ErrorAction } from '../shared/conversation';
import type { WebviewMessage } from '../shared/protocol';
import { codicon, element, iconButton, textButton } from './dom';
import { renderMarkdownInto } from './markdown';
import { StreamingRenderer, type FrameRequest } from './streamingRenderer';

export interface AssistantEntryOptions {
  post(message: WebviewMessage): void;
  /** Called after streamed text reached the DOM, to keep the transcript scrolled. */
  contentChanged(): void;
  requestFrame?: FrameRequest;
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

/** The text, refusal, reasoning and finish note of one candidate. */
class CandidateView {
  readonly element: HTMLElement;
  private readonly extras: HTMLElement;
  private readonly body: HTMLElement;
  private readonly after: HTMLElement;
  private renderer: StreamingRenderer | undefined;
  /** The markdown currently in `body` (or being streamed into it). */
  private shownContent: string | undefined;
  content = '';

  constructor(private readonly options: AssistantEntryOptions) {
    this.extras = element('div', { className: 'candidate-extras' });
    this.body = element('div', { className: 'markdown-body', attributes: { 'aria-live': 'polite' } });
    this.after = element('div', { className: 'candidate-after' });
    this.element = element('div', { className: 'candidate' }, [this.extras, this.body, this.after]);
  }

  update(candidate: Candidate, streaming: boolean): void {
    // While streaming, a snapshot can lag behind deltas already shown: keep the longer text.
    const lagging = streaming && this.content.startsWith(candidate.content);
    if (!lagging) this.content = candidate.content;
    this.extras.replaceChildren(...this.renderExtras(candidate));
    const note = finishNote(candidate.finishReason);
    this.after.replaceChildren(...(note ? [note] : []));
    if (streaming) {
      this.streamTo(this.content);
    } else {
      this.renderFinal(candidate.content);
    }
  }

  appendDelta(text: string): void {
    this.content += text;
    this.streamTo(this.content);
  }

  private streamTo(content: string): void {
    if (!this.renderer) {
      this.renderer = new StreamingRenderer(this.body, {
        requestFrame: this.options.requestFrame,
        onRender: () => this.options.contentChanged(),
      });
      this.body.replaceChildren();
      this.body.setAttribute('aria-busy', 'true');
    }
    this.renderer.setText(content);
    this.shownContent = content;
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

  private renderExtras(candidate: Candidate): HTMLElement[] {
    const extras: HTMLElement[] = [];
    if (candidate.reasoning) {
      extras.push(element('details', { className: 'reasoning' }, [
        element('summary', {}, [codicon('lightbulb'), element('span', { text: 'Reasoning' })]),
        element('div', { className: 'reasoning-text', text: candidate.reasoning }),
      ]));
    }
    if (candidate.refusal) {
      extras.push(element('div', { className: 'refusal', attributes: { role: 'note', 'aria-label': 'The model refused' } }, [
        codicon('circle-slash'),
        element('span', { className: 'refusal-text', text: candidate.refusal }),
      ]));
    }
    return extras;
  }
}

function usageText(usage: NonNullable<AssistantEntry['usage']>): { text: string; title: string } | undefined {
  const total = usage.total_tokens ?? ((usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0));
  if (!total) return undefined;
  const parts: string[] = [];
  if (usage.prompt_tokens !== undefined) parts.push(`${usage.prompt_tokens} in`);
  if (usage.completion_tokens !== undefined) parts.push(`${usage.completion_tokens} out`);
  return { text: `${total.toLocaleString('en-US')} tokens`, title: parts.join(' · ') };
}

export class AssistantEntryView {
  readonly element: HTMLElement;
  private readonly author: HTMLElement;
  private readonly tabs: HTMLElement;
  private readonly candidatesHost: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly candidates: CandidateView[] = [];
  private entry: AssistantEntry;
  private shown: number;
  private isLast = false;

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
      this.footer,
    ]);
    this.update(entry);
  }

  get id(): string {
    return this.entry.id;
  }

  get streaming(): boolean {
    return this.entry.status === 'streaming';
  }

  update(entry: AssistantEntry): void {
    this.entry = entry;
    this.author.textContent = entry.model || 'Assistant';
    this.element.setAttribute('aria-label', `Answer from ${entry.model || 'the assistant'}`);
    this.ensureCandidates(entry.candidates.length);
    entry.candidates.forEach((candidate, index) => this.candidates[index]!.update(candidate, this.streaming));
    if (this.shown >= entry.candidates.length) this.shown = Math.min(entry.chosen, Math.max(0, entry.candidates.length - 1));
    this.renderTabs();
    this.renderFooter();
  }

  appendDelta(index: number, text: string): void {
    this.ensureCandidates(index + 1);
    while (this.entry.candidates.length <= index) this.entry.candidates.push({ content: '' });
    const candidate = this.entry.candidates[index]!;
    candidate.content += text;
    this.candidates[index]!.appendDelta(text);
    if (this.candidates.length > 1) this.renderTabs();
  }

  setIsLast(isLast: boolean): void {
    if (isLast === this.isLast) return;
    this.isLast = isLast;
    this.renderFooter();
  }

  private ensureCandidates(count: number): void {
    while (this.candidates.length < count) {
      const view = new CandidateView(this.options);
      view.element.id = `${this.entry.id}-candidate-${this.candidates.length}`;
      this.candidates.push(view);
      this.candidatesHost.append(view.element);
    }
  }

  private renderTabs(): void {
    const count = this.candidates.length;
    this.tabs.hidden = count < 2;
    this.candidates.forEach((view, index) => {
      view.element.hidden = index !== this.shown;
      if (count > 1) {
        view.element.setAttribute('role', 'tabpanel');
        view.element.setAttribute('aria-labelledby', `${view.element.id}-tab`);
      }
    });
    if (count < 2) {
      this.tabs.replaceChildren();
      return;
    }
    const tabs = this.candidates.map((view, index) => {
      const selected = index === this.shown;
      const tab = element('button', {
        className: `candidate-tab${selected ? ' is-selected' : ''}`,
        text: String(index + 1),
        attributes: {
          type: 'button',
          role: 'tab',
          id: `${view.element.id}-tab`,
          'aria-selected': String(selected),
          'aria-controls': view.element.id,
          'aria-label': `Candidate ${index + 1} of ${count}`,
          tabindex: selected ? '0' : '-1',
        },
      });
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
    this.tabs.replaceChildren(...tabs);
  }

  private showCandidate(index: number): void {
    this.shown = index;
    this.renderTabs();
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
    const usage = entry.usage ? usageText(entry.usage) : undefined;
    if (usage) parts.push(element('div', { className: 'usage', text: usage.text, attributes: { title: usage.title } }));
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
    return element('div', { className: 'answer-actions', attributes: { 'aria-label': 'Answer actions' } }, [
      iconButton('copy', 'Copy Answer', () => post({ type: 'answerAction', action: 'copy', entryId: id })),
      iconButton('insert', 'Insert Answer at Cursor', () => post({ type: 'answerAction', action: 'insert', entryId: id })),
      iconButton('refresh', 'Regenerate', () => post({ type: 'regenerate' })),
    ]);
  }
}
