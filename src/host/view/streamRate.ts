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
// frame and 100 ms. A token is one streamed delta. The rate is counted over windows of 100 ms;
// until a window is complete (the start of an answer, or after a pause of a frame or more)
// the interval is one frame, so a slow or resumed stream is paced exactly as before.

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

/** The arrival rate of one answer's deltas, in deltas a second (0 while not known). */
export class ArrivalRate {
  private windowStart = Number.NEGATIVE_INFINITY;
  private windowCount = 0;
  private lastArrival = Number.NEGATIVE_INFINITY;
  private rate = 0;

  constructor(private readonly quietMs: number) {}

  get tokensPerSecond(): number {
    return this.rate;
  }

  /** A delta arrived at `now`. */
  arrived(now: number): void {
    if (now - this.lastArrival >= this.quietMs) {
      // A pause: the stream starts again, at an unknown rate.
      this.rate = 0;
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.lastArrival = now;
    this.windowCount++;
    const elapsed = now - this.windowStart;
    if (elapsed >= WINDOW_MS) {
      // The deltas before this one arrived within the window.
      this.rate = ((this.windowCount - 1) * 1000) / elapsed;
      this.windowStart = now;
      this.windowCount = 1;
    }
  }
}
