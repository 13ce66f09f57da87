import { mountView } from './mountView';
import * as assert from 'node:assert/strict';
import type { AssistantEntry, Conversation, Entry, UserEntry } from '../../../src/shared/conversation';

// A long conversation reaches the panel in two messages: the newest entries in `state`, the
// older ones after in `olderEntries`. The panel ends up showing the whole conversation in
// order, as if it had come in one piece; older entries of a state it no longer shows are dropped.

const user = (index: number): UserEntry => ({ id: `q${index}`, role: 'user', text: `Question ${index}?`, createdAt: index });
const answer = (index: number): AssistantEntry => ({
  id: `a${index}`, role: 'assistant', candidates: [{ content: `Answer **${index}**\n\n\`\`\`ts\nconst x${index} = ${index};\n\`\`\``, finishReason: 'stop' }],
  chosen: 0, status: 'done', model: 'm', createdAt: index,
});

function entries(from: number, to: number): Entry[] {
  const list: Entry[] = [];
  for (let index = from; index < to; index++) list.push(index % 2 === 0 ? user(index) : answer(index));
  return list;
}

function conversation(list: Entry[], id = 'c'): Conversation {
  return { id, title: 't', model: 'm', entries: list, createdAt: 1, updatedAt: 1 };
}

function setup() {
  const { api, root, view, send } = mountView();
  const shownIds = () => Array.from(root.querySelectorAll<HTMLElement>('.entries > article.entry')).map((article) => article.dataset.entryId ?? article.querySelector('[data-entry-id]')?.getAttribute('data-entry-id') ?? '?');
  return { api, root, view, send, shownIds };
}

function userIds(root: HTMLElement): number {
  return root.querySelectorAll('.entries > article.entry.user').length;
}

describe('a long conversation in two messages (webview)', () => {
  it('asks for the older entries once the newest are painted, naming the state', async () => {
    const { api, send } = setup();
    const all = entries(0, 20);
    send({ type: 'state', state: { conversation: conversation(all.slice(16)), hasToken: true, origin: 'https://x', busy: false, olderToFollow: 3 } });
    assert.deepEqual(api.posted.filter((message) => message.type === 'olderEntriesWanted'), [], 'not before the frame');
    for (let wait = 0; wait < 100 && !api.posted.some((message) => message.type === 'olderEntriesWanted'); wait++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(api.posted.filter((message) => message.type === 'olderEntriesWanted'), [{ type: 'olderEntriesWanted', token: 3 }]);
  });

  it('puts the older entries above the newest ones, in order, the last answer keeping its actions', () => {
    const { root, send, shownIds } = setup();
    const all = entries(0, 60);
    send({ type: 'state', state: { conversation: conversation(all.slice(50)), hasToken: true, origin: 'https://x', busy: false, olderToFollow: 7 } });
    assert.equal(root.querySelectorAll('.entries > article.entry').length, 10, 'the newest entries are drawn from the first message');
    send({ type: 'olderEntries', token: 7, entries: all.slice(0, 50) });

    assert.equal(root.querySelectorAll('.entries > article.entry').length, 60);
    assert.equal(userIds(root), 30);
    const answers = Array.from(root.querySelectorAll<HTMLElement>('.entries > article.entry.assistant')).map((article) => article.dataset.entryId);
    assert.deepEqual(answers, all.filter((entry) => entry.role === 'assistant').map((entry) => entry.id), 'answers in the conversation\'s order');
    const older = root.querySelector<HTMLElement>('.entries > article.entry.assistant')!;
    assert.ok(older.classList.contains('entry-pending'), 'an older answer waits as a placeholder, drawn later');
    assert.equal(root.querySelectorAll('.answer-actions').length, 1, 'only one answer carries the actions');
    assert.equal(root.querySelector('.answer-actions')!.closest<HTMLElement>('article')!.dataset.entryId, 'a59');
    assert.ok(shownIds().length === 60);
  });

  it('recalls the older questions with Up, oldest last', () => {
    const { root, send } = setup();
    const all = entries(0, 10);
    send({ type: 'state', state: { conversation: conversation(all.slice(6)), hasToken: true, origin: 'https://x', busy: false, olderToFollow: 1 } });
    send({ type: 'olderEntries', token: 1, entries: all.slice(0, 6) });
    const input = root.querySelector<HTMLTextAreaElement>('textarea.composer-input')!;
    const up = () => input.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, cancelable: true }));
    const recalled: string[] = [];
    for (let press = 0; press < 5; press++) {
      up();
      recalled.push(input.value);
    }
    assert.deepEqual(recalled, ['Question 8?', 'Question 6?', 'Question 4?', 'Question 2?', 'Question 0?']);
  });

  it('drops older entries of a state it no longer shows (a newer state came first), and a second copy', () => {
    const { root, send } = setup();
    const first = entries(0, 20);
    send({ type: 'state', state: { conversation: conversation(first.slice(16)), hasToken: true, origin: 'https://x', busy: false, olderToFollow: 1 } });
    send({ type: 'state', state: { conversation: conversation(entries(100, 104), 'other'), hasToken: true, origin: 'https://x', busy: false } });
    send({ type: 'olderEntries', token: 1, entries: first.slice(0, 16) });
    assert.equal(root.querySelectorAll('.entries > article.entry').length, 4, 'the stale older entries were not added');

    send({ type: 'state', state: { conversation: conversation(first.slice(16)), hasToken: true, origin: 'https://x', busy: false, olderToFollow: 2 } });
    send({ type: 'olderEntries', token: 2, entries: first.slice(0, 16) });
    send({ type: 'olderEntries', token: 2, entries: first.slice(0, 16) });
    assert.equal(root.querySelectorAll('.entries > article.entry').length, 20, 'added once');
  });
});
