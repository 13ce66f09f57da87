// Decides which images linked in answers the host fetches, and does it. The rule (README,
// "Images in answers"): the webview never loads a remote URL; the host fetches an image only
// (a) when its host is on `completionsChat.imageHosts`, exactly, and then at most a few per
// answer, or (b) after the user clicked that image's placeholder and confirmed the full URL.
// Only URLs that really are images in that answer are fetched, so a message from the view
// cannot make the host fetch anything else, and never from the user's machine or network
// unless that is the API endpoint's own host (see imageFetcher.ts). Free of `vscode`.

import { toDataUrl } from '../../core/imageBytes';
import { extractImageUrls } from '../../shared/answerLinks';
import type { AnswerImage, AssistantEntry } from '../../shared/conversation';
import { FETCHED_IMAGE_LIMITS, MAX_AUTO_IMAGES_PER_ANSWER } from '../../shared/imageLimits';
import { fetchableImageUrl, fetchImage, ImageFetchError, type FetchImageOptions } from './imageFetcher';
import type { ImageStore } from './imageStore';

export interface AnswerImagesDeps {
  findAnswer(entryId: string): AssistantEntry | undefined;
  /** Records the outcome on the answer (saved with the conversation, shown by the view). */
  setAnswerImage(entryId: string, url: string, image: AnswerImage): void;
  /** The allow-list, exact hosts (`images.example.com`, `127.0.0.1:8080`). */
  allowedHosts(): readonly string[];
  /**
   * The API endpoint's host name (`URL.hostname`), undefined while the settings are bad: the
   * one host whose private (loopback, LAN) addresses images may come from.
   */
  endpointHost(): string | undefined;
  /** Asks the user whether to load the clicked image `url` (showing it in full); true to load. */
  confirmLoad(url: string): Promise<boolean>;
  store: ImageStore;
  /** A loaded image's bytes are ready: the view gets them as a `data:` URL. */
  imageReady(id: string, dataUrl: string): void;
  log(message: string): void;
  /** The platform's request and name resolution; tests also set timeouts. */
  fetchOptions: Pick<FetchImageOptions, 'request' | 'resolve'> & Partial<Omit<FetchImageOptions, 'signal'>>;
}

/** The URL's host as the allow-list names it, or undefined for a URL that is not one. */
export function imageHostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** Every image URL of an answer, over all its candidates, in order, each once. */
export function answerImageUrls(answer: AssistantEntry): string[] {
  const urls: string[] = [];
  for (const candidate of answer.candidates) {
    for (const url of extractImageUrls(candidate.content)) if (!urls.includes(url)) urls.push(url);
  }
  return urls;
}

export class AnswerImages {
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Aborted on dispose: every fetch still running hangs up. */
  private readonly lifetime = new AbortController();

  constructor(private readonly deps: AnswerImagesDeps) {}

  /**
   * Fetches the images of a finished answer whose host is allowed, at most
   * MAX_AUTO_IMAGES_PER_ANSWER of them (counting those already fetched or failed).
   */
  async fetchAllowed(entryId: string): Promise<void> {
    const answer = this.deps.findAnswer(entryId);
    if (!answer || answer.status === 'streaming') return;
    const allowed = new Set(this.deps.allowedHosts().map((host) => host.toLowerCase()));
    if (allowed.size === 0) return;
    const candidates = answerImageUrls(answer).filter((url) => allowed.has(imageHostOf(url) ?? ''));
    const budget = candidates.slice(0, MAX_AUTO_IMAGES_PER_ANSWER);
    await Promise.all(budget.filter((url) => !answer.images?.[url]).map((url) => this.load(entryId, url)));
  }

  /**
   * The user clicked the placeholder of `url` in answer `entryId`: after they confirm the full
   * URL, fetch it, whatever its host. A URL the rules refuse anyway (a private address, plain
   * http elsewhere) is recorded as refused without asking.
   */
  async fetchClicked(entryId: string, url: string): Promise<void> {
    const answer = this.deps.findAnswer(entryId);
    if (!answer || !answerImageUrls(answer).includes(url)) {
      // The request came from the view: its content is not echoed, only that it was refused.
      this.deps.log(`Refused to fetch an image that is not in that answer (a URL of ${url.length} characters).`);
      return;
    }
    if (answer.images?.[url]?.status === 'loaded') return;
    try {
      fetchableImageUrl(url, this.deps.endpointHost());
    } catch (error) {
      if (!(error instanceof ImageFetchError)) throw error;
      return this.refuse(entryId, url, error.message);
    }
    if (!(await this.deps.confirmLoad(url))) return;
    await this.load(entryId, url);
  }

  /** Aborts every fetch in flight; nothing is recorded for them, and nothing is fetched after. */
  dispose(): void {
    this.lifetime.abort();
  }

  private load(entryId: string, url: string): Promise<void> {
    if (this.lifetime.signal.aborted) return Promise.resolve();
    const key = `${entryId}\n${url}`;
    let running = this.inFlight.get(key);
    if (!running) {
      running = this.fetchAndRecord(entryId, url).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, running);
    }
    return running;
  }

  private async fetchAndRecord(entryId: string, url: string): Promise<void> {
    let image: AnswerImage;
    try {
      const signal = this.lifetime.signal;
      const { bytes } = await fetchImage(url, { limits: FETCHED_IMAGE_LIMITS, privateHostAllowed: this.deps.endpointHost(), ...this.deps.fetchOptions, signal });
      signal.throwIfAborted();
      const stored = await this.deps.store.put(bytes, FETCHED_IMAGE_LIMITS);
      image = { status: 'loaded', id: stored.id, mimeType: stored.mimeType, name: fileNameOf(url, stored.mimeType), width: stored.width, height: stored.height, size: stored.size };
      // The bytes are in hand and checked: no need to read them back from the store.
      this.deps.imageReady(stored.id, toDataUrl(bytes, stored.mimeType));
    } catch (error) {
      // Disposed: the answer keeps no "failed" for an image nobody refused; it loads next time.
      if (this.lifetime.signal.aborted) return;
      return this.refuse(entryId, url, error instanceof ImageFetchError || error instanceof Error ? error.message : String(error));
    }
    this.deps.setAnswerImage(entryId, url, image);
  }

  private refuse(entryId: string, url: string, reason: string): void {
    this.deps.log(`Image not loaded (${imageHostOf(url) ?? 'invalid URL'}): ${reason}`);
    this.deps.setAnswerImage(entryId, url, { status: 'failed', reason });
  }
}

const extensions: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** A file name for saving: the URL's last path segment, with the extension the bytes call for. */
export function fileNameOf(url: string, mimeType: string): string {
  const extension = extensions[mimeType] ?? 'img';
  let base = 'image';
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    base = last.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[^\w.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 60) || 'image';
  } catch {
    // keep "image"
  }
  return `${base}.${extension}`;
}
