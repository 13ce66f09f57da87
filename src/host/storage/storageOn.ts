// Puts the saving pieces together on given files (Node's fs on the desktop, `vscode.workspace.fs`
// in the web build): the conversation files, the images beside them, the move from
// workspaceState, and the sweep of images nothing refers to. Free of Node and `vscode`.

import type { Conversation } from '../../shared/conversation';
import type { ContentImageStore } from '../images/contentImageStore';
import { migrateFromMemento, type Memento } from './conversationMigration';
import { ConversationLibrary } from './conversationLibrary';
import { ConversationStore, type Timers } from './conversationStore';
import type { FileStore } from './fileStoreContract';

/** Beside `conversations/`; not `images/`, the folder earlier versions shared across workspaces. */
export const IMAGES_FOLDER = 'conversation-images';

/** What the storage needs whatever its files are. */
export interface StorageDeps {
  memento: Memento;
  /** Images the user attached but has not sent yet: no conversation holds them, they stay. */
  attachedImages(): Iterable<string>;
  notice(message: string): void;
  log(message: string): void;
  now?(): number;
  /** The Undo window's clock (tests move it by hand). */
  timers?: Timers;
}

/** The Undo window's clock: never keeps the extension host (or a test run) alive on its own (Node's unref; a browser has none). */
const undoTimers: Timers = {
  set: (callback, ms) => {
    const handle: unknown = setTimeout(callback, ms);
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The files themselves: the store's root (the storage folder) and the image store beside it. */
export interface StorageFiles {
  files: FileStore;
  images: ContentImageStore;
  /** Where versions up to 0.1.0 kept image bytes, when this platform can read it. */
  legacyImagesFolder?: string;
}

export interface ConversationStorage {
  conversations: ConversationStore;
  /** Every saved conversation: list, rename, pin, delete with Undo. */
  library: ConversationLibrary;
  images: ContentImageStore;
  /** The conversation to show: the current saved one, or the one moved from workspaceState. */
  saved: Conversation | undefined;
  /** Deletes stored images no conversation (saved, being written, deleted with Undo offered, or attached) refers to. */
  sweepImages(): Promise<number>;
}

export async function openStorageOn({ files, images, legacyImagesFolder }: StorageFiles, deps: StorageDeps): Promise<ConversationStorage> {
  const sweepImages = (): Promise<number> =>
    images
      .deleteUnreferenced(async () => {
        const inUse = await conversations.imageReferences(library.pendingPaths());
        for (const id of deps.attachedImages()) inUse.add(id);
        return inUse;
      })
      .then(
        (count) => {
          if (count > 0) deps.log(`Deleted ${count} stored image(s) no conversation refers to.`);
          return count;
        },
        () => {
          deps.log('Deleting unused stored images failed.');
          return 0;
        },
      );
  const conversations: ConversationStore = new ConversationStore(files, {
    notice: deps.notice,
    log: deps.log,
    // A conversation deleted for good: the images only it referred to go too.
    onDeleted: () => void sweepImages(),
    now: deps.now,
  });
  const library = new ConversationLibrary(conversations, { timers: deps.timers ?? undoTimers, now: deps.now });
  const opened = await conversations.open();
  // A delete's Undo cut short by a reload is offered again for the rest of its window.
  await library.recoverDeleted();
  const migrated = await migrateFromMemento({
    memento: deps.memento,
    store: conversations,
    copyImages: legacyImagesFolder ? (ids) => images.copyFrom(legacyImagesFolder, ids) : undefined,
    notice: deps.notice,
    log: deps.log,
  });
  return { conversations, library, images, saved: opened ?? migrated, sweepImages };
}
