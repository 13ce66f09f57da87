// A question as the user typed it: plain text (never markdown, never HTML), plus the code it
// was asked about as a compact, collapsible chip.

import type { CodeContext, UserEntry } from '../shared/conversation';
import { questionContexts } from '../shared/contextItems';
import { attachmentTitle } from './attachments';
import { contextChipParts, contextItemTitle } from './contextChips';
import { codicon, element, iconButton } from './dom';
import { cachedImage } from './imageCache';
import { t } from '../shared/l10n';

/** One item sent with the question: a chip (name:lines, size, problems) that opens on the code and its problems. */
function renderContext(context: CodeContext): HTMLElement {
  const title = `${contextItemTitle(context)}${context.truncated ? ' (trimmed to the size limit)' : ''}`;
  const summary = element('summary', { className: 'context-chip', attributes: { title } }, contextChipParts(context));
  const code = element('code', { text: context.code });
  const children: HTMLElement[] = [summary, element('pre', { className: 'context-code' }, [code])];
  if (context.problems?.length) {
    children.push(element('ul', { className: 'context-problem-list' }, context.problems.map((problem) => element('li', { text: problem }))));
  }
  return element('details', { className: 'context' }, children);
}

/** `edit` given: the question has an Edit button (issue 11), which calls it with the question's element. */
export function renderUserEntry(entry: UserEntry, edit?: (article: HTMLElement) => void): HTMLElement {
  const header = element('div', { className: 'entry-header' }, [codicon('account'), element('span', { className: 'entry-author', text: t('You') })]);
  const children: Node[] = [header];
  children.push(...questionContexts(entry).map(renderContext));
  if (entry.text) children.push(element('div', { className: 'user-text', text: entry.text }));
  if (entry.images?.length) {
    children.push(element('ul', { className: 'user-images', attributes: { 'aria-label': t('Images sent with the question') } }, entry.images.map((image) =>
      element('li', { className: 'user-image', attributes: { title: attachmentTitle(image) } }, [cachedImage(image.id, image.name, 'user-image-thumbnail')]))));
  }
  const article = element('article', { className: 'entry user', attributes: { 'data-entry-id': entry.id, 'aria-label': t('Your question') } }, children);
  if (edit) {
    const button = iconButton('edit', t('Edit Question'), () => edit(article));
    button.classList.add('question-edit-button');
    header.append(button);
  }
  return article;
}
