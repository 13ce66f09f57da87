import { mountView } from './mountView';
import * as assert from 'node:assert/strict';
import type { AssistantEntry, Conversation } from '../../../src/shared/conversation';
import { RetryCountdown, type CountdownClock } from '../../../src/webview/retryCountdown';

/** A clock the test moves by hand: ticks run only when the test says so. */
class ManualClock implements CountdownClock {
  time = 1_000_000;
  private ticks = new Set<() => void>();
  now(): number {
    return this.time;
  }
  every(_ms: number, tick: () => void): () => void {
    this.ticks.add(tick);
    return () => this.ticks.delete(tick);
  }
  advance(ms: number): void {
    this.time += ms;
    for (const tick of [...this.ticks]) tick();
  }
  get running(): number {
    return this.ticks.size;
  }
}

describe('retry countdown', () => {
  it('counts the seconds down and says when the request goes out', () => {
    const clock = new ManualClock();
    const countdown = new RetryCountdown(clock);
    assert.equal(countdown.visible, false);
    countdown.show(1, 5_000, 429);
    assert.equal(countdown.visible, true);
    assert.equal(countdown.element.textContent, 'The server answered HTTP 429; trying again (attempt 2) in 5 s…');
    assert.equal(countdown.element.getAttribute('role'), 'status');
    clock.advance(1_200);
    assert.match(countdown.element.textContent ?? '', /in 4 s…$/);
    clock.advance(3_000);
    assert.match(countdown.element.textContent ?? '', /in 1 s…$/);
    clock.advance(1_000);
    assert.match(countdown.element.textContent ?? '', /now…$/);
    assert.equal(clock.running, 0, 'the clock stops once the time is up');
  });

  it('names a connection failure, bounds the wait and stops when cleared', () => {
    const clock = new ManualClock();
    const countdown = new RetryCountdown(clock);
    countdown.show(2, Number.POSITIVE_INFINITY);
    assert.match(countdown.element.textContent ?? '', /^The server could not be reached; trying again \(attempt 3\) now…$/);
    countdown.show(1, 1e12);
    assert.match(countdown.element.textContent ?? '', /in 600 s…$/);
    countdown.clear();
    assert.equal(countdown.visible, false);
    assert.equal(clock.running, 0);
  });
});


describe('ChatView: a retry while an answer waits', () => {
  function setup(entry: AssistantEntry) {
    const conversation: Conversation = { id: 'c1', title: 'T', model: 'm', entries: [{ id: 'u1', role: 'user', text: 'q', createdAt: 1 }, entry], createdAt: 1, updatedAt: 1 };
    const { root, view } = mountView();
    view.handle({ type: 'state', state: { conversation, hasToken: true, origin: 'https://api.example', busy: true } });
    const line = (): HTMLElement => root.querySelector<HTMLElement>('[data-entry-id="a1"] .retry-countdown')!;
    return { view, line };
  }
  const streaming: AssistantEntry = { id: 'a1', role: 'assistant', candidates: [{ content: '' }], chosen: 0, status: 'streaming', model: 'm', createdAt: 2 };

  it('shows the seconds left in the answer, and hides the line once text arrives', () => {
    const { view, line } = setup(structuredClone(streaming));
    assert.equal(line().hidden, true);
    view.handle({ type: 'retrying', entryId: 'a1', attempt: 1, delayMs: 3_000, status: 503 });
    assert.equal(line().hidden, false);
    assert.match(line().textContent ?? '', /HTTP 503; trying again \(attempt 2\) in 3 s…/);
    view.handle({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: 'Hello' }] });
    assert.equal(line().hidden, true);
  });

  it('hides the line when the answer ends (failed again), and ignores a retry for a finished answer', () => {
    const { view, line } = setup(structuredClone(streaming));
    view.handle({ type: 'retrying', entryId: 'a1', attempt: 1, delayMs: 3_000 });
    assert.equal(line().hidden, false);
    view.handle({ type: 'entryUpdated', entry: { ...structuredClone(streaming), status: 'error', error: { kind: 'server', message: 'busy' } } });
    assert.equal(line().hidden, true);
    view.handle({ type: 'retrying', entryId: 'a1', attempt: 2, delayMs: 3_000 });
    assert.equal(line().hidden, true);
  });
});
