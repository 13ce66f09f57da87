// Under an answer: its status (answering, stopped, interrupted), its error with the one action
// that fixes it, the tokens it used, and — on the last answer — copy, insert, save and regenerate.

import type { AnswerError, AssistantEntry, ErrorAction } from '../shared/conversation';
import type { WebviewMessage } from '../shared/protocol';
import { answerUsage, formatTokens } from '../shared/usage';
import { codicon, element, iconButton, textButton } from './dom';

export interface FooterContext {
  post(message: WebviewMessage): void;
  /** Only the last answer has actions. */
  isLast: boolean;
  /** The candidate the actions act on, read when a button is clicked (absent: the chosen one). */
  candidate(): number | undefined;
}

const errorActionLabels: Record<ErrorAction, { label: string; icon: string }> = {
  setToken: { label: 'Set API Token', icon: 'key' },
  retry: { label: 'Retry', icon: 'refresh' },
  openSettings: { label: 'Open Settings', icon: 'settings-gear' },
};

function errorActionMessage(action: ErrorAction): WebviewMessage {
  switch (action) {
    case 'setToken':
      return { type: 'setToken' };
    case 'retry':
      return { type: 'regenerate' };
    case 'openSettings':
      return { type: 'openSettings' };
  }
}

function usageText(entry: AssistantEntry): { text: string; title: string } | undefined {
  const summary = answerUsage(entry);
  if (!summary) return undefined;
  const title = `${summary.prompt.toLocaleString('en-US')} in · ${summary.completion.toLocaleString('en-US')} out`;
  return {
    text: formatTokens(summary),
    title: summary.estimated ? `${title}. The server sent no usage: estimated at about 4 characters a token.` : title,
  };
}

function statusLine(entry: AssistantEntry): HTMLElement | undefined {
  if (entry.status === 'streaming') {
    return element('div', { className: 'status streaming-indicator', attributes: { role: 'status' } }, [
      codicon('loading', 'codicon-modifier-spin'),
      element('span', { text: 'Answering…' }),
    ]);
  }
  if (entry.status === 'stopped') {
    return element('div', { className: 'status status-stopped' }, [codicon('debug-stop'), element('span', { text: 'Stopped' })]);
  }
  if (entry.status === 'interrupted') {
    return element('div', { className: 'status status-interrupted' }, [codicon('debug-disconnect'), element('span', { text: 'Interrupted by a reload' })]);
  }
  return undefined;
}

function errorBox(error: AnswerError, post: (message: WebviewMessage) => void): HTMLElement {
  const message = error.status ? `${error.message} (HTTP ${error.status})` : error.message;
  const children: (Node | string)[] = [codicon('error'), element('span', { className: 'error-message', text: message })];
  if (error.action) {
    const { label, icon } = errorActionLabels[error.action];
    const action = error.action;
    children.push(textButton(icon, label, () => post(errorActionMessage(action)), 'secondary-button'));
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
    iconButton('copy', 'Copy Answer', () => post({ type: 'answerAction', action: 'copy', entryId: id, ...candidate() })),
    iconButton('insert', 'Insert Answer at Cursor', () => post({ type: 'answerAction', action: 'insert', entryId: id, ...candidate() })),
  ];
  if (entry.responseFormat === 'json_object') {
    buttons.push(iconButton('save', 'Save Answer as JSON File…', () => post({ type: 'saveJson', entryId: id, ...candidate() })));
  }
  buttons.push(iconButton('refresh', 'Regenerate', () => post({ type: 'regenerate' })));
  return element('div', { className: 'answer-actions', attributes: { 'aria-label': 'Answer actions' } }, buttons);
}

/** The footer's parts for `entry`, in order. */
export function footerParts(entry: AssistantEntry, context: FooterContext): HTMLElement[] {
  const parts: HTMLElement[] = [];
  const status = statusLine(entry);
  if (status) parts.push(status);
  if (entry.error) parts.push(errorBox(entry.error, context.post));
  const usage = usageText(entry);
  if (usage) {
    parts.push(element('div', { className: `usage${entry.usageEstimated ? ' is-estimated' : ''}`, text: usage.text, attributes: { title: usage.title } }));
  }
  if (context.isLast && entry.status !== 'streaming') parts.push(actions(entry, context));
  return parts;
}
