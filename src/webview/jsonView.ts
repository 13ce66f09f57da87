// A JSON-mode candidate: raw text while it streams (one DOM update per frame), then, once
// finished, pretty-printed and highlighted JSON with Copy / Insert / Save as JSON — or, when
// it does not parse, a notice saying why above the text exactly as the model wrote it.

import { readJsonAnswer } from '../shared/jsonAnswer';
import { codicon, element, iconButton } from './dom';
import { highlightCode } from './highlight';
import { sanitizeToFragment } from './sanitize';
import type { FrameRequest, WorkMeter } from './streamingRenderer';
import { t } from '../shared/l10n';

export interface JsonActions {
  copy(): void;
  insert(): void;
  save(): void;
}

const defaultFrame: FrameRequest = (callback) => void requestAnimationFrame(() => callback());

export class JsonView {
  private streamingText: Text | undefined;
  /** The text so far, and how much of it is in the page. */
  private text = '';
  private written = 0;
  private frameQueued = false;

  constructor(
    private readonly body: HTMLElement,
    private readonly actions: JsonActions,
    private readonly requestFrame: FrameRequest = defaultFrame,
    private readonly meter?: WorkMeter,
  ) {}

  /** Streaming: the text so far (a snapshot), written at most once per frame. */
  stream(text: string): void {
    this.ensureStreaming();
    if (!text.startsWith(this.text)) {
      this.streamingText!.data = '';
      this.written = 0;
    }
    this.meter?.('compare', this.text.length);
    this.text = text;
    this.queueWrite();
  }

  /** Streaming: appended text; only what is new is put into the page, once per frame. */
  append(delta: string): void {
    this.ensureStreaming();
    this.text += delta;
    this.queueWrite();
  }

  private ensureStreaming(): void {
    if (this.streamingText) return;
    this.streamingText = document.createTextNode('');
    this.text = '';
    this.written = 0;
    this.body.replaceChildren(element('pre', { className: 'json-streaming' }, [element('code', { className: 'json-streaming-text' }, [this.streamingText])]));
    this.body.setAttribute('aria-busy', 'true');
  }

  private queueWrite(): void {
    if (this.frameQueued) return;
    this.frameQueued = true;
    this.requestFrame(() => {
      this.frameQueued = false;
      if (!this.streamingText || this.written === this.text.length) return;
      const added = this.text.slice(this.written);
      this.meter?.('write', added.length);
      this.streamingText.appendData(added);
      this.written = this.text.length;
    });
  }

  /** Finished: formatted JSON, or the notice and the raw text. */
  show(text: string): void {
    this.streamingText = undefined;
    this.text = '';
    this.written = 0;
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
        element('div', { className: 'code-block-actions', attributes: { role: 'toolbar', 'aria-label': t('JSON answer') } }, [
          iconButton('copy', t('Copy JSON'), () => this.actions.copy()),
          iconButton('insert', t('Insert JSON at Cursor'), () => this.actions.insert()),
          iconButton('save', t('Save as JSON File…'), () => this.actions.save()),
        ]),
      ]),
      element('pre', {}, [code]),
    ]);
    const children: HTMLElement[] = [];
    if (!read.ok) {
      children.push(element('div', { className: 'note json-invalid', attributes: { role: 'note' } }, [
        codicon('warning'),
        element('span', { text: t('{0} Shown as the model wrote it.', read.reason) }),
      ]));
    }
    children.push(block);
    this.body.replaceChildren(...children);
  }
}
