// Puts the saving pieces together for one storage folder (the workspace's, or the global one
// when no folder is open): the conversation files, the images beside them, the move from
// workspaceState, and the sweep of images nothing refers to. Free of `vscode` (it is given
// folders and a memento), so the whole of it is unit-tested against a real temp folder.

import { join } from 'node:path';
import type { Conversation } from '../../shared/conversation';
import { ConversationLibrary } from './conversationLibrary';
import { migrateFromMemento, type Memento } from './conversationMigration';
import { ConversationStore, type Timers } from './conversationStore';
import { NodeFileStore } from './fileStore';
import { ImageStore } from '../images/imageStore';

/** Beside `conversations/`; not `images/`, the folder earlier versions shared across workspaces. */
export const IMAGES_FOLDER = 'conversation-images';

export interface ConversationStorageDeps {
  /** The extension's storage folder for this workspace (or the global one). */
  folder: string;
  /** Where versions up to 0.1.0 kept image bytes (one folder for every workspace). */
  legacyImagesFolder?: string;
  memento: Memento;
  /** Images the user attached but has not sent yet: no conversation holds them, they stay. */
  attachedImages(): Iterable<string>;
  notice(message: string): void;
  log(message: string): void;
  now?(): number;
  /** The Undo window's clock (tests move it by hand). */
  timers?: Timers;
}

/** The Undo window's clock: never keeps the extension host (or a test run) alive on its own. */
const undoTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms).unref(),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ConversationStorage {
  conversations: ConversationStore;
  /** Every saved conversation: list, rename, pin, delete with Undo. */
  library: ConversationLibrary;
  images: ImageStore;
  /** The conversation to show: the current saved one, or the one moved from workspaceState. */
  saved: Conversation | undefined;
  /** Deletes stored images no conversation (saved, being written, deleted with Undo offered, or attached) refers to. */
  sweepImages(): Promise<number>;
}

export async function openConversationStorage(deps: ConversationStorageDeps): Promise<ConversationStorage> {
  const images = new ImageStore(join(deps.folder, IMAGES_FOLDER), deps.now);
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
  const conversations: ConversationStore = new ConversationStore(new NodeFileStore(deps.folder), {
    notice: deps.notice,
    log: deps.log,
    // A conversation deleted for good: the images only it referred to go too.
    onDeleted: () => void sweepImages(),
  });
  const library = new ConversationLibrary(conversations, { timers: deps.timers ?? undoTimers });
  const opened = await conversations.open();
  const legacyImages = deps.legacyImagesFolder;
  const migrated = await migrateFromMemento({
    memento: deps.memento,
    store: conversations,
    copyImages: legacyImages ? (ids) => images.copyFrom(legacyImages, ids) : undefined,
    notice: deps.notice,
    log: deps.log,
  });
  return { conversations, library, images, saved: opened ?? migrated, sweepImages };
}
