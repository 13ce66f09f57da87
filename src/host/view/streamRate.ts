// How often a streaming answer is worth redrawing, from how fast its text arrives.
//
// Each message to the panel costs the workbench's main thread a fixed price, whatever it
// carries: the relay through the workbench (WebSocket, IPC, the webview's two frames), the
// panel's render, and a frame of style, layout and paint. Measured in a real VS Code (code-server
// and Chromium on this project's 2-core machines): ~8–10 ms a message. Redrawn every frame, a
// model streaming 100 tokens a second kept the workbench busy half of the time (2.3–2.5 s of
// main thread for a 5-s, 5-KB answer, which costs 0.05–0.13 s shown in one piece), and one at
// 30 tokens a second a third of the time: felt as a laggy editor while an answer streams. Text
// redrawn 20 times a second still reads as a smooth stream, so the rule, in one sentence:
//
//   While text flows, an answer is redrawn at most 20 times a second (every 50 ms); faster than
//   500 tokens a second, in proportion less often, but at least 10 times a second. Text that
//   comes after a pause (nothing for longer than that interval) is drawn at once.
//
// i.e. the interval between messages is 50 ms × (tokens a second / 500), kept between 50 ms and
// 100 ms; a stream slower than 20 tokens a second pauses between its tokens, so each is sent
// the moment it arrives (deltaPacer.ts), and so is the first text of every answer. A token is one
// streamed delta. The rate is counted over windows of 100 ms (a pause falls into the window it
// ends, so a long one brings the rate down); until the first window is complete the interval is
// one frame.
// (A pause does not start the count again: the extension host's event loop stalls often on a
// busy machine, and a fast stream then arrives as a pause and a burst: the first version reset
// the rate there and sent ~190 messages for a 1,000-token/s answer of 5 s instead of ~60.)

/** While text flows, at most one message this often (20 a second). */
export const FLOWING_INTERVAL_MS = 50;
/** Up to this many deltas a second the interval is FLOWING_INTERVAL_MS; faster, it grows in proportion. */
export const PROPORTIONAL_ABOVE_TOKENS_PER_SECOND = 500;
/** Text never waits longer than this for its message (≥ 10 messages a second). */
export const MAX_HOLD_MS = 100;
/** Deltas are counted over windows of this length. */
const WINDOW_MS = 100;

/**
 * The interval between messages for a stream of `tokensPerSecond` (0: not known yet, the
 * interval is then one frame of `frameMs`).
 */
export function pacingIntervalMs(tokensPerSecond: number, frameMs: number): number {
  if (tokensPerSecond <= 0) return frameMs;
  const proportional = (FLOWING_INTERVAL_MS * tokensPerSecond) / PROPORTIONAL_ABOVE_TOKENS_PER_SECOND;
  return Math.min(MAX_HOLD_MS, Math.max(frameMs, FLOWING_INTERVAL_MS, proportional));
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
