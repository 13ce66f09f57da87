// "5 min ago", "yesterday", a date: when a conversation was last changed, as the history shows
// it, in the display language (Intl's relative time: "5分钟前", "昨天").

import { formatAgo, formatDate, t } from '../shared/l10n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function relativeTime(time: number, now: number = Date.now()): string {
  const ago = now - time;
  if (!Number.isFinite(ago)) return '';
  if (ago < MINUTE) return t('just now');
  if (ago < HOUR) return formatAgo(Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return formatAgo(Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return formatAgo(Math.floor(ago / DAY), 'day');
  return formatDate(time);
}
