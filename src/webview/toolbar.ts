// The panel's own header: the endpoint profile when there are several (issue 12; click to switch),
// the current model (click to pick another) and New Conversation.

import type { WebviewMessage } from '../shared/protocol';
import { codicon, element, iconButton } from './dom';
import { t } from '../shared/l10n';

export class Toolbar {
  readonly element: HTMLElement;
  private readonly modelButton: HTMLButtonElement;
  private readonly modelName: HTMLSpanElement;
  private readonly profileButton: HTMLButtonElement;
  private readonly profileName: HTMLSpanElement;

  constructor(post: (message: WebviewMessage) => void) {
    this.profileName = element('span', { className: 'profile-name' });
    this.profileButton = element('button', { className: 'profile-button', attributes: { type: 'button' } }, [
      codicon('server-environment'),
      this.profileName,
      codicon('chevron-down'),
    ]);
    this.profileButton.addEventListener('click', () => post({ type: 'selectProfile' }));
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
      this.profileButton,
      this.modelButton,
      element('span', { className: 'toolbar-spacer' }),
      history,
      newConversation,
    ]);
    this.setModel('');
    this.setProfile(undefined);
  }

  /** The shown conversation's endpoint profile; undefined (only the Default profile) hides the button. */
  setProfile(name: string | undefined): void {
    this.profileButton.hidden = name === undefined;
    // textContent and attributes only: a name from settings never becomes markup.
    this.profileName.textContent = name ?? '';
    const label = t('Endpoint profile: {0}. Switch endpoint profile', name ?? '');
    this.profileButton.title = label;
    this.profileButton.setAttribute('aria-label', label);
  }

  setModel(model: string): void {
    this.modelName.textContent = model || t('Select model');
    const label = model ? t('Model: {0}. Select another model', model) : t('Select model');
    this.modelButton.title = label;
    this.modelButton.setAttribute('aria-label', label);
  }
}
