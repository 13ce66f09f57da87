// "Trying again in 5 s…": a line in a streaming answer while the host's client waits to send a
// failed request again, counting the seconds down. It goes away when anything of the answer
// arrives (or the answer ends), or when its time is up.

import { codicon, element } from './dom';
import { t } from '../shared/l10n';

/** The clock the countdown reads; a test passes its own. */
export interface CountdownClock {
  now(): number;
  every(ms: number, tick: () => void): () => void;
}

const windowClock: CountdownClock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  },
};

export class RetryCountdown {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private stopTicking: (() => void) | undefined;
  private endsAt = 0;
  private prefix = '';

  constructor(private readonly clock: CountdownClock = windowClock) {
    this.text = element('span');
    this.element = element('div', { className: 'retry-countdown', attributes: { role: 'status', 'aria-live': 'polite' } }, [
      codicon('sync', 'codicon-modifier-spin'),
      this.text,
    ]);
    this.element.hidden = true;
  }

  /** Attempt `attempt` goes out after `delayMs`; `status` is the HTTP status that failed, if any. */
  show(attempt: number, delayMs: number, status?: number): void {
    this.clear();
    // Numbers from the host are trusted in kind, still bounded before they are shown.
    const wait = Number.isFinite(delayMs) ? Math.min(Math.max(0, delayMs), 10 * 60_000) : 0;
    const cause = typeof status === 'number' && Number.isInteger(status) ? t('The server answered HTTP {0}', status) : t('The server could not be reached');
    this.prefix = t('{0}; trying again (attempt {1})', cause, Math.max(1, Math.floor(attempt)) + 1);
    this.endsAt = this.clock.now() + wait;
    this.element.hidden = false;
    this.render();
    this.stopTicking = this.clock.every(250, () => this.render());
  }

  clear(): void {
    // Called for every streamed delta: nothing to write when nothing shows (a DOM write per
    // message, even of the same value, makes the browser check styles again).
    if (this.stopTicking === undefined && this.element.hidden) return;
    this.stopTicking?.();
    this.stopTicking = undefined;
    this.element.hidden = true;
    this.text.textContent = '';
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  private render(): void {
    const left = Math.ceil((this.endsAt - this.clock.now()) / 1000);
    this.text.textContent = left > 0 ? t('{0} in {1} s…', this.prefix, left) : t('{0} now…', this.prefix);
    if (left <= 0) {
      // Sent: the line stays until the answer moves, the clock need not run any more.
      this.stopTicking?.();
      this.stopTicking = undefined;
    }
  }
}
