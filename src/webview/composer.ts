// The input at the bottom: an auto-growing textarea where Enter sends and Shift+Enter adds a
// line, and one button that is Send when idle and Stop while an answer streams.

import { codicon, element, iconButton } from './dom';
import { QuestionHistory } from './questionHistory';
import { t } from '../shared/l10n';

export interface ComposerCallbacks {
  send(text: string): void;
  stop(): void;
  draftChanged(text: string): void;
  /** Given: an "Attach Images" button opens the host's file picker. */
  attach?(): void;
  /** True when images are attached: a question may then be sent without text. */
  hasAttachments?(): boolean;
  // --- context items (issue 11: more context) ---
  /** Given: an "Attach Files" paperclip opens the host's picker of workspace files. */
  attachFiles?(): void;
  /** The paperclip's tooltip (how to drop files too). */
  attachFilesLabel?: string;
}

/** Enter while an IME is composing confirms the composition; it must not send. */
function isComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly button: HTMLButtonElement;
  private readonly buttonIcon: HTMLSpanElement;
  private busy = false;
  /** Up and Down recall earlier questions. */
  private readonly history = new QuestionHistory();

  constructor(private readonly callbacks: ComposerCallbacks, draft = '') {
    this.input = element('textarea', {
      className: 'composer-input',
      attributes: {
        rows: '1',
        'aria-label': t('Ask a question'),
        placeholder: t('Ask a question (Shift+Enter for a new line)'),
      },
    });
    this.input.value = draft;
    this.buttonIcon = codicon('send');
    this.button = element('button', { className: 'composer-button', attributes: { type: 'button' } }, [this.buttonIcon]);
    const attach = callbacks.attach
      ? [iconButton('file-media', t('Attach Images (or paste, or drop with Shift)'), () => callbacks.attach?.())]
      : [];
    attach.forEach((button) => button.classList.add('composer-attach'));
    // --- context items (issue 11: more context) ---
    if (callbacks.attachFiles) {
      const clip = iconButton('attach', callbacks.attachFilesLabel ?? t('Attach Files'), () => callbacks.attachFiles?.());
      clip.classList.add('composer-attach-files');
      attach.push(clip);
    }
    this.element = element('div', { className: 'composer' }, [...attach, this.input, this.button]);

    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.input.addEventListener('input', () => {
      this.autoGrow();
      this.callbacks.draftChanged(this.input.value);
    });
    this.button.addEventListener('click', () => (this.busy ? this.callbacks.stop() : this.submit()));
    this.setBusy(false);
    this.autoGrow();
  }

  /** Whether an answer is running (the button says Stop). */
  get isBusy(): boolean {
    return this.busy;
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    const label = busy ? t('Stop answer') : t('Send (Enter)');
    this.button.title = label;
    this.button.setAttribute('aria-label', label);
    this.button.classList.toggle('is-stop', busy);
    this.buttonIcon.className = `codicon codicon-${busy ? 'debug-stop' : 'send'}`;
  }

  /** Puts `text` in the box (e.g. a question whose send failed) and focuses it. */
  fill(text: string): void {
    this.input.value = text;
    this.autoGrow();
    this.callbacks.draftChanged(text);
    this.focus();
  }

  /**
   * Empties a restored draft that is the question last sent, or the start of it. VS Code keeps
   * the webview's UI state on its own schedule, so after a browser reload (no graceful
   * shutdown) the state can be older than the conversation: the question sent just before, or
   * a snapshot taken while it was being typed, would come back as a draft.
   */
  forgetIfSent(lastQuestion: string | undefined): void {
    const draft = this.input.value.trim();
    if (draft === '' || lastQuestion === undefined || !lastQuestion.trim().startsWith(draft)) return;
    this.input.value = '';
    this.autoGrow();
    this.callbacks.draftChanged('');
  }

  /** The draft as the tab kept it (newer than the webview state's after a reload of VS Code web). */
  restoreDraft(text: string): void {
    if (this.input.value === text) return;
    this.input.value = text;
    this.autoGrow();
    this.callbacks.draftChanged(text);
  }

  /**
   * Puts back a question an earlier page sent that never reached the host (sentQuestion.ts),
   * before whatever other draft was typed since; it is not sent again on its own.
   */
  putBack(text: string): void {
    const draft = this.input.value.trim();
    // A draft that is the question's start is a snapshot the state took while it was typed.
    this.input.value = draft === '' || text.trim().startsWith(draft) ? text : `${text}\n\n${this.input.value}`;
    this.autoGrow();
    this.callbacks.draftChanged(this.input.value);
  }

  /** The questions of the conversation shown, oldest first, for Up and Down. */
  setQuestions(questions: readonly string[]): void {
    this.history.set(questions);
  }

  /** A question was added to the conversation (from here or from an editor command). */
  rememberQuestion(question: string): void {
    this.history.add(question);
  }

  focus(): void {
    this.input.focus();
    const end = this.input.value.length;
    this.input.setSelectionRange(end, end);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      this.recall(event);
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || isComposing(event)) return;
    event.preventDefault();
    this.submit();
  }

  private recall(event: KeyboardEvent): void {
    const shown = this.input.value;
    const text = event.key === 'ArrowUp' ? this.history.previous(shown) : this.history.next(shown);
    if (text === undefined) return;
    event.preventDefault();
    this.input.value = text;
    this.autoGrow();
    this.callbacks.draftChanged(text);
    const end = text.length;
    this.input.setSelectionRange(end, end);
  }

  private submit(): void {
    const text = this.input.value.trim();
    // One answer at a time: while busy, Enter keeps the text for later instead of losing it.
    if ((text === '' && !this.callbacks.hasAttachments?.()) || this.busy) return;
    this.callbacks.send(text);
    this.input.value = '';
    this.autoGrow();
    this.callbacks.draftChanged('');
  }

  /** Fits the height to the content; CSS max-height caps it and then it scrolls. */
  private autoGrow(): void {
    this.input.style.height = 'auto';
    if (this.input.scrollHeight > 0) this.input.style.height = `${this.input.scrollHeight}px`;
  }
}
