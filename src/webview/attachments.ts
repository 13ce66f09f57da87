// The composer's images: a strip of thumbnails (each removable) above the input, an error
// line when one was refused, and the reading of pasted or dropped files. Files are only read
// here and handed to the host as `data:` URLs: the host judges the bytes (never the name or
// the declared type) and answers with the attachment list it accepted.

import type { ImageAttachment } from '../shared/conversation';
import { ATTACHMENT_LIMITS, formatBytes, MAX_ATTACHMENTS_PER_QUESTION } from '../shared/imageLimits';
import type { WebviewMessage } from '../shared/protocol';
import { codicon, element } from './dom';
import { cachedImage } from './imageCache';
import { t } from '../shared/l10n';

export function attachmentTitle(image: ImageAttachment): string {
  return `${image.name} · ${image.width} × ${image.height} · ${formatBytes(image.size)}`;
}

/** Reads a file as a `data:` URL (FileReader is what a webview has). */
function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(t('could not be read')));
    reader.readAsDataURL(file);
  });
}

export class AttachmentStrip {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly error: HTMLElement;
  private items: ImageAttachment[] = [];

  constructor(private readonly post: (message: WebviewMessage) => void) {
    this.list = element('ul', { className: 'attachment-list', attributes: { 'aria-label': t('Attached images') } });
    this.error = element('div', { className: 'attachment-error', attributes: { role: 'alert' } });
    this.error.hidden = true;
    this.element = element('div', { className: 'attachments' }, [this.list, this.error]);
    this.render();
  }

  get count(): number {
    return this.items.length;
  }

  /** The images attached now (their bytes are in the image cache). */
  get images(): readonly ImageAttachment[] {
    return this.items;
  }

  setAttachments(items: readonly ImageAttachment[]): void {
    this.items = [...items];
    this.render();
  }

  showError(message: string | undefined): void {
    this.error.textContent = message ?? '';
    this.error.hidden = !message;
    this.element.hidden = this.items.length === 0 && !message;
  }

  /**
   * Sends pasted or dropped files to the host. Files over the size limit are refused here
   * with the same message the host would give, without reading them.
   */
  async addFiles(files: readonly File[]): Promise<void> {
    const problems: string[] = [];
    let room = MAX_ATTACHMENTS_PER_QUESTION - this.items.length;
    for (const file of files) {
      const name = file.name || t('pasted image');
      if (room <= 0) {
        problems.push(`${name} was not attached: at most ${MAX_ATTACHMENTS_PER_QUESTION} images per question.`);
        continue;
      }
      if (file.size > ATTACHMENT_LIMITS.maxBytes) {
        problems.push(`${name} was not attached: it is ${formatBytes(file.size)}; the limit is ${formatBytes(ATTACHMENT_LIMITS.maxBytes)}.`);
        continue;
      }
      try {
        this.post({ type: 'attachImage', name, dataUrl: await readAsDataUrl(file) });
        room--;
      } catch {
        problems.push(`${name} could not be read.`);
      }
    }
    this.showError(problems.length ? problems.join(' ') : undefined);
  }

  private render(): void {
    this.element.hidden = this.items.length === 0 && this.error.hidden;
    this.list.hidden = this.items.length === 0;
    this.list.replaceChildren(...this.items.map((image) => {
      const remove = element('button', {
        className: 'icon-button attachment-remove',
        attributes: { type: 'button', title: t('Remove {0}', image.name), 'aria-label': t('Remove {0}', image.name) },
      }, [codicon('close')]);
      remove.addEventListener('click', () => this.post({ type: 'removeAttachment', id: image.id }));
      return element('li', { className: 'attachment', attributes: { title: attachmentTitle(image) } }, [
        cachedImage(image.id, image.name, 'attachment-thumbnail'),
        remove,
      ]);
    }));
  }
}

/** Image files in a paste or drop (any file: the host decides whether it is an image). */
export function filesOf(transfer: DataTransfer | null): File[] {
  if (!transfer) return [];
  const files = Array.from(transfer.files ?? []);
  if (files.length > 0) return files;
  return Array.from(transfer.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.getAsFile())
    .filter((file): file is File => file !== null);
}
