import * as assert from 'node:assert/strict';
import { withinMs } from '../../../src/host/withinMs';
import { ManualClock } from '../../support/manualClock';

/** A promise and its resolve/reject, settled when the test says. */
function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Whether `promise` has settled once the microtasks queued so far have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let turn = 0; turn < 10; turn++) await Promise.resolve();
  return done;
}

describe('withinMs: a promise, waited for no longer than a bound', () => {
  it('resolves to the value when it comes first, and clears its timer', async () => {
    const clock = new ManualClock();
    const value = deferred<string>();
    const wait = withinMs(value.promise, 100, { clock });
    assert.equal(clock.pending, 1);
    clock.advance(99);
    value.resolve('read');
    assert.equal(await wait, 'read');
    assert.equal(clock.pending, 0, 'the timer is cleared once the value won');
  });

  it('resolves to undefined (or the fallback) when the time is up first, and a late value is ignored', async () => {
    const clock = new ManualClock();
    const value = deferred<string>();
    const wait = withinMs(value.promise, 100, { clock });
    clock.advance(99);
    assert.equal(await settled(wait), false, 'not before the time is up');
    clock.advance(1);
    assert.equal(await wait, undefined);
    value.resolve('late');

    const never = new Promise<boolean>(() => undefined);
    const withFallback = withinMs(never, 50, { clock, fallback: false });
    clock.advance(50);
    assert.equal(await withFallback, false);
    assert.equal(clock.pending, 0);
  });

  it('passes a rejection on (and clears its timer); a caller that counts it as "not done" catches it first', async () => {
    const clock = new ManualClock();
    const failing = deferred<boolean>();
    const wait = withinMs(failing.promise, 100, { clock, fallback: false });
    failing.reject(new Error('ENOSPC'));
    await assert.rejects(wait, /ENOSPC/);
    assert.equal(clock.pending, 0, 'the timer is cleared after a rejection too');

    const caught = withinMs(Promise.reject(new Error('EACCES')).catch(() => false), 100, { clock, fallback: false });
    assert.equal(await caught, false);
    assert.equal(clock.pending, 0);
  });

  it('unrefs its timer when asked, so a wait at shutdown never holds the process open', async () => {
    const unrefs: number[] = [];
    let next = 0;
    const cleared: number[] = [];
    const clock = {
      setTimeout: () => {
        const id = ++next;
        return { id, unref: () => unrefs.push(id) };
      },
      clearTimeout: (handle: unknown) => cleared.push((handle as { id: number }).id),
    };
    assert.equal(await withinMs(Promise.resolve(1), 100, { clock, unref: true }), 1);
    assert.equal(await withinMs(Promise.resolve(2), 100, { clock }), 2);
    assert.deepEqual(unrefs, [1], 'only the wait that asked');
    assert.deepEqual(cleared, [1, 2]);
  });

  it('uses the real timers when no clock is given', async () => {
    assert.equal(await withinMs(new Promise<string>(() => undefined), 1, { fallback: 'late', unref: true }), 'late');
    assert.equal(await withinMs(Promise.resolve('now'), 60_000, { unref: true }), 'now');
  });
});
