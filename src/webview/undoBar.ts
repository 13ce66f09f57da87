// "2 turns replaced · Undo" (issue 11): after an edited question or a regenerated answer
// replaced turns, the panel offers to bring them back until anything else changes the turns.
//
// In the panel, not in a notification: a VS Code notification hides itself into the
// notification center after a few seconds (and is not shown at all under Do Not Disturb),
// and it sits far from the conversation it would change. VS Code's own chat keeps the undo of
// a removed request in the chat view too. The bar is a status region, so a screen reader
// hears it once, and its button is in the tab order.

import type { UndoOffer, WebviewMessage } from '../shared/protocol';
import { element, iconButton, textButton } from './dom';
import { t } from '../shared/l10n';

function offerText(offer: UndoOffer): string {
  const turns = offer.turns === 1 ? t('1 turn') : t('{0} turns', offer.turns);
  return offer.kind === 'edit' ? t('Question edited: {0} replaced.', turns) : t('Answer regenerated: {0} replaced.', turns);
}

export class UndoBar {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly undo: HTMLButtonElement;
  private offer: UndoOffer | undefined;

  constructor(post: (message: WebviewMessage) => void) {
    this.text = element('span', { className: 'undo-text' });
    this.undo = textButton('discard', t('Undo'), () => {
      if (this.offer) post({ type: 'undoReplace', id: this.offer.id });
    }, 'secondary-button undo-button');
    const dismiss = iconButton('close', t('Dismiss'), () => this.show(undefined));
    this.element = element('div', { className: 'undo-bar', attributes: { role: 'status' } }, [this.text, this.undo, dismiss]);
    this.element.hidden = true;
  }

  /** Shows `offer`, or hides the bar when there is none. */
  show(offer: UndoOffer | undefined): void {
    this.offer = offer;
    this.element.hidden = offer === undefined;
    this.text.textContent = offer ? offerText(offer) : '';
    const label = !offer ? t('Undo') : offer.turns === 1 ? t('Undo: bring back the replaced turn') : t('Undo: bring back the {0} replaced turns', offer.turns);
    this.undo.setAttribute('aria-label', label);
    this.undo.title = label;
  }
}
