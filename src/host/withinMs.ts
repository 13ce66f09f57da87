// Waiting for a promise, but never longer than a bound: a save on a full disk must not hold back
// a question or shutdown. One helper, so that each caller
// does not race a hand-made timer (and forget to clear it).

import { systemClock, type Clock } from './clock';

/** The timers `withinMs` needs: a caller with an injected `Clock` passes it (tests on a fake clock). */
type TimerClock = Pick<Clock, 'setTimeout' | 'clearTimeout'>;

export interface WithinOptions<F> {
  /** What the wait resolves to when `ms` pass first (default: undefined). */
  fallback?: F;
  /** The timers to use (default: the global `setTimeout`). */
  clock?: TimerClock;
  /** The timer never holds the process open (a Node timer's `unref`): for waits during shutdown. */
  unref?: boolean;
}

/**
 * What `promise` resolves to, or `options.fallback` once `ms` have passed, whichever comes
 * first; the timer is cleared as soon as the wait ends. A rejection is passed on: a caller that
 * counts a failure as "not done" catches it on the promise it hands in.
 */
export async function withinMs<T, F = undefined>(promise: Promise<T>, ms: number, options: WithinOptions<F> = {}): Promise<T | F> {
  const clock = options.clock ?? systemClock;
  let timer: unknown;
  const late = new Promise<F>((resolve) => {
    timer = clock.setTimeout(() => resolve(options.fallback as F), ms);
    if (options.unref) (timer as { unref?(): void } | undefined)?.unref?.();
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clock.clearTimeout(timer);
  }
}
