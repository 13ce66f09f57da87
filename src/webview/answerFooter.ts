// Under an answer: its status (answering, stopped, interrupted), its error with the one action
// that fixes it, the tokens it used, and — on the last answer — copy, insert, save and regenerate
// (and Continue when it was cut at the token limit); earlier answers can be regenerated too.

import type { AnswerError, AssistantEntry, ErrorAction } from '../shared/conversation';
import type { WebviewMessage } from '../shared/protocol';
import { answerUsage, formatTokens } from '../shared/usage';
import { codicon, element, iconButton, textButton } from './dom';
import { t } from '../shared/l10n';
import { formatNumber } from '../shared/l10n';

export interface FooterContext {
  post(message: WebviewMessage): void;
  /** Only the last answer has actions. */
  isLast: boolean;
  /** The candidate the actions act on, read when a button is clicked (absent: the chosen one). */
  candidate(): number | undefined;
}

/** A function, not a table: the display language's strings are installed after modules load. */
function errorActionLabel(action: ErrorAction): { label: string; icon: string } {
  switch (action) {
    case 'setToken':
      return { label: t('Set API Token'), icon: 'key' };
    case 'retry':
      return { label: t('Retry'), icon: 'refresh' };
    case 'openSettings':
      return { label: t('Open Settings'), icon: 'settings-gear' };
  }
}

function errorActionMessage(action: ErrorAction, entry: AssistantEntry): WebviewMessage {
  switch (action) {
    case 'setToken':
      return { type: 'setToken' };
    case 'retry':
      // A continuation that failed is tried again as one: the text so far stays.
      return isCut(entry) ? { type: 'continueAnswer', entryId: entry.id } : { type: 'regenerate' };
    case 'openSettings':
      return { type: 'openSettings' };
  }
}

function usageText(entry: AssistantEntry): { text: string; title: string } | undefined {
  const summary = answerUsage(entry);
  if (!summary) return undefined;
  const title = t('{0} in · {1} out', formatNumber(summary.prompt), formatNumber(summary.completion));
  return {
    text: formatTokens(summary),
    title: summary.estimated ? t('{0}. The server sent no usage: estimated at about 4 characters a token.', title) : title,
  };
}

function statusLine(entry: AssistantEntry): HTMLElement | undefined {
  if (entry.status === 'streaming') {
    return element('div', { className: 'status streaming-indicator', attributes: { role: 'status' } }, [
      codicon('loading', 'codicon-modifier-spin'),
      element('span', { text: t('Answering…') }),
    ]);
  }
  if (entry.status === 'stopped') {
    return element('div', { className: 'status status-stopped' }, [codicon('debug-stop'), element('span', { text: t('Stopped') })]);
  }
  if (entry.status === 'interrupted') {
    return element('div', { className: 'status status-interrupted' }, [codicon('debug-disconnect'), element('span', { text: t('Interrupted by a reload') })]);
  }
  return undefined;
}

/** The answer's chosen candidate stopped at the token limit with some text: it can be continued (issue 11). */
export function isCut(entry: AssistantEntry): boolean {
  const candidate = entry.candidates[entry.chosen];
  return entry.status !== 'streaming' && candidate?.finishReason === 'length' && candidate.content !== '';
}

function errorBox(error: AnswerError, entry: AssistantEntry, post: (message: WebviewMessage) => void): HTMLElement {
  const message = error.status ? t('{0} (HTTP {1})', error.message, error.status) : error.message;
  const children: (Node | string)[] = [codicon('error'), element('span', { className: 'error-message', text: message })];
  if (error.action) {
    const { label, icon } = errorActionLabel(error.action);
    const action = error.action;
    children.push(textButton(icon, label, () => post(errorActionMessage(action, entry)), 'secondary-button'));
  }
  return element('div', { className: 'error-box', attributes: { role: 'alert' } }, children);
}

function actions(entry: AssistantEntry, context: FooterContext): HTMLElement {
  const id = entry.id;
  const post = context.post;
  // Read at click time: the actions act on the candidate shown then, not when drawn.
  const candidate = (): { candidate?: number } => {
    const shown = context.candidate();
    return shown !== undefined ? { candidate: shown } : {};
  };
  const buttons = [
    iconButton('copy', t('Copy Answer'), () => post({ type: 'answerAction', action: 'copy', entryId: id, ...candidate() })),
    iconButton('insert', t('Insert Answer at Cursor'), () => post({ type: 'answerAction', action: 'insert', entryId: id, ...candidate() })),
  ];
  if (entry.responseFormat === 'json_object') {
    buttons.push(iconButton('save', t('Save Answer as JSON File…'), () => post({ type: 'saveJson', entryId: id, ...candidate() })));
  }
  buttons.push(iconButton('refresh', t('Regenerate'), () => post({ type: 'regenerate' })));
  return element('div', { className: 'answer-actions', attributes: { 'aria-label': t('Answer actions') } }, buttons);
}

/** The footer's parts for `entry`, in order. */
export function footerParts(entry: AssistantEntry, context: FooterContext): HTMLElement[] {
  const parts: HTMLElement[] = [];
  const status = statusLine(entry);
  if (status) parts.push(status);
  if (entry.error) parts.push(errorBox(entry.error, entry, context.post));
  const usage = usageText(entry);
  if (usage) {
    parts.push(element('div', { className: `usage${entry.usageEstimated ? ' is-estimated' : ''}`, text: usage.text, attributes: { title: usage.title } }));
  }
  if (context.isLast && entry.status !== 'streaming') parts.push(actions(entry, context));
  // Issue 11: Continue a cut last answer; regenerate an earlier one.
  if (context.isLast && isCut(entry)) parts.push(continueRow(entry, context.post));
  if (!context.isLast && entry.status !== 'streaming') parts.push(earlierActions(entry, context.post));
  return parts;
}

// ---- Edit and resend, regenerate any answer, continue (issue 11) ----

/** "Continue": one click asks for the rest of a cut answer, appended to it. */
function continueRow(entry: AssistantEntry, post: (message: WebviewMessage) => void): HTMLElement {
  const button = textButton('debug-continue', t('Continue'), () => post({ type: 'continueAnswer', entryId: entry.id }), 'primary-button continue-button');
  button.title = t('Ask for the rest of the answer; it is added to this one');
  return element('div', { className: 'continue-row' }, [button]);
}

/** An earlier answer can be regenerated too; the turns after it are replaced (the host asks first). */
function earlierActions(entry: AssistantEntry, post: (message: WebviewMessage) => void): HTMLElement {
  return element('div', { className: 'earlier-answer-actions', attributes: { 'aria-label': t('Answer actions') } }, [
    iconButton('refresh', t('Regenerate (replaces the later turns)'), () => post({ type: 'regenerateAnswer', entryId: entry.id })),
  ]);
}
