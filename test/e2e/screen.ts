// What was on screen when a step failed, in words: the chat panel's visible text, the
// notifications shown, an open quick input (palette, input box, file dialog), the active editor
// and where the keyboard focus was. A failure report names the step and its expectation; this
// says what the person would have seen instead. Every probe is short and never throws: a report
// must come out even when the page is half gone.
import type { Page } from 'playwright-core';
import type { ChatPanel } from './chatPanel';

/** Each probe gets this long; a loaded machine answers a DOM read well within it. */
const PROBE_TIMEOUT_MS = 3_000;
/** The panel's text is cut to its last characters: the end is where the flow was. */
const PANEL_TEXT_CHARS = 1_500;

export interface ScreenState {
  chatPanel: string;
  notifications: string[];
  quickInput: string;
  activeEditor: string;
  focus: string;
}

export async function readScreen(page: Page, chat: ChatPanel): Promise<ScreenState> {
  const [chatPanel, notifications, quickInput, activeEditor, focus] = await Promise.all([
    probe(() => chat.visibleText(PROBE_TIMEOUT_MS), '(no chat panel shown)'),
    probe(() => page.locator('.notifications-toasts .notification-toast').filter({ visible: true }).allInnerTexts(), [] as string[]),
    probe(() => quickInputText(page), '(none open)'),
    probe(() => activeEditorText(page), '(none)'),
    probe(() => page.evaluate(DESCRIBE_FOCUS) as Promise<string>, '(unknown)'),
  ]);
  return {
    chatPanel: cutStart(squash(chatPanel), PANEL_TEXT_CHARS),
    notifications: notifications.map(squash).filter(Boolean),
    quickInput,
    activeEditor,
    focus,
  };
}

export function formatScreen(screen: ScreenState): string {
  return [
    `chat panel: ${screen.chatPanel || '(empty)'}`,
    `notifications: ${screen.notifications.length === 0 ? '(none)' : screen.notifications.map((text) => `"${text}"`).join('; ')}`,
    `quick input: ${screen.quickInput}`,
    `active editor: ${screen.activeEditor}`,
    `keyboard focus: ${screen.focus}`,
  ].join('\n');
}

async function quickInputText(page: Page): Promise<string> {
  const widget = page.locator('.quick-input-widget');
  if (!(await widget.isVisible())) return '(none open)';
  const title = squash(await widget.locator('.quick-input-title').innerText({ timeout: PROBE_TIMEOUT_MS }).catch(() => ''));
  const value = await widget.locator('.quick-input-box input').inputValue({ timeout: PROBE_TIMEOUT_MS }).catch(() => '');
  const rows = (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).slice(0, 5).map(squash);
  return `title "${title}", value "${value}"${rows.length ? `, rows: ${rows.map((row) => `"${row}"`).join(', ')}` : ''}`;
}

async function activeEditorText(page: Page): Promise<string> {
  const tab = page.locator('.tabs-container .tab.active');
  if ((await tab.count()) === 0) return '(none)';
  const name = squash(await tab.first().innerText({ timeout: PROBE_TIMEOUT_MS }));
  const dirty = await tab.first().evaluate((element) => (element as unknown as { classList: { contains(name: string): boolean } }).classList.contains('dirty'));
  const cursor = squash(await page.locator('#status\\.editor\\.selection').innerText({ timeout: PROBE_TIMEOUT_MS }).catch(() => ''));
  return `${name}${dirty ? ' (unsaved)' : ''}${cursor ? `, ${cursor}` : ''}`;
}

/** Runs in the page (a string: test code is type-checked without the DOM lib). */
const DESCRIBE_FOCUS = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return 'nowhere (the page body)';
  const label = element.getAttribute('aria-label');
  const classes = typeof element.className === 'string' ? element.className.trim().split(/\\s+/).slice(0, 3).join('.') : '';
  const where = element.closest('.monaco-editor') ? ' in a text editor'
    : element.closest('.quick-input-widget') ? ' in the quick input'
    : element.tagName === 'IFRAME' ? ' (a webview: the chat panel or another)' : '';
  return element.tagName.toLowerCase() + (classes ? '.' + classes : '') + (label ? ' "' + label.slice(0, 80) + '"' : '') + where;
})()`;

async function probe<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), PROBE_TIMEOUT_MS + 1_000)));
  try {
    return await Promise.race([read().catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function cutStart(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(-max)}`;
}
