// One candidate of an answer: its text (markdown, or JSON for a JSON-mode answer) rendered
// while streaming or at once, its refusal and reasoning, and the note on how it finished.

import type { Candidate } from '../shared/conversation';
import type { DeltaChannel } from '../shared/protocol';
import { codicon, element } from './dom';
import { JsonView, type JsonActions } from './jsonView';
import { renderMarkdownInto } from './markdown';
import { StreamingRenderer, type FrameRequest, type WorkMeter } from './streamingRenderer';
import { t } from '../shared/l10n';

export interface CandidateViewOptions {
  /** Called after streamed text reached the DOM, to keep the transcript scrolled. */
  contentChanged(): void;
  requestFrame?: FrameRequest;
  /** The clock the renderer paces its renders by; performance.now when absent (tests drive it). */
  now?: () => number;
  /** Counts the characters streaming work looks at (tests). */
  meter?: WorkMeter;
}

function finishNote(reason: string | undefined): HTMLElement | undefined {
  if (reason === 'length') {
    return element('div', { className: 'note finish-length' }, [codicon('warning'), element('span', { text: t('Answer cut at the token limit') })]);
  }
  if (reason === 'content_filter') {
    return element('div', { className: 'note finish-filtered', attributes: { role: 'note' } }, [
      codicon('shield'),
      element('span', { text: t('This text was flagged by the content filter and may be incomplete.') }),
    ]);
  }
  return undefined;
}

/** A collapsed Reasoning section or a refusal note; `text` is where its text goes. */
function extraBox(channel: DeltaChannel): { box: HTMLElement; text: HTMLElement } {
  if (channel === 'reasoning') {
    const text = element('div', { className: 'reasoning-text' });
    const box = element('details', { className: 'reasoning' }, [
      element('summary', {}, [codicon('lightbulb'), element('span', { text: t('Reasoning') })]),
      text,
    ]);
    return { box, text };
  }
  const text = element('span', { className: 'refusal-text' });
  const box = element('div', { className: 'refusal', attributes: { role: 'note', 'aria-label': t('The model refused') } }, [codicon('circle-slash'), text]);
  return { box, text };
}

/**
 * The text, refusal, reasoning and finish note of one candidate. It holds no text of its own:
 * the entry (folded by shared/answerReducer.ts) is the state; this draws it, and while
 * streaming hands appended text to the renderer so nothing is compared or rescanned.
 */
export class CandidateView {
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

  constructor(private readonly options: CandidateViewOptions, index: number, jsonActions: JsonActions | undefined) {
    this.extras = element('div', { className: 'candidate-extras' });
    // Not a live region: a screen reader hears the finished answer once (announcer.ts), not each token.
    this.body = element('div', { className: 'markdown-body' });
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
        now: this.options.now,
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
