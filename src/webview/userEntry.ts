// A question as the user typed it: plain text (never markdown, never HTML), plus the code it
// was asked about as a compact, collapsible chip.

import type { CodeContext, UserEntry } from '../shared/conversation';
import { attachmentTitle } from './attachments';
import { codicon, element, iconButton } from './dom';
import { cachedImage } from './imageCache';

export function contextLabel(context: CodeContext): string {
  const lines = context.startLine === context.endLine ? `${context.startLine}` : `${context.startLine}-${context.endLine}`;
  return `${context.path}:${lines}${context.truncated ? ' (trimmed)' : ''}`;
}

function renderContext(context: CodeContext): HTMLElement {
  const summary = element('summary', { className: 'context-chip', attributes: { title: `Code sent with the question${context.truncated ? ' (trimmed to the size limit)' : ''}` } }, [
    codicon('file-code'),
    element('span', { className: 'context-label', text: contextLabel(context) }),
  ]);
  const code = element('code', { text: context.code });
  return element('details', { className: 'context' }, [summary, element('pre', { className: 'context-code' }, [code])]);
}

/** `edit` given: the question has an Edit button (issue 11), which calls it with the question's element. */
export function renderUserEntry(entry: UserEntry, edit?: (article: HTMLElement) => void): HTMLElement {
  const header = element('div', { className: 'entry-header' }, [codicon('account'), element('span', { className: 'entry-author', text: 'You' })]);
  const children: Node[] = [header];
  if (entry.context) children.push(renderContext(entry.context));
  if (entry.text) children.push(element('div', { className: 'user-text', text: entry.text }));
  if (entry.images?.length) {
    children.push(element('ul', { className: 'user-images', attributes: { 'aria-label': 'Images sent with the question' } }, entry.images.map((image) =>
      element('li', { className: 'user-image', attributes: { title: attachmentTitle(image) } }, [cachedImage(image.id, image.name, 'user-image-thumbnail')]))));
  }
  const article = element('article', { className: 'entry user', attributes: { 'data-entry-id': entry.id, 'aria-label': 'Your question' } }, children);
  if (edit) {
    const button = iconButton('edit', 'Edit Question', () => edit(article));
    button.classList.add('question-edit-button');
    header.append(button);
  }
  return article;
}
