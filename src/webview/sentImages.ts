// The images of a question between Enter and the host's echo (sentQuestion.ts keeps its text
// and items). Their bytes live in the extension host, and a reload can start a new host that
// has none, so the panel keeps the `data:` URLs the host handed it (imageCache.ts) with the
// question, within a budget: the tab's sessionStorage is a few megabytes per origin (and in
// code-server every webview shares that origin), the webview state is written whole on every
// change. An image that does not fit is named instead, and after the reload the input area
// says it must be attached again: never a silent loss. Kept images go back to the host as a
// paste does (`attachImage`), so its checks and limits apply again.

import type { ImageAttachment } from '../shared/conversation';
import { MAX_ATTACHMENTS_PER_QUESTION } from '../shared/imageLimits';
import { t } from '../shared/l10n';
import type { WebviewMessage } from '../shared/protocol';
import { isImageDataUrl } from './imageCache';

/**
 * Characters of `data:` URLs kept with one question, all images together: about 1.4 MB of
 * image bytes, well inside sessionStorage's quota (5 MB in Firefox, 5 M characters in Chromium).
 */
export const MAX_KEPT_IMAGE_CHARS = 2_000_000;
/** Longest image name kept (the host's limit for a pasted file's name). */
const MAX_KEPT_NAME_LENGTH = 1_024;

/** One image kept with a sent question. */
export interface KeptImage {
  name: string;
  dataUrl: string;
}

/** The images part of a kept question: those kept, and the names of those that were not. */
export interface SentImages {
  images?: KeptImage[];
  imagesNotKept?: string[];
}

/** The composer's images as a question keeps them: in order, while they fit the budget and their bytes are here. */
export function keepImages(attachments: readonly ImageAttachment[], dataUrl: (id: string) => string | undefined): SentImages {
  const images: KeptImage[] = [];
  const imagesNotKept: string[] = [];
  let room = MAX_KEPT_IMAGE_CHARS;
  for (const attachment of attachments.slice(0, MAX_ATTACHMENTS_PER_QUESTION)) {
    const url = dataUrl(attachment.id);
    if (url !== undefined && url.length <= room) {
      images.push({ name: attachment.name, dataUrl: url });
      room -= url.length;
    } else {
      imagesNotKept.push(attachment.name);
    }
  }
  return { ...(images.length ? { images } : {}), ...(imagesNotKept.length ? { imagesNotKept } : {}) };
}

/** The same without the bytes (where they could not be written): every image named instead. */
export function withoutBytes(kept: SentImages): SentImages {
  const names = [...(kept.images ?? []).map((image) => image.name), ...(kept.imagesNotKept ?? [])];
  return names.length ? { imagesNotKept: names } : {};
}

/** The images part of a saved question (the state and the tab are ours, but old or damaged ones load too). */
export function toSentImages(saved: Record<string, unknown>): SentImages {
  const images: KeptImage[] = [];
  let room = MAX_KEPT_IMAGE_CHARS;
  for (const value of Array.isArray(saved.images) ? saved.images.slice(0, MAX_ATTACHMENTS_PER_QUESTION) : []) {
    const { name, dataUrl } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    if (!isName(name) || typeof dataUrl !== 'string' || dataUrl.length > room || !isImageDataUrl(dataUrl)) continue;
    images.push({ name, dataUrl });
    room -= dataUrl.length;
  }
  const imagesNotKept = Array.isArray(saved.imagesNotKept) ? saved.imagesNotKept.filter(isName).slice(0, MAX_ATTACHMENTS_PER_QUESTION) : [];
  return { ...(images.length ? { images } : {}), ...(imagesNotKept.length ? { imagesNotKept } : {}) };
}

/**
 * A question lost to a reload is put back: its kept images go to the host again (judged as a
 * paste), and the input area names those that must be attached again.
 */
export function restoreImages(lost: SentImages, post: (message: WebviewMessage) => void, showError: (message: string) => void): void {
  for (const image of lost.images ?? []) post({ type: 'attachImage', name: image.name, dataUrl: image.dataUrl });
  if (lost.imagesNotKept?.length) showError(t('Attach again (too large to keep over the reload): {0}', lost.imagesNotKept.join(', ')));
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_KEPT_NAME_LENGTH;
}
