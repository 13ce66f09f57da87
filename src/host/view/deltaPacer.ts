// Paces streamed text to the webview: at most one `delta` message per frame (~16 ms) per
// answer, and while text flows at most one every 50 ms (streamRate.ts says why and how often),
// however fast tokens arrive. A server can send thousands of one-token events a second; each
// posted message costs the workbench a structured clone, an IPC hop, a task in the webview and a
// frame, so text that arrives close together travels together.
//
// - The first delta after a pause goes out at once: the first text of an answer, and every token
//   of a stream slower than 20 tokens a second, get no added latency.
// - While text flows, later deltas wait until the interval the rate asks for has passed since
//   the last message (≤ 50 ms added; ≤ 100 ms for a stream over 500 tokens a second); when the
//   timer is late (a busy event loop), the next delta to arrive sends them.
// - Any other message (entry updated, done, error, retrying…) first flushes what is pending, so
//   the webview sees every change in the order the session made it.
// - `state` carries the whole conversation, pending text included: pending text is dropped then,
//   as sending it again would show it twice.

import type { DeltaChannel, DeltaPart, HostMessage, RequestId } from '../../shared/protocol';
import { systemClock, type Clock } from '../clock';
import { ArrivalRate, pacingIntervalMs } from './streamRate';

/** One appended run of text, as the session reports it. */
export interface TextDelta {
  type: 'delta';
  entryId: string;
  /** The request streaming it: carried by the message so the view can drop a stale one. */
  requestId?: RequestId;
  index: number;
  content: string;
  channel?: DeltaChannel;
}

/** One animation frame at 60 Hz. */
export const FRAME_MS = 16;

interface AnswerState {
  requestId?: RequestId;
  parts: DeltaPart[];
  /** When the last delta message for this answer went out (-Infinity: never). */
  lastSentAt: number;
  timer: unknown;
  rate: ArrivalRate;
  /** When the last delta for this answer arrived (-Infinity: never). */
  lastDeltaAt: number;
}

export class DeltaPacer {
  private readonly answers = new Map<string, AnswerState>();

  constructor(
    private readonly send: (message: HostMessage) => void,
    private readonly clock: Clock = systemClock,
    private readonly intervalMs = FRAME_MS,
  ) {}

  /** Streamed text: sent now after a pause, else when the interval since the last message is over. */
  delta(delta: TextDelta): void {
    if (delta.content === '') return;
    let state = this.answers.get(delta.entryId);
    if (!state) {
      state = { parts: [], lastSentAt: -Infinity, timer: undefined, rate: new ArrivalRate(), lastDeltaAt: -Infinity };
      this.answers.set(delta.entryId, state);
    }
    // Text of another request for the same entry never travels in one message with it.
    if (state.requestId !== delta.requestId) {
      this.flushAnswer(delta.entryId, state);
      state.requestId = delta.requestId;
    }
    const last = state.parts.at(-1);
    if (last && last.index === delta.index && last.channel === delta.channel) last.content += delta.content;
    else state.parts.push({ index: delta.index, content: delta.content, ...(delta.channel ? { channel: delta.channel } : {}) });
    const now = this.clock.now();
    state.rate.arrived(now);
    // After a pause the next message may go one frame after the last, whatever the rate. A pause
    // is a gap longer than the wait the rate asks for: a busy extension host stalls its event loop
    // for tens of ms and a fast stream then arrives as a burst, which is no pause (counted as one,
    // every stall sent an extra message: ~20 a second at 1,000 tokens a second instead of ~10).
    const paced = pacingIntervalMs(state.rate.tokensPerSecond, this.intervalMs);
    const quiet = now - state.lastDeltaAt >= paced;
    state.lastDeltaAt = now;
    const interval = quiet ? this.intervalMs : paced;
    if (state.timer !== undefined) {
      // A busy extension host runs timers late: a delta that comes when the message is already
      // due takes what waited with it at once, instead of waiting for the late timer. So does
      // the first delta after a pause (the interval is one frame again).
      if (now - state.lastSentAt >= interval) this.flushAnswer(delta.entryId, state);
      return;
    }
    const wait = state.lastSentAt + interval - now;
    if (wait <= 0) {
      this.flushAnswer(delta.entryId, state);
      return;
    }
    state.timer = this.clock.setTimeout(() => {
      state.timer = undefined;
      this.flushAnswer(delta.entryId, state);
    }, wait);
  }

  /** Any other message: pending text goes first (or is dropped for a whole new state). */
  message(message: HostMessage): void {
    if (message.type === 'state') this.drop();
    else this.flush();
    this.send(message);
    // A finished answer streams no more: forget its pacing.
    if (message.type === 'entryUpdated' && message.entry.status !== 'streaming') this.answers.delete(message.entry.id);
  }

  /** Sends everything pending now. */
  flush(): void {
    for (const [entryId, state] of this.answers) this.flushAnswer(entryId, state);
  }

  /**
   * Forgets pending text without sending it: for when the view is drawn again from the
   * conversation (which holds that text) or the conversation was replaced.
   */
  drop(): void {
    for (const state of this.answers.values()) if (state.timer !== undefined) this.clock.clearTimeout(state.timer);
    this.answers.clear();
  }

  dispose(): void {
    this.drop();
  }

  private flushAnswer(entryId: string, state: AnswerState): void {
    if (state.timer !== undefined) {
      this.clock.clearTimeout(state.timer);
      state.timer = undefined;
    }
    if (state.parts.length === 0) return;
    const parts = state.parts;
    state.parts = [];
    state.lastSentAt = this.clock.now();
    this.send({ type: 'delta', entryId, ...(state.requestId !== undefined ? { requestId: state.requestId } : {}), parts });
  }
}
