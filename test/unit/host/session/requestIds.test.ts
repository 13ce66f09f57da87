import assert from 'node:assert/strict';
import type { ChatEvent } from '../../../../src/core/types';
import { ChatSession, newConversation, type SessionChange, type StreamChat } from '../../../../src/host/session/chatSession';
import { SETTING_DEFAULTS } from '../../../../src/host/settings/settings';
import { DeltaPacer } from '../../../../src/host/view/deltaPacer';
import type { HostMessage } from '../../../../src/shared/protocol';
import type { AssistantEntry, Conversation } from '../../../../src/shared/conversation';

/** A gate a scripted stream waits at until the test opens it. */
function gate(): { wait: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/**
 * Each request streams `first`, waits at its gate (ignoring the abort signal, as a client
 * whose events were already read would), then streams `late`.
 */
function scripted(scripts: { first: ChatEvent[]; gate: { wait: Promise<void> }; late: ChatEvent[] }[]): StreamChat {
  let call = 0;
  return async function* () {
    const script = scripts[call++]!;
    yield* script.first;
    await script.gate.wait;
    yield* script.late;
  };
}

const text = (content: string): ChatEvent => ({ type: 'delta', index: 0, content });

function makeSession(streamChat: StreamChat): { session: ChatSession; changes: SessionChange[]; saved: Conversation[] } {
  const changes: SessionChange[] = [];
  const saved: Conversation[] = [];
  const session = new ChatSession(newConversation('m'), {
    streamChat,
    settings: () => ({ ...SETTING_DEFAULTS, baseUrl: 'http://127.0.0.1:9/v1' }),
    credentials: async () => ({ baseUrl: 'http://127.0.0.1:9/v1', token: 't' }),
    save: (conversation) => saved.push(conversation),
    log: () => undefined,
  });
  session.onDidChange((change) => changes.push(change));
  return { session, changes, saved };
}

/** Resolves once the session reported text for the request (the stream reached its gate). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('request ids end to end in the session', () => {
  it('names each run with a fresh id on busy, entryAdded, delta and the final update', async () => {
    const open = gate();
    open.open();
    const { session, changes } = makeSession(scripted([{ first: [text('Hi')], gate: open, late: [{ type: 'finish', index: 0, reason: 'stop' }] }]));
    const requestId = await session.send('q');
    assert.ok(requestId);
    const ofRequest = changes.filter((change) => change.type !== 'entryAdded' || change.entry.role === 'assistant');
    assert.deepEqual(ofRequest.map((change) => change.type), ['busy', 'entryAdded', 'delta', 'entryUpdated', 'entryUpdated', 'busy']);
    for (const change of ofRequest) assert.equal((change as { requestId?: string }).requestId, requestId, change.type);
    assert.equal(session.requestId, undefined, 'no request once it ended');
  });

  it('a Stop naming an ended request does not stop the next one; a Stop naming the running one does', async () => {
    const first = gate();
    const second = gate();
    const { session, changes } = makeSession(scripted([
      { first: [text('one')], gate: first, late: [] },
      { first: [text('two')], gate: second, late: [text(' more')] },
    ]));
    const sent = session.send('q');
    await until(() => changes.some((change) => change.type === 'delta'));
    const r1 = session.requestId!;
    assert.equal(session.stop(r1), true);
    first.open();
    await sent;
    assert.equal((session.lastAnswer() as AssistantEntry).status, 'stopped');

    const regenerated = session.regenerate();
    await until(() => changes.filter((change) => change.type === 'delta').length === 2);
    const r2 = session.requestId!;
    assert.notEqual(r2, r1);
    assert.equal(session.stop(r1), false, 'the late Stop of the first request');
    second.open();
    assert.equal(await regenerated, r2);
    const answer = session.lastAnswer()!;
    assert.equal(answer.status, 'done', 'the new answer ran to its end');
    assert.equal(answer.candidates[0]!.content, 'two more');
  });

  it('after a Stop, events the client still hands over are neither folded nor shown', async () => {
    const open = gate();
    const { session, changes } = makeSession(scripted([{ first: [text('kept')], gate: open, late: [text(' late'), { type: 'model', model: 'late' }] }]));
    const sent = session.send('q');
    await until(() => changes.some((change) => change.type === 'delta'));
    session.stop();
    const seen = changes.length;
    open.open();
    await sent;
    const answer = session.lastAnswer()!;
    assert.equal(answer.candidates[0]!.content, 'kept');
    assert.equal(answer.model, 'm');
    assert.deepEqual(changes.slice(seen).map((change) => change.type), ['entryUpdated', 'busy']);
    assert.equal(answer.status, 'stopped');
  });

  it('a request still streaming after New Conversation never reaches the new conversation or its answer', async () => {
    const old = gate();
    const fresh = gate();
    fresh.open();
    const { session, changes, saved } = makeSession(scripted([
      { first: [text('old')], gate: old, late: [text(' late old'), { type: 'finish', index: 0, reason: 'stop' }] },
      { first: [text('new')], gate: fresh, late: [] },
    ]));
    const oldSent = session.send('first');
    await until(() => changes.some((change) => change.type === 'delta'));
    const r1 = session.requestId!;
    session.reset('m');
    const r2 = await session.send('second');
    const newAnswer = session.lastAnswer()!;
    const seen = changes.length;
    const savesBefore = saved.length;
    old.open();
    assert.equal(await oldSent, r1);
    assert.deepEqual(changes.slice(seen), [], 'nothing of the old request is shown');
    assert.equal(saved.length, savesBefore, 'nor saved into the new conversation');
    assert.equal(newAnswer.candidates[0]!.content, 'new');
    assert.equal(session.conversation.entries.length, 2);
    assert.ok(changes.every((change) => !('requestId' in change) || change.requestId === r1 || change.requestId === r2));
  });

  it('the pacer keeps the request id on the delta message, and never batches two requests\' text together', () => {
    const sent: HostMessage[] = [];
    let now = 0;
    const timers: (() => void)[] = [];
    const pacer = new DeltaPacer((message) => sent.push(message), {
      now: () => now,
      setTimeout: (callback) => timers.push(callback),
      clearTimeout: () => undefined,
    });
    pacer.delta({ type: 'delta', entryId: 'a1', requestId: 'r1', index: 0, content: 'a' });
    pacer.delta({ type: 'delta', entryId: 'a1', requestId: 'r1', index: 0, content: 'b' });
    pacer.delta({ type: 'delta', entryId: 'a1', requestId: 'r2', index: 0, content: 'c' });
    now = 100;
    pacer.flush();
    assert.deepEqual(sent, [
      { type: 'delta', entryId: 'a1', requestId: 'r1', parts: [{ index: 0, content: 'a' }] },
      { type: 'delta', entryId: 'a1', requestId: 'r1', parts: [{ index: 0, content: 'b' }] },
      { type: 'delta', entryId: 'a1', requestId: 'r2', parts: [{ index: 0, content: 'c' }] },
    ]);
  });
});
