// Editing a question in place (issue 11): the question's text becomes an editable box with
// Send and Cancel. The keys follow the composer's: Enter sends (Ctrl/Cmd+Enter too),
// Shift+Enter adds a line, Escape cancels. The question's code and images stay as they are:
// the host asks them again with the new text.

import type { UserEntry } from '../shared/conversation';
import type { WebviewMessage } from '../shared/protocol';
import { element, textButton } from './dom';
import { t } from '../shared/l10n';

/** Enter while an IME is composing confirms the composition; it must not send. */
function isComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

/** The class a question carries while it is being edited (its Edit button hides). */
export const EDITING_CLASS = 'is-editing';

/**
 * Opens the edit box in question `article` (or focuses the one open). After Send the box stays
 * until the host draws the conversation again: if the user declines to replace later turns,
 * nothing typed is lost.
 */
export function openQuestionEditor(article: HTMLElement, entry: UserEntry, post: (message: WebviewMessage) => void): void {
  const open = article.querySelector<HTMLTextAreaElement>('.question-edit-input');
  if (open) {
    open.focus();
    return;
  }
  const shown = article.querySelector<HTMLElement>('.user-text');
  const input = element('textarea', { className: 'question-edit-input', attributes: { 'aria-label': t('Edit question'), rows: '3' } });
  input.value = entry.text;
  const close = (): void => {
    box.remove();
    if (shown) shown.hidden = false;
    article.classList.remove(EDITING_CLASS);
    article.querySelector<HTMLElement>('.question-edit-button')?.focus();
  };
  const send = (): void => {
    const text = input.value.trim();
    // A question with nothing left in it (no text, code or image) cannot be asked.
    if (text === '' && !entry.context && !entry.images?.length) return;
    post({ type: 'editQuestion', entryId: entry.id, text });
  };
  const box = element('div', { className: 'question-edit', attributes: { role: 'group', 'aria-label': t('Edit question') } }, [
    input,
    element('div', { className: 'question-edit-actions' }, [
      textButton('send', t('Send'), send, 'primary-button question-edit-send'),
      textButton(undefined, t('Cancel'), close, 'secondary-button question-edit-cancel'),
      element('span', { className: 'hint', text: t('Enter to send · Shift+Enter for a new line · Escape to cancel') }),
    ]),
  ]);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !isComposing(event)) {
      event.preventDefault();
      send();
    }
  });
  if (shown) {
    shown.hidden = true;
    shown.after(box);
  } else {
    article.querySelector('.entry-header')?.after(box);
  }
  article.classList.add(EDITING_CLASS);
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
}
