// First run: nothing works without a token, so say exactly that and offer the one step.

import type { WebviewMessage } from '../shared/protocol';
import { codicon, element, textButton } from './dom';
import { t } from '../shared/l10n';

export class TokenCard {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;

  constructor(post: (message: WebviewMessage) => void) {
    this.title = element('p', { className: 'token-card-title' });
    const setToken = textButton('key', t('Set API Token'), () => post({ type: 'setToken' }), 'primary-button');
    const changeEndpoint = textButton(undefined, t('Use a different endpoint…'), () =>
      post({ type: 'openSettings', setting: 'completionsChat.baseUrl' }), 'link-button');
    this.element = element('section', { className: 'token-card', attributes: { 'aria-label': t('Getting started') } }, [
      element('div', { className: 'token-card-heading' }, [codicon('key'), this.title]),
      element('p', {
        className: 'token-card-detail',
        text: t('The token is kept in VS Code\'s secret storage and only sent to this endpoint.'),
      }),
      element('div', { className: 'token-card-actions' }, [setToken, changeEndpoint]),
    ]);
  }

  update(hasToken: boolean, origin: string): void {
    this.title.textContent = origin ? t('Set your API token for {0} to start', origin) : t('Set your API token for the endpoint to start');
    this.element.hidden = hasToken;
  }
}
