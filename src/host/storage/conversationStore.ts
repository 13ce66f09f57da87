// Keeps conversations as files in the extension's storage folder, written by the extension
// host itself. The workspaceState memento it replaces lives on the client in code-server (the
// browser's storage): a browser reload lost whatever the host had saved a moment before.
//
// Saving is cheap to ask for and bounded in cost: `save()` only remembers the live
// conversation and when to write it. A write serializes it once, then and there, so an
// answer streaming thousands of deltas costs one serialization per throttled write (at most
// one per THROTTLE_MS), never one copy per delta. Urgent changes (a question, the end of an
// answer) are written at once.

import type { Conversation } from '../../shared/conversation';
import {
  CONVERSATIONS_FOLDER,
  INDEX_PATH,
  SCHEMA_VERSION,
  conversationPath,
  imageIdsOf,
  indexEntryOf,
  parseConversationFile,
  parseIndex,
  serializeConversation,
  serializeIndex,
  type ConversationIndex,
} from './conversationFiles';
import type { FileStore } from './fileStore';
import { readOrSetAside, rebuildIndex, removeStaleTemps, setAside, type Recovery } from './storeRecovery';

/** A streaming answer is written at most this often, so a reload loses under a second of it. */
export const THROTTLE_MS = 500;

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
  /** After the current conversation was replaced by another one and its file deleted. */
  onReplaced?(): void;
  /** Turns the conversation into its file's text (the file format's own by default). */
  serialize?(conversation: Conversation): string;
}

export class ConversationStore {
  private latest: Conversation | undefined;
  private index: ConversationIndex = { schema: SCHEMA_VERSION, conversations: [] };
  /** The conversation whose file is the index's current one on disk. */
  private writtenId: string | undefined;
  private lastText: string | undefined;
  private lastIndexText: string | undefined;
  /** Change counters: asked for, last write started for, last written. */
  private changes = 0;
  private startedFor = 0;
  private savedFor = 0;
  private writing: Promise<void> | undefined;
  private timer: unknown;
  private urgent = false;
  private failureReported = false;
  private readonly throttleMs: number;
  private readonly timers: Timers;
  private readonly recovery: Recovery;

  constructor(
    private readonly files: FileStore,
    private readonly options: ConversationStoreOptions = {},
  ) {
    this.throttleMs = options.throttleMs ?? THROTTLE_MS;
    this.timers = options.timers ?? realTimers;
    this.recovery = { files, notice: options.notice, log: options.log };
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
    await removeStaleTemps(this.files);
    const indexText = await readOrSetAside(this.recovery, INDEX_PATH);
    let index = indexText === undefined ? undefined : parseIndex(indexText);
    if (indexText !== undefined && !index) {
      await setAside(this.recovery, INDEX_PATH, 'The list of saved conversations could not be read');
    }
    if (!index) index = await rebuildIndex(this.recovery);
    else this.lastIndexText = indexText;
    this.index = index;
    const id = index.current;
    if (!id) return undefined;
    const path = conversationPath(id);
    const text = await readOrSetAside(this.recovery, path);
    const conversation = text === undefined ? undefined : parseConversationFile(text);
    if (text !== undefined && conversation?.id !== id) {
      await setAside(this.recovery, path, 'The saved conversation could not be read');
    }
    if (conversation?.id !== id) {
      this.index = { ...index, current: undefined, conversations: index.conversations.filter((entry) => entry.id !== id) };
      this.lastIndexText = undefined;
      return undefined;
    }
    this.writtenId = id;
    this.lastText = text;
    return conversation;
  }

  /**
   * Asks for `conversation` (the live object, not a copy) to be written: at once when
   * `urgent`, else within THROTTLE_MS. Later changes to the object are written too.
   */
  save(conversation: Conversation, urgent = false): void {
    this.latest = conversation;
    this.changes++;
    if (urgent) {
      this.urgent = true;
      if (!this.writing) this.startWrite();
    } else if (this.timer === undefined && !this.writing) {
      this.timer = this.timers.set(() => this.startWrite(), this.throttleMs);
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
    while (this.writing) await this.writing;
  }

  /** `flush`, but never waits longer than `ms` (a full disk must not hang a question or shutdown). */
  async flushWithin(ms: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
      timer.unref?.();
    });
    try {
      return await Promise.race([this.flush().catch(() => false), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The current conversation as last written to disk (parsed from the written text). */
  load(): Conversation | undefined {
    return this.lastText === undefined ? undefined : parseConversationFile(this.lastText);
  }

  /**
   * The stored images every saved conversation refers to, and the live one (which may not
   * be written yet): what the image store must keep.
   */
  async imageReferences(): Promise<Set<string>> {
    const ids = new Set<string>();
    if (this.latest) imageIdsOf(this.latest, ids);
    for (const entry of this.index.conversations) {
      if (entry.id === this.latest?.id) continue;
      const text = await this.files.read(conversationPath(entry.id)).catch(() => undefined);
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
    const text = (this.options.serialize ?? serializeConversation)(conversation);
    const entry = indexEntryOf(conversation);
    let failed = false;
    this.writing = this.write(conversation.id, text, entry)
      .then(
        () => {
          this.savedFor = Math.max(this.savedFor, changeCount);
          this.failureReported = false;
        },
        (error: unknown) => {
          failed = true;
          this.reportFailure(error);
        },
      )
      .finally(() => {
        this.writing = undefined;
        if (this.savedFor >= this.changes) return;
        // Changes made during the write: at once when one was urgent, else on the throttle's
        // clock; a failed write is tried again on the clock too, never in a tight loop.
        if (this.urgent && !failed) this.startWrite();
        else if (this.timer === undefined) this.timer = this.timers.set(() => this.startWrite(), this.throttleMs);
      });
  }

  private async write(id: string, text: string, entry: ReturnType<typeof indexEntryOf>): Promise<void> {
    const previous = this.writtenId;
    await this.files.write(conversationPath(id), text);
    // Written after the conversation, so the index never names a file that is not there.
    const others = this.index.conversations.filter((other) => other.id !== id && other.id !== previous);
    const index: ConversationIndex = { schema: SCHEMA_VERSION, current: id, conversations: [entry, ...others] };
    const indexText = serializeIndex(index);
    if (indexText !== this.lastIndexText) await this.files.write(INDEX_PATH, indexText);
    this.index = index;
    this.lastIndexText = indexText;
    this.writtenId = id;
    this.lastText = text;
    if (previous !== undefined && previous !== id) {
      // Starting over replaces the conversation (no history yet): its file goes, then its images.
      await this.files.remove(conversationPath(previous));
      this.options.onReplaced?.();
    }
  }

  private reportFailure(error: unknown): void {
    const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? 'error') : 'error';
    this.options.log?.(`Saving the conversation failed (${code}); trying again.`);
    if (this.failureReported) return;
    this.failureReported = true;
    this.options.notice?.(`Completions Chat could not save the conversation (${code.replace(/[^A-Z0-9_]/gi, '')}). It will keep trying.`);
  }
}
