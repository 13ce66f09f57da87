import { mountView } from './mountView';
import * as assert from 'node:assert/strict';
import type { Conversation } from '../../../src/shared/conversation';
import type { HistoryHit, HistoryItem } from '../../../src/shared/historyProtocol';

const NOW = 10 * 86_400_000;

function conversation(id: string, entries: Conversation['entries'] = []): Conversation {
  return { id, title: id, model: 'm', entries, createdAt: 1, updatedAt: 1 };
}

const items: HistoryItem[] = [
  { id: 'pinned', title: 'Pinned one', updatedAt: NOW - 3 * 86_400_000, pinned: true },
  { id: 'c1', title: 'Current <b>one</b>', updatedAt: NOW - 5 * 60_000, pinned: false },
  { id: 'old', title: 'Old one', updatedAt: NOW - 86_400_000 - 1, pinned: false },
];

/** A debounce clock moved by hand. */
class Timers {
  private next = 1;
  readonly due = new Map<number, () => void>();
  setTimer = (callback: () => void) => {
    const id = this.next++;
    this.due.set(id, callback);
    return id;
  };
  clearTimer = (handle: unknown) => void this.due.delete(handle as number);
  now = () => NOW;
  fire(): void {
    const callbacks = [...this.due.values()];
    this.due.clear();
    callbacks.forEach((callback) => callback());
  }
}

function setup() {
  const timers = new Timers();
  const { api, root, send } = mountView({ historyTimers: timers });
  const state = (shown: Conversation) => send({ type: 'state', state: { conversation: shown, hasToken: true, origin: 'https://x', busy: false } });
  state(conversation('c1'));
  const chat = root.querySelector<HTMLElement>('.chat')!;
  const search = root.querySelector<HTMLInputElement>('input.history-search')!;
  const rows = () => [...root.querySelectorAll<HTMLElement>('.history-row')];
  const key = (target: Element, name: string) => {
    const event = new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    return event;
  };
  const click = (element: Element | null | undefined) => {
    assert.ok(element, 'element to click exists');
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  };
  const posted = () => api.posted.filter((message) => message.type !== 'ready');
  const labelled = (within: Element, label: string) => [...within.querySelectorAll('[aria-label]')].find((element) => element.getAttribute('aria-label') === label);
  return { labelled, api, timers, root, chat, search, rows, send, state, key, click, posted };
}

describe('The history view in the panel', () => {
  it('the host\'s list shows as a mode of the panel: pinned first as sent, current and pinned marked, dates relative, text never markup', () => {
    const { chat, send, rows, root, labelled } = setup();
    assert.equal(chat.classList.contains('showing-history'), false);
    send({ type: 'history', shown: true, items, currentId: 'c1' });
    assert.equal(chat.classList.contains('showing-history'), true);
    assert.deepEqual(rows().map((row) => row.dataset.conversationId), ['pinned', 'c1', 'old']);
    const [pinned, current, old] = rows();
    assert.equal(pinned!.querySelector('.history-open')!.getAttribute('aria-label'), 'Pinned one, 3 days ago, pinned');
    assert.equal(current!.querySelector('.history-open')!.getAttribute('aria-current'), 'true');
    assert.equal(current!.querySelector('.history-badge')?.textContent, 'Current');
    assert.equal(current!.querySelector('.history-title')!.textContent, 'Current <b>one</b>');
    assert.equal(current!.querySelector('b'), null, 'a title is text, never markup');
    assert.equal(old!.querySelector('.history-date')!.textContent, 'yesterday');
    assert.equal(labelled(pinned!, 'Unpin "Pinned one"')?.getAttribute('aria-pressed'), 'true');
    assert.equal(document.activeElement, root.querySelector('input.history-search'), 'the search box has the focus');
  });

  it('arrow keys move between rows, Enter/click opens, Escape goes back to the chat', () => {
    const { send, rows, search, key, posted, chat, root, api } = setup();
    send({ type: 'history', shown: true, items, currentId: 'c1' });
    const buttons = rows().map((row) => row.querySelector<HTMLElement>('.history-open')!);
    key(search, 'ArrowDown');
    assert.equal(document.activeElement, buttons[0]);
    key(buttons[0]!, 'ArrowDown');
    assert.equal(document.activeElement, buttons[1]);
    key(buttons[1]!, 'End');
    assert.equal(document.activeElement, buttons[2]);
    key(buttons[2]!, 'ArrowUp');
    assert.equal(document.activeElement, buttons[1]);
    key(buttons[1]!, 'Home');
    key(buttons[0]!, 'ArrowUp');
    assert.equal(document.activeElement, search, 'up from the first row goes back to the search box');
    buttons[2]!.click();
    assert.deepEqual(posted().at(-1), { type: 'openConversation', id: 'old' });
    api.posted.length = 0;
    key(buttons[1]!, 'Escape');
    assert.deepEqual(posted(), [{ type: 'closeHistory' }]);
    assert.equal(chat.classList.contains('showing-history'), false);
    assert.equal(document.activeElement, root.querySelector('textarea.composer-input'), 'back in the chat, the input has the focus');
  });

  it('per row: rename, pin/unpin and delete ask the host; Undo is offered after a delete', () => {
    const { send, rows, click, posted, root, labelled } = setup();
    send({ type: 'history', shown: true, items, currentId: 'c1' });
    const old = rows()[2]!;
    click(labelled(old, 'Rename "Old one"'));
    click(labelled(old, 'Pin "Old one"'));
    click(labelled(rows()[0]!, 'Unpin "Pinned one"'));
    click(labelled(old, 'Delete "Old one"'));
    assert.deepEqual(posted(), [
      { type: 'renameConversation', id: 'old' },
      { type: 'pinConversation', id: 'old', pinned: true },
      { type: 'pinConversation', id: 'pinned', pinned: false },
      { type: 'deleteConversation', id: 'old' },
    ]);
    send({ type: 'history', shown: true, items: items.slice(0, 2), currentId: 'c1', deleted: { id: 'old', title: 'Old one' } });
    const undoBar = root.querySelector<HTMLElement>('.history-undo')!;
    assert.equal(undoBar.hidden, false);
    assert.equal(undoBar.getAttribute('role'), 'status');
    assert.match(undoBar.textContent!, /Deleted "Old one"\./);
    click(undoBar.querySelector('button'));
    assert.deepEqual(posted().at(-1), { type: 'undoDelete', id: 'old' });
    send({ type: 'history', shown: true, items, currentId: 'c1' });
    assert.equal(undoBar.hidden, true);
  });

  it('typing searches after a pause; a newer search supersedes an older one; hits show snippets with marks', () => {
    const { send, search, timers, posted, rows, api } = setup();
    send({ type: 'history', shown: true, items, currentId: 'c1' });
    api.posted.length = 0;
    for (const text of ['p', 'pa', 'parse']) {
      search.value = text;
      search.dispatchEvent(new Event('input', { bubbles: true }));
    }
    assert.deepEqual(posted(), [], 'nothing while typing');
    timers.fire();
    assert.deepEqual(posted(), [{ type: 'searchHistory', requestId: 1, query: 'parse' }]);
    search.value = 'parser';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    timers.fire();
    assert.deepEqual(posted().at(-1), { type: 'searchHistory', requestId: 2, query: 'parser' });
    const hit: HistoryHit = { ...items[2]!, messages: 1, snippets: [{ entryId: 'a7', text: '…the <i>parser</i> reads', ranges: [{ start: 8, end: 14 }] }] };
    send({ type: 'searchResults', requestId: 1, hits: [] });
    assert.equal(rows().length, 3, 'the older search\'s answer is dropped');
    send({ type: 'searchResults', requestId: 2, hits: [hit] });
    assert.deepEqual(rows().map((row) => row.dataset.conversationId), ['old']);
    const snippet = rows()[0]!.querySelector('.history-snippet')!;
    assert.equal(snippet.textContent, '…the <i>parser</i> reads');
    assert.deepEqual([...snippet.querySelectorAll('mark')].map((mark) => mark.textContent), ['parser']);
    assert.equal(snippet.querySelector('i'), null);
    search.value = '';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    timers.fire();
    assert.equal(rows().length, 3, 'an empty search shows the whole list again');
  });

  it('opening a hit shows that conversation at the matching message with the terms marked; Escape or a new question clears them', () => {
    const { send, search, timers, rows, click, state, root, chat } = setup();
    send({ type: 'history', shown: true, items, currentId: 'c1' });
    search.value = 'parser';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    timers.fire();
    send({ type: 'searchResults', requestId: 1, hits: [{ ...items[2]!, messages: 1, snippets: [{ entryId: 'q2', text: 'the Parser', ranges: [{ start: 4, end: 10 }] }] }] });
    click(rows()[0]!.querySelector('.history-open'));
    send({ type: 'history', shown: false, items: [] });
    state(conversation('old', [
      { id: 'q1', role: 'user', text: 'Hello <img src=x onerror=alert(1)>', createdAt: 1 },
      { id: 'q2', role: 'user', text: 'Where is the Parser? The parser!', createdAt: 2 },
    ]));
    assert.equal(chat.classList.contains('showing-history'), false);
    const marks = [...root.querySelectorAll('main.transcript mark.search-hit')];
    assert.deepEqual(marks.map((mark) => mark.textContent), ['Parser', 'parser']);
    assert.ok(root.querySelector('[data-entry-id="q2"]')!.classList.contains('search-target'));
    assert.equal(root.querySelector('main.transcript img'), null, 'text stays text');
    const question = root.querySelector('[data-entry-id="q2"] .user-text')!;
    root.querySelector('textarea.composer-input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    assert.equal(root.querySelectorAll('main.transcript mark.search-hit').length, 0);
    assert.equal(question.textContent, 'Where is the Parser? The parser!');
    assert.equal(question.childNodes.length, 1, 'the text node is whole again');

    // Marks again (the same conversation opened from a hit), then a new question clears them.
    send({ type: 'history', shown: true, items, currentId: 'old' });
    send({ type: 'searchResults', requestId: 2, hits: [] });
    search.value = 'hello';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    timers.fire();
    send({ type: 'searchResults', requestId: 3, hits: [{ ...items[2]!, messages: 1, snippets: [{ entryId: 'q1', text: 'Hello', ranges: [{ start: 0, end: 5 }] }] }] });
    click(rows()[0]!.querySelector('.history-open'));
    send({ type: 'history', shown: false, items: [] });
    assert.equal(root.querySelectorAll('main.transcript mark.search-hit').length, 1, 'the conversation shown already is marked at once');
    send({ type: 'entryAdded', entry: { id: 'q3', role: 'user', text: 'Next', createdAt: 3 } });
    assert.equal(root.querySelectorAll('main.transcript mark.search-hit').length, 0);
  });
  it('a hit among the older entries of a long conversation (sent after the newest) is shown and marked when they arrive', () => {
    const { send, search, timers, rows, click, root } = setup();
    send({ type: 'history', shown: true, items, currentId: 'c1' });
    search.value = 'parser';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    timers.fire();
    send({ type: 'searchResults', requestId: 1, hits: [{ ...items[2]!, messages: 1, snippets: [{ entryId: 'q1', text: 'the parser', ranges: [{ start: 4, end: 10 }] }] }] });
    click(rows()[0]!.querySelector('.history-open'));
    send({ type: 'history', shown: false, items: [] });
    const newest = { id: 'q9', role: 'user' as const, text: 'Something newer', createdAt: 9 };
    send({ type: 'state', state: { conversation: conversation('old', [newest]), olderToFollow: 7, hasToken: true, origin: 'https://x', busy: false } });
    assert.equal(root.querySelectorAll('main.transcript mark.search-hit').length, 0, 'nothing to mark yet');
    send({ type: 'olderEntries', token: 7, entries: [{ id: 'q1', role: 'user', text: 'Where is the parser?', createdAt: 1 }] });
    assert.deepEqual([...root.querySelectorAll('main.transcript mark.search-hit')].map((mark) => mark.textContent), ['parser']);
    assert.ok(root.querySelector('[data-entry-id="q1"]')!.classList.contains('search-target'));
  });
});
