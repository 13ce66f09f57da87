// The panel's own header: the endpoint profile when there are several (issue 12; click to switch),
// the current model (click to pick another) and New Conversation.

import type { WebviewMessage } from '../shared/protocol';
import { codicon, element, iconButton } from './dom';

/** Endpoint profiles (issue 12): the toolbar's words, in one place (plain literals for the l10n work). */
export const PROFILE_TEXT = {
  /** The button's accessible name and tooltip; `{0}` is the profile's name (plain text from settings). */
  label: 'Endpoint profile: {0}. Switch endpoint profile',
} as const;

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
    const newConversation = iconButton('add', 'New Conversation', () => post({ type: 'newConversation' }));
    const history = iconButton('history', 'Conversation History', () => post({ type: 'showHistory' }));
    this.element = element('header', { className: 'toolbar', attributes: { 'aria-label': 'Chat toolbar' } }, [
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
    const label = PROFILE_TEXT.label.replace('{0}', () => name ?? '');
    this.profileButton.title = label;
    this.profileButton.setAttribute('aria-label', label);
  }

  setModel(model: string): void {
    this.modelName.textContent = model || 'Select model';
    const label = model ? `Model: ${model}. Select another model` : 'Select model';
    this.modelButton.title = label;
    this.modelButton.setAttribute('aria-label', label);
  }
}
