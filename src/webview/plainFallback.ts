// A part of an answer shown as plain text instead of formatted markdown, with a notice saying
// why. Built with DOM calls and textContent only: nothing is parsed, so drawing it costs no
// more than the text's length, and at most renderLimits.maxPlainShownChars of it go into the
// page (a multi-megabyte line would otherwise cost the browser seconds of layout).

import type { PlainReason } from '../shared/renderPlan';
import { renderLimits } from '../shared/renderPlan';
import { codicon, element } from './dom';
import { markHiddenCharacters } from './hiddenMarkers';
import { formatNumber, t } from '../shared/l10n';

export type FallbackReason = PlainReason | 'error';

/** A function, not a table: the display language's strings are installed after modules load. */
function reasonText(reason: FallbackReason): string {
  if (reason === 'nested') return t('Shown as plain text: too deeply nested to format');
  if (reason === 'long') return t('Shown as plain text: too long to format');
  return t('Shown as plain text: could not be formatted');
}

export function renderPlainText(text: string, reason: FallbackReason): HTMLElement {
  const shown = text.length > renderLimits.maxPlainShownChars ? text.slice(0, renderLimits.maxPlainShownChars) : text;
  const body = element('pre', { className: 'plain-fallback-text', text: shown });
  markHiddenCharacters(body);
  const children: HTMLElement[] = [
    element('div', { className: 'plain-fallback-notice' }, [codicon('warning'), element('span', { text: reasonText(reason) })]),
    body,
  ];
  if (shown.length < text.length) {
    const rest = formatNumber(text.length - shown.length);
    children.push(element('div', { className: 'plain-fallback-more', text: t('… {0} more characters not shown here (Copy Answer copies the whole text)', rest) }));
  }
  return element('div', { className: 'plain-fallback', attributes: { role: 'note', 'data-reason': reason } }, children);
}
