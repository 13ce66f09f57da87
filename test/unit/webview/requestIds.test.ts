import { mountView } from './mountView';
import * as assert from 'node:assert/strict';
import type { AssistantEntry, Conversation, UserEntry } from '../../../src/shared/conversation';
import type { HostMessage } from '../../../src/shared/protocol';

const question: UserEntry = { id: 'u1', role: 'user', text: 'q', createdAt: 1 };

function conversation(entries: Conversation['entries']): Conversation {
  return { id: 'c1', title: 'Test', model: 'm', entries, createdAt: 1, updatedAt: 1 };
}

function streamingAnswer(id: string): AssistantEntry {
  return { id, role: 'assistant', candidates: [{ content: '' }], chosen: 0, status: 'streaming', model: 'm', createdAt: 2 };
}

function setup() {
  const { api, frames, root, view } = mountView();
  // Each message is a structured clone, as the bridge delivers it.
  const send = (message: HostMessage) => view.handle(structuredClone(message));
  const state = (entries: Conversation['entries'], busy = false, requestId?: string) =>
    send({ type: 'state', state: { conversation: conversation(entries), hasToken: true, origin: 'https://x', busy, ...(requestId ? { requestId } : {}) } });
  const stopButton = () => root.querySelector<HTMLButtonElement>('.composer-button')!;
  const clickStop = () => stopButton().dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  return { api, frames, root, view, send, state, stopButton, clickStop };
}

describe('request ids in the webview', () => {
  it('Stop names the request answering; a late delta, update, countdown or end of a stopped request is ignored after Regenerate', () => {
    const { api, frames, root, view, send, state, stopButton, clickStop } = setup();
    state([question]);
    // Request r1 streams into a1 and is stopped.
    send({ type: 'busy', busy: true, requestId: 'r1' });
    send({ type: 'entryAdded', entry: streamingAnswer('a1'), requestId: 'r1' });
    send({ type: 'delta', entryId: 'a1', requestId: 'r1', parts: [{ index: 0, content: 'Old' }] });
    api.posted.length = 0;
    clickStop();
    assert.deepEqual(api.posted, [{ type: 'stop', requestId: 'r1' }]);
    const stopped = { ...streamingAnswer('a1'), status: 'stopped' as const, candidates: [{ content: 'Old' }] };
    send({ type: 'entryUpdated', entry: stopped, requestId: 'r1' });
    send({ type: 'busy', busy: false, requestId: 'r1' });
    // A late delta of r1 after its end does not touch the stopped answer either.
    send({ type: 'delta', entryId: 'a1', requestId: 'r1', parts: [{ index: 0, content: ' late' }] });
    assert.equal(view.answer('a1')?.candidates[0]?.content, 'Old');

    // Regenerate: the view is drawn again without a1, then request r2 streams into a2.
    state([question]);
    send({ type: 'busy', busy: true, requestId: 'r2' });
    send({ type: 'entryAdded', entry: streamingAnswer('a2'), requestId: 'r2' });
    send({ type: 'delta', entryId: 'a2', requestId: 'r2', parts: [{ index: 0, content: 'New' }] });

    // Everything r1 still had on its way arrives now.
    send({ type: 'delta', entryId: 'a2', requestId: 'r1', parts: [{ index: 0, content: ' from r1' }] });
    send({ type: 'delta', entryId: 'a1', requestId: 'r1', parts: [{ index: 0, content: ' from r1' }] });
    send({ type: 'entryUpdated', entry: { ...stopped, id: 'a2' }, requestId: 'r1' });
    send({ type: 'entryUpdated', entry: stopped, requestId: 'r1' });
    send({ type: 'retrying', entryId: 'a2', requestId: 'r1', attempt: 1, delayMs: 1000 });
    send({ type: 'busy', busy: false, requestId: 'r1' });
    frames.runFrame();

    assert.equal(view.answer('a2')?.candidates[0]?.content, 'New');
    assert.equal(view.answer('a2')?.status, 'streaming');
    assert.equal(view.answer('a1'), undefined, 'the replaced answer is not brought back');
    assert.equal(root.querySelector('[data-entry-id="a1"]'), null);
    assert.equal(root.querySelector('[data-entry-id="a2"] .markdown-body')?.textContent?.trim(), 'New');
    assert.equal(root.querySelector('[data-entry-id="a2"] .retry-countdown:not([hidden])'), null, 'no countdown of r1');
    assert.equal(stopButton().getAttribute('aria-label'), 'Stop answer', 'still answering r2');
    api.posted.length = 0;
    clickStop();
    assert.deepEqual(api.posted, [{ type: 'stop', requestId: 'r2' }]);

    // r2's own end applies.
    send({ type: 'entryUpdated', entry: { ...streamingAnswer('a2'), status: 'done', candidates: [{ content: 'New!' }] }, requestId: 'r2' });
    send({ type: 'busy', busy: false, requestId: 'r2' });
    assert.equal(view.answer('a2')?.status, 'done');
    assert.equal(stopButton().getAttribute('aria-label'), 'Send (Enter)');
  });

  it('a view rebuilt mid-answer learns the request from the state, and Stop names it', () => {
    const { api, view, send, state, clickStop } = setup();
    state([question, streamingAnswer('a1')], true, 'r7');
    send({ type: 'delta', entryId: 'a1', requestId: 'r7', parts: [{ index: 0, content: 'Hi' }] });
    send({ type: 'delta', entryId: 'a1', requestId: 'r6', parts: [{ index: 0, content: ' stale' }] });
    assert.equal(view.answer('a1')?.candidates[0]?.content, 'Hi');
    api.posted.length = 0;
    clickStop();
    assert.deepEqual(api.posted, [{ type: 'stop', requestId: 'r7' }]);
  });

  it('updates that belong to no request (a candidate chosen, an image) always apply', () => {
    const { view, send, state } = setup();
    const done: AssistantEntry = { ...streamingAnswer('a1'), status: 'done', candidates: [{ content: 'x' }, { content: 'y' }] };
    state([question, done]);
    send({ type: 'busy', busy: true, requestId: 'r9' });
    send({ type: 'entryUpdated', entry: { ...done, chosen: 1 } });
    assert.equal(view.answer('a1')?.chosen, 1);
  });
});
