// How often a streaming answer is worth redrawing, from how fast its text arrives.
//
// Each message to the panel costs the workbench's main thread a relay and the panel a frame of
// style, layout and paint (~6–9 ms in a real VS Code), whatever it carries. A stream far faster
// than anyone reads gains nothing from 60 redraws a second, so the rule, in one sentence:
//
//   An answer is redrawn every frame up to 150 tokens a second; faster, in proportion less
//   often (every other frame at 300 tokens a second), but at least 10 times a second.
//
// i.e. the interval between messages is one frame × (tokens a second / 150), kept between one
// frame and 100 ms. A token is one streamed delta. The rate is counted over windows of 100 ms
// (a pause falls into the window it ends, so a long one brings the rate down); until the first
// window is complete the interval is one frame. A delta after a pause longer than the interval
// is sent at once whatever the rate (deltaPacer.ts): the rate only decides how long text waits
// while it flows.
// (A pause does not start the count again: the extension host's event loop stalls often on a
// busy machine, and a fast stream then arrives as a pause and a burst: the first version reset
// the rate there and sent ~190 messages for a 1,000-token/s answer of 5 s instead of ~60.)

/** Up to this many deltas a second, one message per frame. */
export const FRAME_RATE_TOKENS_PER_SECOND = 150;
/** Text never waits longer than this for its message (≥ 10 messages a second). */
export const MAX_HOLD_MS = 100;
/** Deltas are counted over windows of this length. */
const WINDOW_MS = 100;

/** The interval between messages for a stream of `tokensPerSecond`, for frames of `frameMs`. */
export function pacingIntervalMs(tokensPerSecond: number, frameMs: number): number {
  const proportional = (frameMs * tokensPerSecond) / FRAME_RATE_TOKENS_PER_SECOND;
  return Math.min(MAX_HOLD_MS, Math.max(frameMs, proportional));
}

/**
 * The arrival rate of one answer's deltas, in deltas a second (0 while not known): the faster of
 * the last two windows. A stall of the extension host's event loop makes the window it falls in
 * look slow and the next one fast (the deltas that piled up arrive at once); the faster of the
 * two is the stream's own pace, so a stall does not halve the interval for a window (measured:
 * ~19 messages a second at 1,000 tokens a second with a 150-ms stall every 300 ms, not ~10).
 * A stream that really slows down is seen within two windows (200 ms).
 */
export class ArrivalRate {
  private windowStart = Number.NEGATIVE_INFINITY;
  private windowCount = 0;
  private lastRate = 0;
  private previousRate = 0;

  get tokensPerSecond(): number {
    return Math.max(this.lastRate, this.previousRate);
  }

  /** A delta arrived at `now`. */
  arrived(now: number): void {
    this.windowCount++;
    const elapsed = now - this.windowStart;
    if (elapsed >= WINDOW_MS) {
      // The deltas before this one arrived within the window (none before the first delta).
      this.previousRate = this.lastRate;
      this.lastRate = Number.isFinite(elapsed) ? ((this.windowCount - 1) * 1000) / elapsed : 0;
      this.windowStart = now;
      this.windowCount = 1;
    }
  }
}
