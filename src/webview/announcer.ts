// What a screen reader hears of an answer: the whole answer once, when it has finished, not
// every piece of it as it streams. One polite live region for the panel, visually hidden.

import { element } from './dom';
import type { AssistantEntry } from '../shared/conversation';
import { t } from '../shared/l10n';

/** A long answer is announced up to here; the rest is read in the transcript itself. */
const MAX_ANNOUNCED_CHARS = 4000;

export class Announcer {
  readonly element = element('div', { className: 'visually-hidden', attributes: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } });

  /** Announces how `answer` ended, with its text as drawn in `body` (plain words, no markup). */
  answerEnded(answer: AssistantEntry, body: string): void {
    const text = body.replace(/\s+/g, ' ').trim();
    const cut = text.length > MAX_ANNOUNCED_CHARS ? `${text.slice(0, MAX_ANNOUNCED_CHARS)}…` : text;
    const heading =
      answer.status === 'error' ? t('The answer failed: {0}.', answer.error?.message ?? t('unknown error')) :
      answer.status === 'stopped' ? t('The answer was stopped.') :
      t('Answer finished.');
    this.say(cut ? `${heading} ${cut}` : heading);
  }

  private say(text: string): void {
    // Emptied first: the same words twice in a row are announced again.
    this.element.textContent = '';
    queueMicrotask(() => (this.element.textContent = text));
  }
}
