// The composer's files and selections under happy-dom: chips (name:lines, size, problems), each
// removable by its button or the Delete key; the paperclip; files dropped from the Explorer as a
// uri-list; the sent question showing every item it carried.
import { mountView } from './mountView';
import { domWindow } from './setupDom';
import * as assert from 'node:assert/strict';
import type { CodeContext, Conversation, UserEntry } from '../../../src/shared/conversation';
import type { PendingContextItem } from '../../../src/shared/contextItems';

const FILE: CodeContext = { path: 'src/util/math.ts', languageId: 'typescript', startLine: 1, endLine: 40, code: 'x'.repeat(1500), kind: 'file' };
const SELECTION: CodeContext = {
  path: 'src/app.ts', languageId: 'typescript', startLine: 3, endLine: 9, code: 'let a = b;',
  problems: ['- Error (line 3, ts 2304): Cannot find name \'b\'.', '- Warning (line 4): unused'],
};

function setup(state: { entries?: Conversation['entries']; contextItems?: PendingContextItem[] } = {}) {
  const { api, root, send } = mountView({ start: false });
  const conversation: Conversation = { id: 'c1', title: 'T', model: 'm', entries: state.entries ?? [], createdAt: 1, updatedAt: 1 };
  send({ type: 'state', state: { conversation, hasToken: true, origin: 'https://api.test', busy: false, contextItems: state.contextItems } });
  return { api, root, send };
}

function drop(target: Element, types: string[], data: Record<string, string>): Event {
  const event = new domWindow.Event('drop', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types, files: [], items: [], getData: (type: string) => data[type] ?? '' } });
  target.dispatchEvent(event as unknown as Event);
  return event as unknown as Event;
}

describe('context chips (webview)', () => {
  it('shows each waiting item as a chip with its name, lines, size and problems', () => {
    const { root } = setup({ contextItems: [{ id: 'f', context: FILE }, { id: 's', context: SELECTION }] });
    const chips = [...root.querySelectorAll('.context-items .context-item')];
    assert.equal(chips.length, 2);
    assert.equal(chips[0]!.querySelector('.context-label')!.textContent, 'src/util/math.ts:1-40');
    assert.equal(chips[0]!.querySelector('.context-size')!.textContent, '1.5 KB');
    assert.equal(chips[0]!.querySelector('.codicon-file') !== null, true);
    assert.equal(chips[0]!.querySelector('.context-problems'), null);
    assert.equal(chips[1]!.querySelector('.context-problems')!.textContent, '2 problems');
    assert.match(chips[1]!.getAttribute('title')!, /^src\/app\.ts · selection, lines 3-9 · 10 B · 2 problems$/);
    assert.equal(root.querySelector<HTMLElement>('.context-items')!.hidden, false);
  });

  it('removes an item by its button or by Delete on the chip, and hides the row when empty', () => {
    const { api, root, send } = setup({ contextItems: [{ id: 'f', context: FILE }, { id: 's', context: SELECTION }] });
    root.querySelector<HTMLButtonElement>('.context-item .context-remove')!.click();
    const second = root.querySelectorAll<HTMLElement>('.context-item')[1]!;
    second.focus();
    second.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true }));
    assert.deepEqual(api.posted.filter((message) => message.type === 'removeContextItem'), [
      { type: 'removeContextItem', id: 'f' },
      { type: 'removeContextItem', id: 's' },
    ]);
    send({ type: 'contextItems', items: [] });
    assert.equal(root.querySelector<HTMLElement>('.context-items')!.hidden, true);
    assert.equal(document.activeElement, root.querySelector('textarea.composer-input'), 'focus goes back to the input');
  });

  it('shows a refusal, and a question may be sent with items and no text', () => {
    const { api, root, send } = setup({ contextItems: [{ id: 'f', context: FILE }] });
    send({ type: 'contextError', message: 'big.log was not attached: it is 2 MB; the limit for a file is 100 KB.' });
    assert.equal(root.querySelector('.context-error')!.textContent, 'big.log was not attached: it is 2 MB; the limit for a file is 100 KB.');
    root.querySelector<HTMLButtonElement>('.composer-button')!.click();
    assert.deepEqual(api.posted.at(-1), { type: 'send', text: '' });
    assert.equal(root.querySelector<HTMLElement>('.context-error')!.hidden, true, 'sending clears the refusal');
  });

  it('the paperclip asks the host for its picker and tells how to drop files', () => {
    const { api, root } = setup();
    const clip = root.querySelector<HTMLButtonElement>('.composer .codicon-attach')!.closest('button')!;
    assert.match(clip.getAttribute('aria-label')!, /^Attach Files\. Hold Shift while dropping files from the Explorer to attach them\.$/);
    clip.click();
    assert.deepEqual(api.posted.at(-1), { type: 'pickContextFiles' });
  });

  it('posts the URIs of files dropped from the Explorer, parsed and bounded, never their text', () => {
    const { api, root } = setup();
    const list = '# from VS Code\r\nfile:///w/a.ts\r\nnot a uri\r\nvscode-remote://h/w/b.md';
    const event = drop(root.querySelector('.transcript')!, ['application/vnd.code.uri-list', 'text/uri-list'], { 'application/vnd.code.uri-list': list, 'text/uri-list': 'file:///w/a.ts' });
    assert.equal(event.defaultPrevented, true);
    assert.deepEqual(api.posted.at(-1), { type: 'attachUris', uris: ['file:///w/a.ts', 'vscode-remote://h/w/b.md'] });
    const before = api.posted.length;
    drop(root.querySelector('.transcript')!, ['text/uri-list'], { 'text/uri-list': '#only a comment\r\n' });
    assert.equal(api.posted.length, before, 'a list without a URI posts nothing');
  });

  it('shows every item a sent question carried, old single selections too', () => {
    const now: UserEntry = { id: 'u1', role: 'user', text: 'Compare', contexts: [FILE, SELECTION], createdAt: 1 };
    const old: UserEntry = { id: 'u2', role: 'user', text: 'Old', context: { path: 'old.py', languageId: 'python', startLine: 2, endLine: 2, code: 'x' }, createdAt: 1 };
    const { root } = setup({ entries: [now, old] });
    const [first, second] = [...root.querySelectorAll('.entry.user')];
    assert.deepEqual([...first!.querySelectorAll('.context-label')].map((label) => label.textContent), ['src/util/math.ts:1-40', 'src/app.ts:3-9']);
    assert.equal(first!.querySelector('.context-problems')!.textContent, '2 problems');
    assert.deepEqual([...first!.querySelectorAll('.context-problem-list li')].map((item) => item.textContent), SELECTION.problems);
    assert.deepEqual([...second!.querySelectorAll('.context-label')].map((label) => label.textContent), ['old.py:2']);
  });
});
