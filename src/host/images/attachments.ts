// The images waiting in the composer for the next question. The host keeps them (not the
// webview), so only bytes it has judged real images can ever be sent, and a rebuilt view gets
// them back. Free of `vscode`: files are read by the caller.

import type { ImageAttachment } from '../../shared/conversation';
import { ATTACHMENT_LIMITS, MAX_ATTACHMENTS_PER_QUESTION } from '../../shared/imageLimits';
import { ImageRefusedError } from './contentImageStore';
import type { ImageStore } from './imageStore';
import { t } from '../../shared/l10n';

/** A file name fit to show: no path, no control characters, not absurdly long. */
export function displayName(raw: string, fallback = 'image'): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!clean) return fallback;
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

export class PendingAttachments {
  private items: ImageAttachment[] = [];

  constructor(private readonly store: ImageStore) {}

  get list(): readonly ImageAttachment[] {
    return this.items;
  }

  /**
   * Judges `bytes` by their content and, when they are an image within the limits, stores and
   * attaches them. Throws ImageRefusedError with a message naming the file and the reason.
   */
  async add(bytes: Uint8Array, name: string): Promise<ImageAttachment> {
    const shown = displayName(name);
    if (this.items.length >= MAX_ATTACHMENTS_PER_QUESTION) {
      throw new ImageRefusedError(t('{0} was not attached: at most {1} images per question.', shown, MAX_ATTACHMENTS_PER_QUESTION));
    }
    let stored;
    try {
      stored = await this.store.put(bytes, ATTACHMENT_LIMITS);
    } catch (error) {
      if (error instanceof ImageRefusedError) throw new ImageRefusedError(t('{0} was not attached: it {1}.', shown, error.reason));
      throw error;
    }
    const attachment: ImageAttachment = {
      id: stored.id,
      mimeType: stored.mimeType,
      name: shown,
      width: stored.width,
      height: stored.height,
      size: stored.size,
    };
    // The same image twice adds nothing to a question.
    if (!this.items.some((item) => item.id === attachment.id)) this.items.push(attachment);
    return attachment;
  }

  remove(id: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((item) => item.id !== id);
    return this.items.length !== before;
  }

  /** Hands the attachments to a question being sent and empties the composer. */
  take(): ImageAttachment[] {
    const taken = this.items;
    this.items = [];
    return taken;
  }

  /** Puts attachments back (a send that did not happen). */
  restore(items: readonly ImageAttachment[]): void {
    for (const item of items) if (!this.items.some((existing) => existing.id === item.id)) this.items.push(item);
  }
}
