// Limits on images, shared so the webview can refuse an oversized file before reading it and
// the host enforces the very same numbers on the bytes it receives or fetches.

import type { ImageLimits, ImageRefusal } from '../core/imageBytes';
import { t } from './l10n';

export type { ImageLimits };

/** Images the user attaches to a question (providers refuse larger ones anyway). */
export const ATTACHMENT_LIMITS: Readonly<ImageLimits> = { maxBytes: 5 * 1024 * 1024, maxSide: 8192, maxPixels: 40_000_000 };

/** Images in answers that the host fetches (generated images are often a few MB). */
export const FETCHED_IMAGE_LIMITS: Readonly<ImageLimits> = { maxBytes: 10 * 1024 * 1024, maxSide: 8192, maxPixels: 40_000_000 };

/** At most this many images of one answer are fetched without a click, even from allowed hosts. */
export const MAX_AUTO_IMAGES_PER_ANSWER = 4;

/** At most this many images can be attached to one question. */
export const MAX_ATTACHMENTS_PER_QUESTION = 8;

/** Characters of a base64 data URL for `bytes` bytes of payload, plus room for its header. */
export function dataUrlLengthFor(bytes: number): number {
  return Math.ceil(bytes / 3) * 4 + 64;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** Completes "<name> …" for an image core's `checkImage` refused, sizes worded as above. */
export function imageRefusalReason(refusal: ImageRefusal): string {
  if ('tooLarge' in refusal) return t('is {0}; the limit is {1}', formatBytes(refusal.tooLarge.size), formatBytes(refusal.tooLarge.maxBytes));
  return refusal.reason;
}
