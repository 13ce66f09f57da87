// Images in a rendered answer: a placeholder whose image the host has fetched becomes the
// image (from its `data:` URL) with Save to Workspace and Copy Link; one the host refused
// says why. Clicks on these buttons become messages to the host, which checks the URL is an
// image of that answer before doing anything.

import type { AnswerImage, AssistantEntry } from '../shared/conversation';
import type { WebviewMessage } from '../shared/protocol';
import { element } from './dom';
import { cachedImage } from './imageCache';
import { t } from '../shared/l10n';

function imageOf(entry: AssistantEntry, url: string): AnswerImage | undefined {
  return entry.images && Object.hasOwn(entry.images, url) ? entry.images[url] : undefined;
}

function actionButton(action: 'save' | 'copyLink', label: string, icon: string): HTMLButtonElement {
  return element('button', { className: 'answer-image-button', attributes: { type: 'button', 'data-image-action': action, title: label } }, [
    element('span', { className: `codicon codicon-${icon}`, attributes: { 'aria-hidden': 'true' } }),
    element('span', { text: label }),
  ]);
}

function loadedImage(url: string, image: Extract<AnswerImage, { status: 'loaded' }>, alt: string): HTMLElement {
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    // the host checked it; keep an empty title part
  }
  const img = cachedImage(image.id, alt || image.name, 'answer-image-img');
  img.title = t('{0} · {1} × {2} · from {3}', image.name, image.width, image.height, host);
  return element('span', { className: 'answer-image', attributes: { 'data-image-url': url } }, [
    img,
    element('span', { className: 'answer-image-actions' }, [
      actionButton('save', t('Save to Workspace'), 'save'),
      actionButton('copyLink', t('Copy Link'), 'link'),
    ]),
  ]);
}

/** A clicked (disabled) button of a placeholder works again, named as it was. */
function enableButtons(holder: Element, loadLabel: string): void {
  for (const button of Array.from(holder.querySelectorAll('button[data-image-action][disabled]'))) {
    button.removeAttribute('disabled');
    if (button.getAttribute('data-image-action') === 'load') button.textContent = loadLabel;
  }
}

/**
 * Applies what the host fetched (or refused) to the placeholders rendered in `body`. An image
 * the host has no outcome for (the user said no in the host's dialog) gets its buttons back.
 */
export function showAnswerImages(body: Element, entry: AssistantEntry): void {
  for (const holder of Array.from(body.querySelectorAll('.image-placeholder[data-image-url]'))) {
    const url = holder.getAttribute('data-image-url') ?? '';
    const image = imageOf(entry, url);
    if (!image) {
      enableButtons(holder, t('Load image'));
      continue;
    }
    if (image.status === 'loaded') {
      const alt = holder.querySelector('.image-placeholder-alt')?.textContent ?? '';
      holder.replaceWith(loadedImage(url, image, alt));
      continue;
    }
    holder.classList.add('is-failed');
    holder.querySelector('.image-placeholder-error')?.remove();
    holder.querySelector('.image-placeholder-text')?.after(element('span', { className: 'image-placeholder-error', text: image.reason }));
    enableButtons(holder, t('Try Again'));
    const load = holder.querySelector('button[data-image-action="load"]');
    if (load) load.textContent = t('Try Again');
  }
}

/** The message for a click on an image button inside answer `entryId`, or undefined. */
export function imageButtonMessage(target: Element, entryId: string): WebviewMessage | undefined {
  const button = target.closest('button[data-image-action]');
  const url = button?.closest('[data-image-url]')?.getAttribute('data-image-url');
  if (!button || !url) return undefined;
  const action = button.getAttribute('data-image-action');
  switch (action) {
    case 'load':
      button.setAttribute('disabled', '');
      button.textContent = t('Loading…');
      return { type: 'loadImage', entryId, url };
    case 'allowHost':
      button.setAttribute('disabled', '');
      return { type: 'allowImageHost', entryId, url };
    case 'save':
    case 'copyLink':
      return { type: 'imageAction', action, entryId, url };
    default:
      return undefined;
  }
}
