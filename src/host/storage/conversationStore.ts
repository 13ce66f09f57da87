// Keeps conversations as files in the extension's storage folder, written by the extension
// host itself. The workspaceState memento it replaces lives on the client in code-server (the
// browser's storage): a browser reload lost whatever the host had saved a moment before.
//
// Saving is cheap to ask for and bounded in cost: `save()` only remembers the live
// conversation and when to write it. A write serializes it once, then and there, so an
// answer streaming thousands of deltas costs one serialization per throttled write (at most
// one per THROTTLE_MS, less often for a long conversation), never one copy per delta. Urgent changes (a question, the end of an
// answer) are written at once.
//
// Every conversation is kept (the history): showing another one (New Conversation, opening one
// from the history) keeps the one shown before, and its changes not written yet are written
// first. An empty conversation is not written (New Conversation clicked twice adds nothing to
// the history). Listing, renaming, pinning and deleting are conversationLibrary.ts's.

import type { Conversation } from '../../shared/conversation';
import { Emitter } from '../emitter';
import { withinMs } from '../withinMs';
import { CONVERSATIONS_FOLDER, INDEX_PATH, conversationPath, imageIdsOf, parseConversationFile, parseIndex, serializeConversation, type ConversationFileMeta } from './conversationFiles';
import { ConversationIndexFile } from './conversationIndex';
import type { FileStore } from './fileStore';
import { readOrSetAside, rebuildIndex, removeDeleted, removeOldSetAside, removeStaleTemps, restoreInterruptedRenames, setAside, type Recovery } from './storeRecovery';
import { t } from '../../shared/l10n';

/** A streaming answer is written at most this often, so a reload loses under a second of it. */
export const THROTTLE_MS = 500;
/**
 * ...and a long conversation less often: while text streams, at most about this many characters
 * of file text a second are written. Every throttled write serializes and writes the whole
 * conversation (~15 ms of the extension host per MB), so a 2 MB conversation written every
 * 500 ms would cost a paced answer more than the stream itself; from 500 KB up, the throttle
 * grows with the file instead (2 MB: every 2 s).
 */
export const STREAMED_CHARS_PER_SECOND = 1_000_000;
/** The longest wait between two writes of a streaming answer, however long the conversation. */
export const MAX_THROTTLE_MS = 5_000;

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ConversationStoreOptions {
  throttleMs?: number;
  timers?: Timers;
  /** Plain words for the user (a file set aside, saving failing); never text from a file. */
  notice?(message: string): void;
  log?(message: string): void;
  /** After a conversation's file was deleted for good (its images may be unused now). */
  onDeleted?(): void;
  /** The clock of the Undo window and of files set aside (Date.now by default). */
  now?(): number;
  /** Turns the conversation into its file's text (the file format's own by default). */
  serialize?(conversation: Conversation, meta?: ConversationFileMeta): string;
}

export class ConversationStore {
  private latest: Conversation | undefined;
  /** The saved conversations' list, in memory and on its way to disk. */
  readonly index: ConversationIndexFile;
  /** Conversations shown before `latest` with changes not written yet: written first. */
  private readonly earlier = new Map<string, Conversation>();
  /** The conversation whose file is the index's current one on disk. */
  private writtenId: string | undefined;
  private lastText: string | undefined;
  private readonly saved = new Emitter<Conversation>();
  /** A conversation's file was written (the live object, or what was written for another one). */
  readonly onDidSave = this.saved.event;
  /** Change counters: asked for, last write started for, last written. */
  private changes = 0;
  private startedFor = 0;
  private savedFor = 0;
  private writing: Promise<void> | undefined;
  /** An urgent write waits for the end of the current task (see save). */
  private urgentQueued = false;
  private timer: unknown;
  private urgent = false;
  private failureReported = false;
  private readonly throttleMs: number;
  private readonly timers: Timers;
  private readonly recovery: Recovery;

  constructor(
    readonly files: FileStore,
    readonly options: ConversationStoreOptions = {},
  ) {
    this.throttleMs = options.throttleMs ?? THROTTLE_MS;
    this.timers = options.timers ?? realTimers;
    this.recovery = { files, notice: options.notice, log: options.log };
    this.index = new ConversationIndexFile(files);
  }

  /** The conversation shown (the live object, maybe not written yet). */
  get live(): Conversation | undefined {
    return this.latest;
  }

  /** What conversationLibrary.ts needs to set an unusable file aside. */
  get recoveryOptions(): Recovery {
    return this.recovery;
  }

  /** True once a conversation is current on disk (read by `open` or written since). */
  get hasCurrent(): boolean {
    return this.writtenId !== undefined;
  }

  /**
   * Reads the index and the current conversation. Whatever cannot be read is set aside as
   * `<name>.corrupt-<time>` with a notice, and the store goes on without it: never fatal.
   */
  async open(): Promise<Conversation | undefined> {
    await restoreInterruptedRenames(this.recovery);
    const now = this.options.now?.() ?? Date.now();
    await removeStaleTemps(this.files);
    await removeDeleted(this.files, now);
    await removeOldSetAside(this.files, now);
    const indexText = await readOrSetAside(this.recovery, INDEX_PATH);
    let index = indexText === undefined ? undefined : parseIndex(indexText);
    if (indexText !== undefined && !index) {
      await setAside(this.recovery, INDEX_PATH, t('The list of saved conversations could not be read'));
    }
    this.index.load(index ?? (await rebuildIndex(this.recovery)), index ? indexText : undefined);
    const id = this.index.current;
    if (!id) return undefined;
    const path = conversationPath(id);
    const text = await readOrSetAside(this.recovery, path);
    const conversation = text === undefined ? undefined : parseConversationFile(text);
    if (text !== undefined && conversation?.id !== id) {
      await setAside(this.recovery, path, t('The saved conversation could not be read'));
    }
    if (conversation?.id !== id) {
      this.index.remove(id);
      return undefined;
    }
    this.writtenId = id;
    this.lastText = text;
    return conversation;
  }

  /**
   * Asks for `conversation` (the live object, not a copy) to be written: at once when
   * `urgent` (at the end of the current task), else within THROTTLE_MS (longer for a long conversation: throttleDelay). Later
   * changes to the object are written too.
   */
  save(conversation: Conversation, urgent = false): void {
    // Another conversation is shown now: what the one before had not written yet still is.
    if (this.latest && this.latest.id !== conversation.id && this.savedFor < this.changes) this.earlier.set(this.latest.id, this.latest);
    this.earlier.delete(conversation.id);
    this.latest = conversation;
    this.changes++;
    if (urgent) {
      this.urgent = true;
      if (!this.writing && !this.urgentQueued) {
        // Started once the current task has made its changes: a question and its new answer (or
        // an edit's removal, question and answer) are added together and go in one write, not
        // one each: with a long history every write is megabytes.
        this.urgentQueued = true;
        queueMicrotask(() => {
          this.urgentQueued = false;
          if (!this.writing) this.startWrite();
        });
      }
    } else if (this.timer === undefined && !this.writing) {
      this.timer = this.timers.set(() => this.startWrite(), this.throttleDelay());
    }
  }

  /**
   * Writes what is pending now; resolves true when every change so far is on disk, false
   * when the write failed twice (it is then tried again on the throttle's clock).
   */
  async flush(): Promise<boolean> {
    const target = this.changes;
    for (let attempts = 0; this.savedFor < target && attempts < 2; ) {
      if (this.writing) {
        this.urgent = true;
        const covers = this.startedFor >= target;
        await this.writing;
        if (covers) attempts++;
      } else {
        this.startWrite();
        attempts++;
        await this.writing;
      }
    }
    return this.savedFor >= target;
  }

  /** Resolves when no write is running (starts none): for tests that drive the throttle's clock. */
  async idle(): Promise<void> {
    while (this.writing || this.urgentQueued) await (this.writing ?? Promise.resolve());
  }

  /** `flush`, but never waits longer than `ms` (a full disk must not hang a question or shutdown). */
  flushWithin(ms: number): Promise<boolean> {
    return withinMs(this.flush().catch(() => false), ms, { fallback: false, unref: true });
  }

  /** The current conversation as last written to disk (parsed from the written text). */
  load(): Conversation | undefined {
    return this.lastText === undefined ? undefined : parseConversationFile(this.lastText);
  }

  /**
   * The stored images every saved conversation refers to, and the live one (which may not
   * be written yet): what the image store must keep.
   */
  async imageReferences(extraPaths: readonly string[] = []): Promise<Set<string>> {
    const ids = new Set<string>();
    for (const live of [this.latest, ...this.earlier.values()]) if (live) imageIdsOf(live, ids);
    const paths = this.index.ids().filter((id) => id !== this.latest?.id && !this.earlier.has(id)).map(conversationPath);
    for (const path of [...paths, ...extraPaths]) {
      const text = await this.files.read(path).catch(() => undefined);
      const conversation = text === undefined ? undefined : parseConversationFile(text);
      if (conversation) imageIdsOf(conversation, ids);
    }
    return ids;
  }

  /** Keeps text that could not be used (e.g. an unreadable older save) beside the conversations. */
  async keepAside(name: string, text: string): Promise<void> {
    await this.files.write(`${CONVERSATIONS_FOLDER}/${name}.corrupt-${Date.now()}`, text);
  }

  private startWrite(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    const conversation = this.latest;
    if (this.writing || !conversation || this.savedFor >= this.changes) return;
    this.urgent = false;
    const changeCount = this.changes;
    this.startedFor = changeCount;
    // The one serialization of this write, taken synchronously: a consistent snapshot.
    const text = conversation.entries.length > 0 ? this.fileText(conversation) : undefined;
    const earlier = [...this.earlier.values()].map((other) => ({ conversation: other, text: this.fileText(other) }));
    this.earlier.clear();
    let failed = false;
    this.writing = this.write(conversation, text, earlier)
      .then(
        () => {
          this.savedFor = Math.max(this.savedFor, changeCount);
          this.failureReported = false;
        },
        (error: unknown) => {
          failed = true;
          // Not written: kept for the next try (unless shown again, then it is `latest`).
          for (const other of earlier) if (other.conversation.id !== this.latest?.id) this.earlier.set(other.conversation.id, other.conversation);
          this.reportFailure(error);
        },
      )
      .finally(() => {
        this.writing = undefined;
        if (this.savedFor >= this.changes) return;
        // Changes made during the write: at once when one was urgent, else on the throttle's
        // clock; a failed write is tried again on the clock too, never in a tight loop.
        if (this.urgent && !failed) this.startWrite();
        else if (this.timer === undefined) this.timer = this.timers.set(() => this.startWrite(), this.throttleDelay());
      });
  }

  /** How long a change that is not urgent waits: THROTTLE_MS, longer for a long conversation (see STREAMED_CHARS_PER_SECOND). */
  private throttleDelay(): number {
    const bySize = ((this.lastText?.length ?? 0) / STREAMED_CHARS_PER_SECOND) * 1000;
    return Math.max(this.throttleMs, Math.min(bySize, MAX_THROTTLE_MS));
  }

  /** A conversation's file as it is to be written: with its pin from the index, so a rebuilt index keeps it. */
  fileText(conversation: Conversation): string {
    const serialize = this.options.serialize ?? serializeConversation;
    return serialize(conversation, { pinned: this.index.get(conversation.id)?.pinned === true });
  }

  /**
   * Writes the conversations shown before (if any), then the shown one (`text` undefined: it is
   * empty and not kept), then the index: the index never names a file that is not there.
   */
  private async write(conversation: Conversation, text: string | undefined, earlier: { conversation: Conversation; text: string }[]): Promise<void> {
    for (const other of earlier) {
      await this.files.write(conversationPath(other.conversation.id), other.text);
      this.index.saved(other.conversation, false);
      this.saved.fire(other.conversation);
    }
    if (text === undefined) this.index.clearCurrent();
    else {
      await this.files.write(conversationPath(conversation.id), text);
      this.index.saved(conversation, true);
    }
    await this.index.persist();
    this.writtenId = this.index.current;
    this.lastText = text;
    if (text !== undefined) this.saved.fire(conversation);
  }

  private reportFailure(error: unknown): void {
    const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? 'error') : 'error';
    this.options.log?.(`Saving the conversation failed (${code}); trying again.`);
    if (this.failureReported) return;
    this.failureReported = true;
    this.options.notice?.(t('Completions Chat could not save the conversation ({0}). It will keep trying.', code.replace(/[^A-Z0-9_]/gi, '')));
  }
}
