// Everything about images in the chat view, on the host side: the composer's attachments
// (file picker, paste, drop), the image bytes the view is given as `data:` URLs, and images
// in answers, fetched only by the rule in answerImages.ts, saved or their link copied.
// Free of `vscode` values (dialogs, files, the setting and the clipboard come in), so it runs
// in plain Node under test; fetches still running are aborted when it is disposed.

import { bytesOfDataUrl, toDataUrl } from '../../core/imageBytes';
import type { Conversation, ImageAttachment } from '../../shared/conversation';
import type { HostMessage, ImageAction, ImageData } from '../../shared/protocol';
import { PendingAttachments } from './attachments';
import { AnswerImages, answerImageUrls, imageHostOf } from './answerImages';
import type { FetchImageOptions } from './imageFetcher';
import type { ChatSession } from '../session/chatSession';
import type { ImageStore } from './imageStore';
import { ImageRefusedError } from './contentImageStore';
import { allowHostQuestion, loadImageQuestion } from './imageTrust';
import type { Dialogs, WorkspaceFiles } from '../dialogs';
import { Emitter } from '../emitter';
import type { Logger } from '../reporting/log';
import { quote } from '../reporting/untrustedText';
import { t } from '../../shared/l10n';

/** What the images tell the view: the presenter posts these as they are. */
export type ImagesChange = Extract<HostMessage, { type: 'imageData' | 'attachments' | 'attachmentError' | 'entryUpdated' }>;

export interface ChatImagesDeps {
  session: Pick<ChatSession, 'conversation' | 'findAnswer' | 'setAnswerImage' | 'onDidChange'>;
  store: ImageStore;
  /** The allow-list as the settings give it now ([] while a setting is bad). */
  allowedHosts(): readonly string[];
  /** The API endpoint's host name (undefined while a setting is bad): its private addresses are allowed. */
  endpointHost(): string | undefined;
  /** The file pickers and the modal questions before an image is loaded or its host trusted. */
  dialogs: Dialogs;
  files: WorkspaceFiles;
  /** The hosts in the user's own `completionsChat.imageHosts` (not the workspace's), and writing it. */
  userImageHosts(): readonly string[];
  setUserImageHosts(hosts: string[]): Thenable<void>;
  copyToClipboard(text: string): Thenable<void>;
  log: Logger;
  /** How images are requested: the platform's connector (see imageFetcher.ts). */
  fetchOptions: Pick<FetchImageOptions, 'request' | 'resolve'> & Partial<Omit<FetchImageOptions, 'signal'>>;
}

export class ChatImages {
  readonly pending: PendingAttachments;
  readonly answers: AnswerImages;
  private readonly changed = new Emitter<ImagesChange>();
  /** Attachments, image bytes and refusals for the view (the presenter posts them). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: ChatImagesDeps) {
    this.pending = new PendingAttachments(deps.store);
    this.answers = new AnswerImages({
      findAnswer: (id) => deps.session.findAnswer(id),
      // Disposing the answer images aborts their fetches and records nothing for them.
      setAnswerImage: (id, url, image) => deps.session.setAnswerImage(id, url, image),
      allowedHosts: deps.allowedHosts,
      endpointHost: deps.endpointHost,
      confirmLoad: async (url) => deps.dialogs.confirm(loadImageQuestion(url)),
      store: deps.store,
      imageReady: (id, dataUrl) => this.changed.fire({ type: 'imageData', images: [{ id, dataUrl }] }),
      log: (message) => deps.log.info(message),
      fetchOptions: deps.fetchOptions,
    });
    // A finished answer's images from allowed hosts are fetched at once.
    this.subscription = deps.session.onDidChange((change) => {
      if (change.type === 'entryUpdated' && change.entry.status !== 'streaming') void this.answers.fetchAllowed(change.entry.id);
    });
  }

  /** The composer's attachments, for the view's state. */
  get attachments(): ImageAttachment[] {
    return [...this.pending.list];
  }

  /** After the view was (re)built: the bytes of every image it shows, and allowed images not yet fetched. */
  async replay(conversation: Conversation): Promise<void> {
    const ids = new Set<string>(this.pending.list.map((image) => image.id));
    for (const entry of conversation.entries) {
      if (entry.role === 'user') entry.images?.forEach((image) => ids.add(image.id));
      else for (const image of Object.values(entry.images ?? {})) if (image.status === 'loaded') ids.add(image.id);
    }
    const images: ImageData[] = [];
    for (const id of ids) {
      const dataUrl = await this.deps.store.dataUrl(id);
      if (dataUrl) images.push({ id, dataUrl });
    }
    if (images.length > 0) this.changed.fire({ type: 'imageData', images });
    await this.fetchAllowedEverywhere(conversation);
  }

  /** The allow-list changed: fetch what it now allows in every answer of the conversation. */
  async fetchAllowedEverywhere(conversation: Conversation = this.deps.session.conversation): Promise<void> {
    await Promise.all(conversation.entries.filter((entry) => entry.role === 'assistant').map((entry) => this.answers.fetchAllowed(entry.id)));
  }

  /** The composer's image button: VS Code's file picker, filtered to images. */
  async pick(): Promise<void> {
    const files = await this.deps.dialogs.showOpenDialog({
      title: t('Completions Chat: Attach Images'),
      openLabel: t('Attach'),
      canSelectMany: true,
      filters: { Images: ['png', 'jpg', 'jpeg', 'gif', 'webp'] },
    });
    for (const file of files ?? []) {
      const name = file.path.split('/').pop() ?? 'image';
      let bytes: Uint8Array;
      try {
        bytes = await this.deps.files.read(file);
      } catch (error) {
        this.refused(t('{0} could not be read: {1}', name, error instanceof Error ? error.message : String(error)));
        continue;
      }
      await this.attachBytes(bytes, name);
    }
  }

  /** A pasted or dropped file; its declared type is ignored, the bytes decide. */
  async attachDataUrl(name: string, dataUrl: string): Promise<void> {
    const bytes = bytesOfDataUrl(dataUrl);
    if (!bytes) return this.refused(t('{0} was not attached: it is not image data.', name));
    await this.attachBytes(bytes, name);
  }

  /**
   * An image file attached from the Explorer (a drop, the context command, the paperclip's
   * picker): judged and limited as a pasted one. The refusal is returned for the caller to tell
   * where the file came from, not posted here.
   */
  async attachImageFile(bytes: Uint8Array, name: string): Promise<string | undefined> {
    try {
      await this.attachChecked(bytes, name);
      return undefined;
    } catch (error) {
      if (!(error instanceof ImageRefusedError)) throw error;
      this.deps.log.info(error.message);
      return error.message;
    }
  }

  remove(id: string): void {
    if (this.pending.remove(id)) this.postAttachments();
  }

  /** Hands the attachments to the question being sent; the composer shows none after. */
  take(): ImageAttachment[] {
    const taken = this.pending.take();
    if (taken.length > 0) this.postAttachments();
    return taken;
  }

  /** Puts attachments back when a send did not happen. */
  restore(images: readonly ImageAttachment[]): void {
    if (images.length === 0) return;
    this.pending.restore(images);
    this.postAttachments();
  }

  async load(entryId: string, url: string): Promise<void> {
    await this.answers.fetchClicked(entryId, url);
    this.giveBackButtons(entryId, url);
  }

  /**
   * The view disables a placeholder's button on a click; when nothing came of it (the user said
   * no in the dialog), the entry is sent again so the view re-enables it.
   */
  private giveBackButtons(entryId: string, url: string): void {
    const answer = this.deps.session.findAnswer(entryId);
    if (answer && answer.images?.[url] === undefined) this.changed.fire({ type: 'entryUpdated', entry: answer });
  }

  /**
   * "Always load images from <host>": after the user confirms, naming the exact host, adds it to
   * the user's allow-list. The panel's button is only a request; the setting is written after
   * the yes.
   */
  async allowHost(entryId: string, url: string): Promise<void> {
    const answer = this.deps.session.findAnswer(entryId);
    const host = imageHostOf(url);
    if (!answer || !host || !answerImageUrls(answer).includes(url)) return;
    const current = this.deps.userImageHosts();
    if (!current.includes(host)) {
      if (!(await this.deps.dialogs.confirm(allowHostQuestion(host)))) return this.giveBackButtons(entryId, url);
      await this.deps.setUserImageHosts([...current, host]);
      this.deps.log.info(`Images from ${quote(host)} are now loaded without a click (completionsChat.imageHosts).`);
    }
    // The setting takes effect through the settings watcher too; fetching here makes it immediate.
    await this.fetchAllowedEverywhere();
  }

  async imageAction(action: ImageAction, entryId: string, url: string): Promise<void> {
    const image = this.deps.session.findAnswer(entryId)?.images?.[url];
    if (!image || image.status !== 'loaded') return;
    if (action === 'copyLink') {
      await this.deps.copyToClipboard(url);
      return;
    }
    const bytes = await this.deps.store.get(image.id);
    if (!bytes) {
      this.deps.dialogs.warn(t('Completions Chat: this image is no longer stored; load it again to save it.'));
      return;
    }
    const { dialogs, files } = this.deps;
    const target = await dialogs.showSaveDialog({ title: t('Completions Chat: Save Image to Workspace'), saveLabel: t('Save Image'), defaultUri: files.suggest(image.name) });
    if (!target) return;
    await files.write(target, bytes);
    dialogs.info(t('Image saved to {0}.', quote(files.describe(target))));
  }

  dispose(): void {
    this.answers.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async attachChecked(bytes: Uint8Array, name: string): Promise<void> {
    const attachment = await this.pending.add(bytes, name);
    // The bytes are in hand and checked: no need to read them back from the store.
    this.changed.fire({ type: 'imageData', images: [{ id: attachment.id, dataUrl: toDataUrl(bytes, attachment.mimeType) }] });
    this.postAttachments();
  }

  private async attachBytes(bytes: Uint8Array, name: string): Promise<void> {
    try {
      await this.attachChecked(bytes, name);
    } catch (error) {
      if (!(error instanceof ImageRefusedError)) throw error;
      this.refused(error.message);
    }
  }

  private refused(message: string): void {
    this.deps.log.info(message);
    this.changed.fire({ type: 'attachmentError', message });
  }

  private postAttachments(): void {
    this.changed.fire({ type: 'attachments', attachments: this.attachments });
  }
}
