// A JSON-mode candidate: raw text while it streams (one DOM update per frame), then, once
// finished, pretty-printed and highlighted JSON with Copy / Insert / Save as JSON — or, when
// it does not parse, a notice saying why above the text exactly as the model wrote it.

import { readJsonAnswer } from '../shared/jsonAnswer';
import { codicon, element, iconButton } from './dom';
import { highlightCode } from './highlight';
import { sanitizeToFragment } from './sanitize';
import type { FrameRequest } from './streamingRenderer';

export interface JsonActions {
  copy(): void;
  insert(): void;
  save(): void;
}

const defaultFrame: FrameRequest = (callback) => void requestAnimationFrame(() => callback());

export class JsonView {
  private streamingText: HTMLElement | undefined;
  private pendingText: string | undefined;
  private frameQueued = false;

  constructor(
    private readonly body: HTMLElement,
    private readonly actions: JsonActions,
    private readonly requestFrame: FrameRequest = defaultFrame,
  ) {}

  /** Streaming: the text so far, written at most once per frame. */
  stream(text: string): void {
    if (!this.streamingText) {
      this.streamingText = element('code', { className: 'json-streaming-text' });
      this.body.replaceChildren(element('pre', { className: 'json-streaming' }, [this.streamingText]));
      this.body.setAttribute('aria-busy', 'true');
    }
    this.pendingText = text;
    if (this.frameQueued) return;
    this.frameQueued = true;
    this.requestFrame(() => {
      this.frameQueued = false;
      if (this.streamingText && this.pendingText !== undefined) this.streamingText.textContent = this.pendingText;
    });
  }

  /** Finished: formatted JSON, or the notice and the raw text. */
  show(text: string): void {
    this.streamingText = undefined;
    this.pendingText = undefined;
    this.body.removeAttribute('aria-busy');
    if (text === '') {
      this.body.replaceChildren();
      return;
    }
    const read = readJsonAnswer(text);
    const code = element('code', { className: `hljs language-json${read.ok ? '' : ' plain'}` });
    // highlight.js escapes the text; the markup still goes through the sanitizer like all model output.
    if (read.ok) code.replaceChildren(sanitizeToFragment(highlightCode(read.pretty, 'json')));
    else code.textContent = read.text;
    const block = element('div', { className: 'code-block json-block' }, [
      element('div', { className: 'code-block-header' }, [
        element('span', { className: 'code-block-language', text: read.ok ? 'JSON' : 'text (not valid JSON)' }),
        element('div', { className: 'code-block-actions', attributes: { role: 'toolbar', 'aria-label': 'JSON answer' } }, [
          iconButton('copy', 'Copy JSON', () => this.actions.copy()),
          iconButton('insert', 'Insert JSON at Cursor', () => this.actions.insert()),
          iconButton('save', 'Save as JSON File…', () => this.actions.save()),
        ]),
      ]),
      element('pre', {}, [code]),
    ]);
    const children: HTMLElement[] = [];
    if (!read.ok) {
      children.push(element('div', { className: 'note json-invalid', attributes: { role: 'note' } }, [
        codicon('warning'),
        element('span', { text: `${read.reason} Shown as the model wrote it.` }),
      ]));
    }
    children.push(block);
    this.body.replaceChildren(...children);
  }
}
