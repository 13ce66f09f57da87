// One row of the history list: the conversation (title, when, pinned, current) as one button
// that opens it, its search snippets with the matches marked, and its own actions (rename,
// pin, delete). Text goes in as text only (titles and snippets come from saved conversations).

import type { HistoryHit, HistoryItem } from '../shared/historyProtocol';
import { codicon, element, iconButton } from './dom';
import { relativeTime } from './relativeTime';
import { markedText } from './searchMarks';
import { formatNumber, t } from '../shared/l10n';

export type RowAction = 'open' | 'rename' | 'pin' | 'delete';

export interface RowOptions {
  current: boolean;
  now: number;
  act(action: RowAction, item: HistoryItem, entryId?: string): void;
}

function isHit(item: HistoryItem | HistoryHit): item is HistoryHit {
  return Array.isArray((item as HistoryHit).snippets);
}

export function historyRow(item: HistoryItem | HistoryHit, { current, now, act }: RowOptions): HTMLLIElement {
  const title = item.title || t('New conversation');
  const when = relativeTime(item.updatedAt, now);
  const heading = element('span', { className: 'history-heading' }, [
    ...(item.pinned ? [codicon('pinned', 'history-pin')] : []),
    element('span', { className: 'history-title', text: title }),
    ...(current ? [element('span', { className: 'history-badge', text: t('Current') })] : []),
    element('span', { className: 'history-date', text: when }),
  ]);
  const children: Node[] = [heading];
  const hit = isHit(item) ? item : undefined;
  for (const snippet of hit?.snippets ?? []) {
    children.push(element('span', { className: 'history-snippet', attributes: { 'data-entry-id': snippet.entryId } }, [markedText(snippet.text, snippet.ranges)]));
  }
  if (hit && hit.messages > hit.snippets.length) {
    children.push(element('span', { className: 'history-more', text: t('{0} matching messages', formatNumber(hit.messages)) }));
  }
  const label = [title, when, item.pinned ? t('pinned') : '', current ? t('current conversation') : '', hit?.snippets[0]?.text ?? ''].filter(Boolean).join(', ');
  const open = element('button', { className: 'history-open', attributes: { type: 'button', 'aria-label': label, ...(current ? { 'aria-current': 'true' } : {}) } }, children);
  // A search hit opens at its first matching message.
  open.addEventListener('click', () => act('open', item, hit?.snippets[0]?.entryId));
  const pin = iconButton(item.pinned ? 'pinned' : 'pin', item.pinned ? t('Unpin "{0}"', title) : t('Pin "{0}"', title), () => act('pin', item));
  pin.setAttribute('aria-pressed', String(item.pinned));
  const actions = element('span', { className: 'history-actions' }, [
    iconButton('edit', t('Rename "{0}"', title), () => act('rename', item)),
    pin,
    iconButton('trash', t('Delete "{0}"', title), () => act('delete', item)),
  ]);
  const classes = ['history-row', current ? 'is-current' : '', item.pinned ? 'is-pinned' : ''].filter(Boolean).join(' ');
  return element('li', { className: classes, attributes: { 'data-conversation-id': item.id } }, [open, actions]);
}
