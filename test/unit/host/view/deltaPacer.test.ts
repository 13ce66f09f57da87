import assert from 'node:assert/strict';
import { ChatSession, newConversation } from '../../../../src/host/session/chatSession';
import { DeltaPacer, FRAME_MS, type TextDelta } from '../../../../src/host/view/deltaPacer';
import { FLOWING_INTERVAL_MS, MAX_HOLD_MS } from '../../../../src/host/view/streamRate';
import { ManualClock, seededRandom } from '../../../support/manualClock';
import { SETTING_DEFAULTS } from '../../../../src/host/settings/settings';
import type { ChatEvent } from '../../../../src/core/types';
import type { AssistantEntry } from '../../../../src/shared/conversation';
import type { DeltaChannel, HostMessage } from '../../../../src/shared/protocol';



interface Sent {
  at: number;
  message: HostMessage;
}

function setup(): { clock: ManualClock; pacer: DeltaPacer; sent: Sent[] } {
  const clock = new ManualClock(1000);
  const sent: Sent[] = [];
  const pacer = new DeltaPacer((message) => sent.push({ at: clock.now(), message }), clock);
  return { clock, pacer, sent };
}

const key = (index: number, channel?: DeltaChannel): string => `${index}/${channel ?? 'content'}`;

/** The text runs of a sequence, with neighbours of the same candidate and channel joined. */
function runs(parts: readonly { index: number; content: string; channel?: DeltaChannel }[]): string[] {
  const out: { key: string; text: string }[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (last && last.key === key(part.index, part.channel)) last.text += part.content;
    else out.push({ key: key(part.index, part.channel), text: part.content });
  }
  return out.map((run) => `${run.key}:${run.text}`);
}

const deltaMessages = (sent: Sent[]) => sent.filter((item) => item.message.type === 'delta') as { at: number; message: Extract<HostMessage, { type: 'delta' }> }[];

describe('DeltaPacer: streamed text to the webview', () => {
  it('sends the first delta at once and the rest of a fast burst one frame later, in one message', () => {
    const { clock, pacer, sent } = setup();
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'Hel' });
    assert.equal(sent.length, 1, 'no added latency for the first delta');
    for (const token of ['lo', ', ', 'wor', 'ld']) {
      clock.advance(1);
      pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: token });
    }
    assert.equal(sent.length, 1);
    clock.advance(FRAME_MS);
    assert.deepEqual(sent.map((item) => item.message), [
      { type: 'delta', entryId: 'a', parts: [{ index: 0, content: 'Hel' }] },
      { type: 'delta', entryId: 'a', parts: [{ index: 0, content: 'lo, world' }] },
    ]);
    assert.equal(sent[1]!.at, 1000 + FRAME_MS, 'sent one frame after the first message, not later');
  });

  it('when its timer runs late (a busy extension host), the next delta takes what waited with it at once', () => {
    const { clock, pacer, sent } = setup();
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'one ' });
    clock.advance(2);
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'two ' });
    assert.equal(sent.length, 1, 'within the frame: waits');
    clock.time += FRAME_MS + 20; // the frame is due, but the event loop has not run the timer yet
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'three' });
    assert.deepEqual(deltaMessages(sent).map((item) => item.message.parts), [[{ index: 0, content: 'one ' }], [{ index: 0, content: 'two three' }]]);
    assert.equal(clock.pending, 0, 'the late timer is cancelled');
  });

  it('gives a slow stream (under 20 tokens a second: a pause between tokens) every delta the moment it arrives', () => {
    const { clock, pacer, sent } = setup();
    for (let index = 0; index < 50; index++) {
      pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: `t${index} ` });
      assert.equal(sent.length, index + 1, `delta ${index} went out at once`);
      assert.equal(sent[index]!.at, clock.now());
      clock.advance(FLOWING_INTERVAL_MS + (index % 3) * 20);
    }
    assert.equal(clock.pending, 0);
  });

  it('flushes pending text before any other message about the answer', () => {
    const { clock, pacer, sent } = setup();
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'one ' });
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'two', channel: 'reasoning' });
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'three' });
    const done = { id: 'a', role: 'assistant', candidates: [{ content: 'one three', reasoning: 'two' }], chosen: 0, status: 'done', createdAt: 0 } as AssistantEntry;
    pacer.message({ type: 'entryUpdated', entry: done });
    assert.deepEqual(sent.map((item) => item.message.type), ['delta', 'delta', 'entryUpdated']);
    assert.deepEqual(sent[1]!.message, { type: 'delta', entryId: 'a', parts: [{ index: 0, content: 'two', channel: 'reasoning' }, { index: 0, content: 'three' }] });
    clock.advance(100);
    assert.equal(sent.length, 3, 'nothing left to send after the flush');
  });

  it('drops pending text when the whole state is sent (the state holds it) and on dispose', () => {
    const { clock, pacer, sent } = setup();
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'shown ' });
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'in the state' });
    pacer.message({ type: 'state', state: { conversation: newConversation('m'), hasToken: true, origin: 'x', busy: true } });
    clock.advance(100);
    assert.deepEqual(sent.map((item) => item.message.type), ['delta', 'state']);
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'later' });
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'pending' });
    pacer.dispose();
    clock.advance(100);
    assert.equal(clock.pending, 0);
    assert.deepEqual(sent.map((item) => item.message.type), ['delta', 'state', 'delta']);
  });

  it('property: thousands of random deltas — at most one message per frame per answer, nothing lost or reordered, ≤ 100 ms late (a very fast stream waits longer than a frame: streamRate.test.ts)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = seededRandom(seed);
      const { clock, pacer, sent } = setup();
      const pushed: (TextDelta & { at: number })[] = [];
      const answers = ['a', 'b'];
      for (let count = 0; count < 3000; count++) {
        // Mostly bursts (0–2 ms apart), sometimes pauses long enough for a quiet frame.
        const roll = next();
        clock.advance(roll < 0.7 ? Math.floor(next() * 3) : roll < 0.95 ? Math.floor(next() * 20) : 20 + Math.floor(next() * 200));
        const channels: (DeltaChannel | undefined)[] = [undefined, undefined, undefined, 'reasoning', 'refusal'];
        const delta: TextDelta = {
          type: 'delta',
          entryId: answers[next() < 0.9 ? 0 : 1]!,
          index: Math.floor(next() * 3),
          content: String.fromCharCode(97 + Math.floor(next() * 26)).repeat(1 + Math.floor(next() * 4)),
          channel: channels[Math.floor(next() * channels.length)],
        };
        pushed.push({ ...delta, at: clock.now() });
        pacer.delta(delta);
        if (next() < 0.01) pacer.message({ type: 'busy', busy: true });
      }
      clock.advance(1000);
      for (const entryId of answers) {
        const messages = deltaMessages(sent).filter((item) => item.message.entryId === entryId);
        for (let index = 1; index < messages.length; index++) {
          // Only a flush forced by another message (sent right after it) may come sooner.
          let after = sent.indexOf(messages[index]!) + 1;
          while (sent[after]?.message.type === 'delta') after++;
          const forced = sent[after]?.message.type === 'busy';
          if (!forced) assert.ok(messages[index]!.at - messages[index - 1]!.at >= FRAME_MS, `seed ${seed}: two messages within a frame`);
        }
        const received = messages.flatMap((item) => item.message.parts);
        assert.deepEqual(runs(received), runs(pushed.filter((delta) => delta.entryId === entryId)), `seed ${seed}: text lost or reordered`);
      }
      // Every character went out within 100 ms of arriving (one frame unless the stream is very fast).
      let offset = 0;
      const arrival: number[] = [];
      for (const delta of pushed.filter((item) => item.entryId === 'a')) for (let c = 0; c < delta.content.length; c++) arrival.push(delta.at);
      for (const item of deltaMessages(sent).filter((m) => m.message.entryId === 'a')) {
        for (const part of item.message.parts) {
          for (let c = 0; c < part.content.length; c++) assert.ok(item.at - arrival[offset++]! <= MAX_HOLD_MS, `seed ${seed}: a character waited more than 100 ms`);
        }
      }
      assert.equal(offset, arrival.length);
    }
  });

  it('a paced stream (a delta every millisecond) sets at most one timer per frame, never one per delta', () => {
    const { clock, pacer, sent } = setup();
    let timersSet = 0;
    const setTimer = clock.setTimeout.bind(clock);
    clock.setTimeout = (callback, ms) => {
      timersSet++;
      return setTimer(callback, ms);
    };
    for (let i = 0; i < 5_000; i++) {
      clock.advance(1);
      pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'abcdefghij' });
    }
    clock.advance(FRAME_MS);
    // Each timer wakes the extension host: 5,000 ms of deltas are ~313 frames.
    assert.ok(timersSet <= Math.ceil(5_000 / FRAME_MS) + 1, `${timersSet} timers for 5,000 deltas`);
    assert.equal(deltaMessages(sent).flatMap((item) => item.message.parts).map((part) => part.content).join('').length, 50_000);
  });

  it('with a session: 5,000 fast tokens reach the view as few messages that add up to the answer', async () => {
    const tokens = Array.from({ length: 5000 }, (_, index) => `w${index} `);
    const clock = new ManualClock(1000);
    const session = new ChatSession(newConversation('m'), {
      // Each token arrives 0.2 ms after the last: far faster than frames.
      async *streamChat(): AsyncIterable<ChatEvent> {
        for (const token of tokens) {
          clock.advance(0.2);
          yield { type: 'delta', index: 0, content: token };
        }
        yield { type: 'finish', index: 0, reason: 'stop' };
      },
      settings: () => ({ ...SETTING_DEFAULTS, baseUrl: 'http://127.0.0.1:9' }),
      credentials: async () => ({ baseUrl: 'http://127.0.0.1:9' }),
      save: () => undefined,
      log: () => undefined,
    });
    const sent: HostMessage[] = [];
    const pacer = new DeltaPacer((message) => sent.push(message), clock);
    session.onDidChange((change) => {
      if (change.type === 'delta') pacer.delta(change);
      else if (change.type !== 'reset') pacer.message(change);
    });
    await session.send('Go');
    const deltas = sent.filter((message) => message.type === 'delta') as Extract<HostMessage, { type: 'delta' }>[];
    // 5,000 tokens over 1,000 ms of fake time: about one message per 16 ms frame.
    assert.ok(deltas.length <= Math.ceil((5000 * 0.2) / FRAME_MS) + 2, `${deltas.length} messages`);
    assert.equal(deltas.flatMap((message) => message.parts).map((part) => part.content).join(''), tokens.join(''));
    const types = sent.map((message) => message.type);
    assert.ok(types.lastIndexOf('delta') < types.lastIndexOf('entryUpdated'), 'all text before the final entry');
    // The whole entry travels only when something other than text changed, never per delta.
    assert.ok(types.filter((type) => type === 'entryUpdated').length <= 3, `${types.filter((type) => type === 'entryUpdated').length} entry updates`);
    assert.equal(session.lastAnswer()?.candidates[0]?.content, tokens.join(''));
  });
});
