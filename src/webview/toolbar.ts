// The panel's own header: the current model (click to pick another) and New Conversation.

import type { WebviewMessage } from '../shared/protocol';
import { codicon, element, iconButton } from './dom';
import { t } from '../shared/l10n';

export class Toolbar {
  readonly element: HTMLElement;
  private readonly modelButton: HTMLButtonElement;
  private readonly modelName: HTMLSpanElement;

  constructor(post: (message: WebviewMessage) => void) {
    this.modelName = element('span', { className: 'model-name' });
    this.modelButton = element('button', { className: 'model-button', attributes: { type: 'button' } }, [
      codicon('symbol-class'),
      this.modelName,
      codicon('chevron-down'),
    ]);
    this.modelButton.addEventListener('click', () => post({ type: 'selectModel' }));
    const newConversation = iconButton('add', t('New Conversation'), () => post({ type: 'newConversation' }));
    const history = iconButton('history', t('Conversation History'), () => post({ type: 'showHistory' }));
    this.element = element('header', { className: 'toolbar', attributes: { 'aria-label': t('Chat toolbar') } }, [
      this.modelButton,
      element('span', { className: 'toolbar-spacer' }),
      history,
      newConversation,
    ]);
    this.setModel('');
  }

  setModel(model: string): void {
    this.modelName.textContent = model || t('Select model');
    const label = model ? t('Model: {0}. Select another model', model) : t('Select model');
    this.modelButton.title = label;
    this.modelButton.setAttribute('aria-label', label);
  }
}
