// The composer's files and selections: a row of chips above the input (name and lines, size,
// problems), each removable with its button or the Delete key before the question is sent,
// and an error line when one was refused. The host holds the list; this draws what it sent.

import type { CodeContext } from '../shared/conversation';
import { contextChipLabel, formatSize, utf8Length, type PendingContextItem } from '../shared/contextItems';
import type { HostMessage, WebviewMessage } from '../shared/protocol';
import { codicon, element } from './dom';
import { formatNumber, t } from '../shared/l10n';

/**
 * Told on the paperclip. During a drag VS Code turns pointer events off on every webview so the
 * workbench gets the drop; holding Shift turns them back on (microsoft/vscode#209211, 1.89).
 */
function problemsLabel(count: number): string {
  return count === 1 ? t('1 problem') : t('{0} problems', formatNumber(count));
}

/** Everything a chip says, for its tooltip and accessible name. */
export function contextItemTitle(context: CodeContext): string {
  const lines = context.startLine === context.endLine ? t('line {0}', context.startLine) : t('lines {0}-{1}', context.startLine, context.endLine);
  const what = context.kind === 'file' ? t('whole file') : t('selection');
  const problems = context.problems?.length ? ` · ${problemsLabel(context.problems.length)}` : '';
  return `${context.path} · ${what}, ${lines} · ${formatSize(utf8Length(context.code))}${problems}`;
}

/** The parts of a chip both the composer and a sent question show: icon, name:lines, size, problems. */
export function contextChipParts(context: CodeContext): HTMLElement[] {
  const parts = [
    codicon(context.kind === 'file' ? 'file' : 'selection'),
    element('span', { className: 'context-label', text: contextChipLabel(context) }),
    element('span', { className: 'context-size', text: formatSize(utf8Length(context.code)) }),
  ];
  const count = context.problems?.length ?? 0;
  if (count > 0) parts.push(element('span', { className: 'context-problems', text: problemsLabel(count) }, [codicon('warning')]));
  return parts;
}

export class ContextChips {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly error: HTMLElement;
  private items: PendingContextItem[] = [];

  /** `focusInput`: where focus goes when the last chip is removed by key. */
  constructor(private readonly post: (message: WebviewMessage) => void, private readonly focusInput: () => void) {
    this.list = element('ul', { className: 'context-items-list', attributes: { 'aria-label': t('Files and selections sent with the next question') } });
    this.error = element('div', { className: 'context-error', attributes: { role: 'alert' } });
    this.error.hidden = true;
    this.element = element('div', { className: 'context-items' }, [this.list, this.error]);
    this.render();
  }

  get count(): number {
    return this.items.length;
  }

  /** The code the chips stand for, as the next question would carry it. */
  get contexts(): CodeContext[] {
    return this.items.map((item) => item.context);
  }

  /** The host's list, or its refusal of an item. */
  apply(message: Extract<HostMessage, { type: 'contextItems' | 'contextError' }>): void {
    if (message.type === 'contextItems') this.setItems(message.items);
    else this.showError(message.message);
  }

  setItems(items: readonly PendingContextItem[]): void {
    const focused = this.list.contains(document.activeElement) ? this.items.findIndex((item) => item.id === (document.activeElement as HTMLElement).dataset.id) : -1;
    this.items = [...items];
    this.render();
    if (focused >= 0) this.focusAt(focused);
  }

  showError(message: string | undefined): void {
    this.error.textContent = message ?? '';
    this.error.hidden = !message;
    this.element.hidden = this.items.length === 0 && !message;
  }

  private remove(item: PendingContextItem): void {
    this.post({ type: 'removeContextItem', id: item.id });
  }

  /** After a removal by key: the chip now at `index`, else the one before, else the input. */
  private focusAt(index: number): void {
    const chips = this.list.querySelectorAll<HTMLElement>('.context-item');
    const target = chips[Math.min(index, chips.length - 1)];
    if (target) target.focus();
    else this.focusInput();
  }

  private render(): void {
    this.element.hidden = this.items.length === 0 && this.error.hidden;
    this.list.hidden = this.items.length === 0;
    this.list.replaceChildren(...this.items.map((item) => this.chip(item)));
  }

  private chip(item: PendingContextItem): HTMLElement {
    const title = contextItemTitle(item.context);
    const name = contextChipLabel(item.context);
    const remove = element('button', {
      className: 'icon-button context-remove',
      attributes: { type: 'button', title: t('Remove {0}', name), 'aria-label': t('Remove {0}', name), tabindex: '-1' },
    }, [codicon('close')]);
    remove.addEventListener('click', () => this.remove(item));
    const chip = element('li', { className: 'context-item', attributes: { title, 'aria-label': t('{0} (Delete removes it)', title), tabindex: '0', 'data-id': item.id } }, [
      ...contextChipParts(item.context),
      remove,
    ]);
    chip.addEventListener('keydown', (event: KeyboardEvent) => {
      if (event.key !== 'Delete' && event.key !== 'Backspace') return;
      event.preventDefault();
      this.remove(item);
    });
    return chip;
  }
}
