import assert from 'node:assert/strict';
import { DeltaPacer, FRAME_MS } from '../../../../src/host/view/deltaPacer';
import { FLOWING_INTERVAL_MS, MAX_HOLD_MS, pacingIntervalMs } from '../../../../src/host/view/streamRate';
import { ManualClock, seededRandom } from '../../../support/manualClock';
import type { HostMessage } from '../../../../src/shared/protocol';

interface Sent {
  at: number;
  text: string;
}

/** Streams `count` one-character deltas `gap()` ms apart; the delta messages with their times, and each character's arrival time. */
function stream(count: number, gap: () => number, clock = new ManualClock(1000)): { sent: Sent[]; arrivals: number[]; clock: ManualClock; pacer: DeltaPacer } {
  const sent: Sent[] = [];
  const pacer = new DeltaPacer((message: HostMessage) => {
    if (message.type === 'delta') sent.push({ at: clock.now(), text: message.parts.map((part) => part.content).join('') });
  }, clock);
  const arrivals: number[] = [];
  for (let index = 0; index < count; index++) {
    arrivals.push(clock.now());
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'x' });
    clock.advance(gap());
  }
  clock.advance(1000);
  return { sent, arrivals, clock, pacer };
}

/** How long each character waited between arriving and its message. */
function waits(sent: readonly Sent[], arrivals: readonly number[]): number[] {
  const out: number[] = [];
  for (const message of sent) for (let c = 0; c < message.text.length; c++) out.push(message.at - arrivals[out.length]!);
  assert.equal(out.length, arrivals.length, 'every character was sent');
  return out;
}

describe('DeltaPacer: fewer messages for a stream far faster than anyone reads', () => {
  it('the interval is 50 ms up to 500 tokens a second (one frame while the rate is not known), then grows with the rate, never over 100 ms', () => {
    assert.equal(pacingIntervalMs(0, FRAME_MS), FRAME_MS);
    assert.equal(pacingIntervalMs(10, FRAME_MS), FLOWING_INTERVAL_MS);
    assert.equal(pacingIntervalMs(125, FRAME_MS), FLOWING_INTERVAL_MS);
    assert.equal(pacingIntervalMs(500, FRAME_MS), FLOWING_INTERVAL_MS);
    assert.equal(pacingIntervalMs(750, FRAME_MS), 75);
    assert.equal(pacingIntervalMs(1000, FRAME_MS), MAX_HOLD_MS);
    assert.equal(pacingIntervalMs(100_000, FRAME_MS), MAX_HOLD_MS);
  });

  it('at 125 tokens a second (8 ms a token, jittered): one message every 50 ms, no text waiting longer', () => {
    const random = seededRandom(7);
    const { sent, arrivals } = stream(500, () => 8 * (0.7 + 0.6 * random()));
    // After the first window (the rate not known yet: a message a frame).
    const flowing = sent.filter((message) => message.at >= 1000 + 200);
    const gaps = flowing.slice(1).map((message, index) => message.at - flowing[index]!.at);
    assert.ok(gaps.every((gap) => gap >= FLOWING_INTERVAL_MS && gap <= FLOWING_INTERVAL_MS + 12), `message gaps ${Math.min(...gaps)}–${Math.max(...gaps)} ms`);
    assert.ok(Math.max(...waits(sent, arrivals)) <= FLOWING_INTERVAL_MS, 'no character waits more than 50 ms');
    assert.ok(sent.length <= Math.ceil((500 * 8) / FLOWING_INTERVAL_MS) + 8, `${sent.length} messages for 4 s of text (was one per frame: ~250)`);
  });

  it('at 30 tokens a second (a model streaming at a common pace): at most 20 messages a second, none of its text held over 50 ms', () => {
    const random = seededRandom(11);
    const { sent, arrivals } = stream(300, () => 33 * (0.8 + 0.4 * random()));
    const inSecond = sent.filter((message) => message.at >= 3000 && message.at < 4000);
    assert.ok(inSecond.length <= 20 && inSecond.length >= 15, `${inSecond.length} messages in a second`);
    assert.ok(Math.max(...waits(sent, arrivals)) <= FLOWING_INTERVAL_MS, 'no character waits more than 50 ms');
  });

  it('at 15 tokens a second: every delta the moment it arrives (a pause between tokens)', () => {
    const random = seededRandom(3);
    const { sent, arrivals } = stream(60, () => 66 * (0.9 + 0.2 * random()));
    assert.equal(sent.length, 60);
    assert.deepEqual([...new Set(waits(sent, arrivals))], [0]);
  });

  it('at 1,000 tokens a second: at most 11 messages a second once the rate is known', () => {
    const { sent } = stream(3000, () => 1);
    const start = 2000; // one second into the stream (it starts at 1000)
    const inSecond = sent.filter((message) => message.at >= start && message.at < start + 1000);
    assert.ok(inSecond.length <= 11 && inSecond.length >= 10, `${inSecond.length} messages in a second`);
  });

  it('at 1,000 tokens a second with the event loop stalling 20 ms every 100 ms (a busy host): a stall is no pause, still ~10 messages a second', () => {
    let index = 0;
    // Tokens due every ms; during a stall they pile up and arrive together when it ends.
    const { sent } = stream(3000, () => {
      index++;
      if (index % 100 === 80) return 20;
      return index % 100 > 80 ? 0 : 1;
    });
    const start = 2000;
    const inSecond = sent.filter((message) => message.at >= start && message.at < start + 1000);
    assert.ok(inSecond.length <= 11, `${inSecond.length} messages in a second`);
  });

  it('at 1,000 tokens a second with long stalls (150 ms every 300 ms, the burst after each arriving at once): ~10 messages a second', () => {
    let index = 0;
    const { sent } = stream(6000, () => {
      index++;
      const phase = index % 300;
      if (phase === 150) return 150;
      return phase > 150 ? 0 : 1;
    });
    const start = 2000;
    const inSecond = sent.filter((message) => message.at >= start && message.at < start + 1000);
    assert.ok(inSecond.length <= 12, `${inSecond.length} messages in a second`);
  });

  it('a stream that slows from 1,000 to 14 tokens a second is sent every delta again within ~250 ms', () => {
    let index = 0;
    const { sent, arrivals } = stream(1000 + 30, () => (++index <= 1000 ? 1 : 70));
    const slowStart = arrivals[1000]!;
    const waited = waits(sent, arrivals).slice(1000);
    const late = waited.filter((wait, i) => wait > 0 && arrivals[1000 + i]! >= slowStart + 250);
    assert.deepEqual(late, [], 'after two windows of the slow pace, every delta goes the moment it arrives');
  });

  it('never holds text back more than 100 ms, at any rate (property: random rates and pauses)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed);
      // Runs of one rate (0.1–20 ms a token), sometimes a pause.
      let gapMs = 1;
      const { sent, arrivals } = stream(4000, () => {
        if (random() < 0.01) gapMs = 0.1 + random() * 20;
        return random() < 0.005 ? 20 + random() * 200 : gapMs * (0.5 + random());
      });
      const longest = Math.max(...waits(sent, arrivals));
      assert.ok(longest <= MAX_HOLD_MS, `seed ${seed}: a character waited ${longest} ms`);
      const gaps = sent.slice(1).map((message, index) => message.at - sent[index]!.at);
      assert.ok(Math.min(...gaps) >= FRAME_MS - 1e-9, `seed ${seed}: two messages within a frame (${Math.min(...gaps)} ms)`);
    }
  });

  it('the first delta after a pause longer than the interval goes at once, even after a very fast stream', () => {
    const { sent, clock, pacer } = stream(500, () => 1);
    const before = sent.length;
    clock.advance(MAX_HOLD_MS);
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'y' });
    assert.equal(sent.length, before + 1);
    assert.deepEqual(sent.at(-1), { at: clock.now(), text: 'y' });
  });

  it('a fast stream that stalls for a frame keeps its pace: what waited goes with its message, ≤ 100 ms after the last', () => {
    const clock = new ManualClock(1000);
    const sent: number[] = [];
    const pacer = new DeltaPacer((message) => message.type === 'delta' && sent.push(clock.now()), clock);
    for (let index = 0; index < 400; index++) {
      pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'x' });
      clock.advance(1);
    }
    // Right after a message, more text arrives and waits for the slow interval.
    while (sent.at(-1) !== clock.now()) {
      clock.advance(1);
      pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'x' });
    }
    const last = sent.at(-1)!;
    clock.advance(1);
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'x' });
    // The event loop stalls for a frame (no timer runs), then the stream resumes.
    clock.time += FRAME_MS;
    const count = sent.length;
    pacer.delta({ type: 'delta', entryId: 'a', index: 0, content: 'y' });
    assert.equal(sent.length, count, 'a stall shorter than the interval is no pause: the text keeps waiting');
    clock.advance(MAX_HOLD_MS);
    assert.equal(sent.length, count + 1);
    assert.ok(sent.at(-1)! <= last + MAX_HOLD_MS, 'sent when the interval since the last message is over');
  });
});
