// Test time: a clock for code that takes one (the DeltaPacer's `Clock`), whose time moves only
// when the test says so, running due timers in order as it does; and seeded random numbers, so
// a failing random case can be replayed from its seed.
import type { Clock } from '../../src/host/clock';

export class ManualClock implements Clock {
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;

  constructor(public time = 0) {}

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + Math.max(0, ms), callback, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Moves time by `ms`, running each timer that falls due at its own time, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const due = this.timers[0];
      if (!due || due.at > end) break;
      this.timers.shift();
      this.time = due.at;
      due.callback();
    }
    this.time = end;
  }

  /** Timers set and not yet run. */
  get pending(): number {
    return this.timers.length;
  }
}

/** mulberry32: a small seeded PRNG giving numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
