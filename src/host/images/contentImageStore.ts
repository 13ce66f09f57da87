// Image bytes kept outside the conversation: one file per image in a folder beside the saved
// conversations, named by the SHA-256 of its bytes. A conversation file is rewritten on every
// change, so megabytes of base64 in it would make every save slow; here the same image
// attached twice is stored once and written once. Images no conversation refers to are
// deleted (`deleteUnreferenced`). Free of `vscode` and of Node: the files are given
// (`ImageFiles`: Node's fs in imageStore.ts, `vscode.workspace.fs` in the web build), and the
// hash is Web Crypto's, which both have.

import type { ImageFiles } from './imageFiles';
import { sha256Hex } from './imageFiles';
import { checkImage, toDataUrl, type ImageInfo } from '../../core/imageBytes';
import { imageRefusalReason, type ImageLimits } from '../../shared/imageLimits';

const ID_PATTERN = /^[0-9a-f]{64}$/;

export interface StoredImage extends ImageInfo {
  /** SHA-256 of the bytes, hex. */
  id: string;
  size: number;
}

export class ContentImageStore {
  /** Recently used bytes, so replaying a conversation does not read every file again. */
  private readonly cache = new Map<string, Uint8Array>();
  private cachedBytes = 0;
  private static readonly CACHE_BYTES = 48 * 1024 * 1024;

  /** When each image was last stored by this process: kept a while, as its reference may still be on its way. */
  private readonly stored = new Map<string, number>();
  /** `put` and `deleteUnreferenced` run one at a time, so a sweep never races a write. */
  private exclusive: Promise<unknown> = Promise.resolve();
  /**
   * Puts whose bytes are still being hashed (Web Crypto answers later): a sweep waits for them
   * before it judges, so an image stored while it runs is known as fresh, not deleted.
   */
  private readonly hashing = new Set<Promise<string>>();

  constructor(
    private readonly files: ImageFiles,
    private readonly now: () => number = Date.now,
  ) {}

  /** An image stored this recently is never swept: its question or answer may not hold it yet. */
  static readonly GRACE_MS = 2 * 60 * 1000;

  /**
   * Checks `bytes` against `limits` (by their content) and stores them; throws an Error whose
   * message completes "<name> …" when they are refused.
   */
  async put(bytes: Uint8Array, limits: ImageLimits): Promise<StoredImage> {
    const check = checkImage(bytes, limits);
    if (!check.ok) throw new ImageRefusedError(imageRefusalReason(check));
    const hashed = sha256Hex(bytes).then((id) => {
      this.stored.set(id, this.now());
      return id;
    });
    this.hashing.add(hashed);
    const id = await hashed.finally(() => this.hashing.delete(hashed));
    return this.one(async () => {
      await this.write(id, bytes);
      this.stored.set(id, this.now());
      return { id, size: bytes.length, ...check.info };
    });
  }

  private async write(id: string, bytes: Uint8Array): Promise<void> {
    // Atomic (a temporary name, then a rename), so a crash never leaves half an image.
    await this.files.write(id, bytes);
    this.remember(id, bytes);
  }

  /**
   * Deletes every stored image that `inUse` does not name and that was not stored in the last
   * GRACE_MS. `inUse` is asked inside the lock, after listing, so it sees every reference made
   * before the sweep; a `put` waits until the sweep is done. Returns how many were deleted.
   */
  async deleteUnreferenced(inUse: () => Promise<ReadonlySet<string>>): Promise<number> {
    return this.one(async () => {
      const names = await this.files.list().catch(() => [] as string[]);
      const keep = await inUse();
      await Promise.allSettled([...this.hashing]);
      let deleted = 0;
      for (const id of names) {
        if (!ID_PATTERN.test(id) || keep.has(id) || this.now() - (this.stored.get(id) ?? -Infinity) < ContentImageStore.GRACE_MS) continue;
        try {
          await this.files.remove(id);
          this.forget(id);
          deleted++;
        } catch {
          // Gone already, or locked by another process: the next sweep tries again.
        }
      }
      return deleted;
    });
  }

  /** Copies images an earlier version stored elsewhere into this store (those it has not). */
  async copyFrom(directory: string, ids: readonly string[]): Promise<void> {
    const copyIn = this.files.copyIn?.bind(this.files);
    if (!copyIn) return;
    for (const id of ids) {
      if (!ID_PATTERN.test(id)) continue;
      this.stored.set(id, this.now());
      await copyIn(directory, id).catch(() => undefined);
    }
  }

  private one<T>(task: () => Promise<T>): Promise<T> {
    const result = this.exclusive.then(task, task);
    this.exclusive = result.catch(() => undefined);
    return result;
  }

  /** The bytes stored under `id`, or undefined when there are none (deleted, or a bad id). */
  async get(id: string): Promise<Uint8Array | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    const cached = this.cache.get(id);
    if (cached) return cached;
    try {
      const bytes = await this.files.read(id);
      // Files can be edited behind our back: the name must still be the content's hash.
      if (!bytes || (await sha256Hex(bytes)) !== id) return undefined;
      this.remember(id, bytes);
      return bytes;
    } catch {
      return undefined;
    }
  }

  /** The image as a `data:` URL with its type judged from the bytes, or undefined when gone. */
  async dataUrl(id: string): Promise<string | undefined> {
    const bytes = await this.get(id);
    const info = bytes && checkImage(bytes, { maxBytes: Infinity, maxSide: Infinity, maxPixels: Infinity });
    return bytes && info?.ok ? toDataUrl(bytes, info.info.mimeType) : undefined;
  }

  private remember(id: string, bytes: Uint8Array): void {
    this.forget(id);
    this.cache.set(id, bytes);
    this.cachedBytes += bytes.length;
    // Least recently used first (a Map iterates in insertion order).
    for (const oldest of this.cache.keys()) {
      if (this.cachedBytes <= ContentImageStore.CACHE_BYTES || oldest === id) break;
      this.forget(oldest);
    }
  }

  private forget(id: string): void {
    const bytes = this.cache.get(id);
    if (!bytes) return;
    this.cache.delete(id);
    this.cachedBytes -= bytes.length;
  }
}

/** An image refused for what it is (not an image, too large); the message is for the user. */
export class ImageRefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ImageRefusedError';
  }
}
