// The three clocks of a request: until the first byte of the answer, between two reads, and
// for the whole answer (retries included). When one runs out the request is aborted and the
// phase is remembered, so the failure can say which wait was too long.

import type { ChatTimeouts } from './types';

export const DEFAULT_TIMEOUTS: Readonly<ChatTimeouts> = Object.freeze({
  firstByteMs: 60_000,
  idleMs: 60_000,
  totalMs: 600_000,
});

export type TimeoutPhase = 'first-byte' | 'idle' | 'total';

export function resolveTimeouts(partial: Partial<ChatTimeouts> | undefined): ChatTimeouts {
  const pick = (value: number | undefined, fallback: number): number =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
  return {
    firstByteMs: pick(partial?.firstByteMs, DEFAULT_TIMEOUTS.firstByteMs),
    idleMs: pick(partial?.idleMs, DEFAULT_TIMEOUTS.idleMs),
    totalMs: pick(partial?.totalMs, DEFAULT_TIMEOUTS.totalMs),
  };
}

/**
 * One timer for the whole answer and one for the current wait. The wait timer is refreshed
 * per network read (not per token), and it only counts time spent waiting on the network:
 * a consumer that takes long to handle an event does not make the server look idle.
 */
export class Watchdog {
  private expiredPhase: TimeoutPhase | undefined;
  private totalTimer: NodeJS.Timeout | undefined;
  private waitTimer: NodeJS.Timeout | undefined;
  private waitPhase: 'first-byte' | 'idle' | undefined;
  private waitingOnNetwork = false;
  private startedAt = 0;
  private keptAlive = false;

  constructor(
    private readonly timeouts: ChatTimeouts,
    private readonly onExpire: (phase: TimeoutPhase) => void,
  ) {}

  get expired(): TimeoutPhase | undefined {
    return this.expiredPhase;
  }

  get limits(): ChatTimeouts {
    return this.timeouts;
  }

  /** The first-byte clock ran out although bytes came: keep-alive comments, never an event. */
  get onlyKeptAlive(): boolean {
    return this.keptAlive && this.expiredPhase === 'first-byte';
  }

  /** What is left of the total budget, in ms. */
  remainingMs(now: number = Date.now()): number {
    return Math.max(0, this.timeouts.totalMs - (now - this.startedAt));
  }

  start(): void {
    this.startedAt = Date.now();
    this.totalTimer = setTimeout(() => this.expire('total'), this.timeouts.totalMs);
  }

  /** A request was sent: its answer must start within firstByteMs. */
  awaitFirstByte(): void {
    this.armWait('first-byte', this.timeouts.firstByteMs);
    this.waitingOnNetwork = true;
  }

  /** About to wait for the next read of the body. */
  beforeRead(): void {
    this.waitingOnNetwork = true;
  }

  /**
   * A read returned bytes: from now on the clock is the idle one, once the answer has started.
   * Until then (only keep-alive comments and blank lines so far) the first-byte clock runs on.
   */
  afterRead(answerStarted = true): void {
    this.waitingOnNetwork = false;
    if (!answerStarted && this.waitPhase === 'first-byte') {
      this.keptAlive = true;
      return;
    }
    if (this.waitPhase === 'idle' && this.waitTimer !== undefined) this.restartWait('idle', this.timeouts.idleMs);
    else this.armWait('idle', this.timeouts.idleMs);
  }

  /** Between attempts nothing is expected from the network (only the total clock runs). */
  pauseWait(): void {
    this.clearWait();
    this.waitingOnNetwork = false;
  }

  stop(): void {
    this.clearWait();
    if (this.totalTimer !== undefined) clearTimeout(this.totalTimer);
    this.totalTimer = undefined;
  }

  private armWait(phase: 'first-byte' | 'idle', ms: number): void {
    this.clearWait();
    this.waitPhase = phase;
    this.waitTimer = setTimeout(() => {
      if (phase === 'idle' && !this.waitingOnNetwork) {
        // The consumer, not the server, was slow: start the idle clock again.
        this.restartWait('idle', ms);
        return;
      }
      this.expire(phase);
    }, ms);
  }

  /**
   * Starts the wait clock over: Node's `refresh()` where timers have it (cheap, once per read);
   * a new timer in a browser worker (the web extension), whose timers are plain numbers.
   */
  private restartWait(phase: 'first-byte' | 'idle', ms: number): void {
    const timer = this.waitTimer as { refresh?: unknown } | number | undefined;
    if (typeof timer === 'object' && typeof timer.refresh === 'function') (timer as NodeJS.Timeout).refresh();
    else this.armWait(phase, ms);
  }

  private clearWait(): void {
    if (this.waitTimer !== undefined) clearTimeout(this.waitTimer);
    this.waitTimer = undefined;
    this.waitPhase = undefined;
  }

  private expire(phase: TimeoutPhase): void {
    if (this.expiredPhase !== undefined) return;
    this.expiredPhase = phase;
    this.stop();
    this.onExpire(phase);
  }
}
