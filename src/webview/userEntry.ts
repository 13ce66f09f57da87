// A question as the user typed it: plain text (never markdown, never HTML), plus the code it
// was asked about as a compact, collapsible chip.

import type { CodeContext, UserEntry } from '../shared/conversation';
import { attachmentTitle } from './attachments';
import { codicon, element } from './dom';
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

export function renderUserEntry(entry: UserEntry): HTMLElement {
  const children: Node[] = [
    element('div', { className: 'entry-header' }, [codicon('account'), element('span', { className: 'entry-author', text: 'You' })]),
  ];
  if (entry.context) children.push(renderContext(entry.context));
  if (entry.text) children.push(element('div', { className: 'user-text', text: entry.text }));
  if (entry.images?.length) {
    children.push(element('ul', { className: 'user-images', attributes: { 'aria-label': 'Images sent with the question' } }, entry.images.map((image) =>
      element('li', { className: 'user-image', attributes: { title: attachmentTitle(image) } }, [cachedImage(image.id, image.name, 'user-image-thumbnail')]))));
  }
  return element('article', { className: 'entry user', attributes: { 'data-entry-id': entry.id, 'aria-label': 'Your question' } }, children);
}
