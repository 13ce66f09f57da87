// In a browser worker (the web extension) timers are plain numbers, without Node's refresh():
// the request's idle clock must still restart on each read and still run out when reads stop.
import * as assert from 'node:assert/strict';
import { Watchdog, type TimeoutPhase } from '../../../src/core/timeouts';

describe('Watchdog on browser timers (numbers, no refresh)', () => {
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  beforeEach(() => {
    const timers = new Map<number, ReturnType<typeof realSetTimeout>>();
    let next = 1;
    globalThis.setTimeout = ((callback: () => void, ms: number) => {
      const id = next++;
      timers.set(id, realSetTimeout(() => (timers.delete(id), callback()), ms));
      return id;
    }) as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((id: number) => {
      const timer = timers.get(id);
      if (timer !== undefined) realClearTimeout(timer);
      timers.delete(id);
    }) as unknown as typeof clearTimeout;
  });
  afterEach(() => {
    globalThis.setTimeout = realSetTimeout;
    globalThis.clearTimeout = realClearTimeout;
  });

  it('restarts the idle clock on each read and expires as idle once reads stop', async () => {
    let expired: TimeoutPhase | undefined;
    const done = new Promise<void>((resolve) => {
      const watchdog = new Watchdog({ firstByteMs: 5_000, idleMs: 50, totalMs: 10_000 }, (phase) => {
        expired = phase;
        resolve();
      });
      watchdog.start();
      watchdog.awaitFirstByte();
      watchdog.afterRead(true);
      watchdog.beforeRead();
      watchdog.afterRead(true);
      watchdog.beforeRead();
    });
    await done;
    assert.equal(expired, 'idle');
  });
});
