// Puts the saving pieces together for one storage folder (the workspace's, or the global one
// when no folder is open): the conversation files, the images beside them, the move from
// workspaceState, and the sweep of images nothing refers to. Free of `vscode` (it is given
// folders and a memento), so the whole of it is unit-tested against a real temp folder.

import { join } from 'node:path';
import type { Conversation } from '../../shared/conversation';
import { migrateFromMemento, type Memento } from './conversationMigration';
import { ConversationStore } from './conversationStore';
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
}

export interface ConversationStorage {
  conversations: ConversationStore;
  images: ImageStore;
  /** The conversation to show: the current saved one, or the one moved from workspaceState. */
  saved: Conversation | undefined;
  /** Deletes stored images no conversation (saved, being written, or attached) refers to. */
  sweepImages(): Promise<number>;
}

export async function openConversationStorage(deps: ConversationStorageDeps): Promise<ConversationStorage> {
  const images = new ImageStore(join(deps.folder, IMAGES_FOLDER), deps.now);
  const sweepImages = (): Promise<number> =>
    images
      .deleteUnreferenced(async () => {
        const inUse = await conversations.imageReferences();
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
    // Starting over replaces the conversation (there is no history yet): its images go too.
    onReplaced: () => void sweepImages(),
  });
  const opened = await conversations.open();
  const legacyImages = deps.legacyImagesFolder;
  const migrated = await migrateFromMemento({
    memento: deps.memento,
    store: conversations,
    copyImages: legacyImages ? (ids) => images.copyFrom(legacyImages, ids) : undefined,
    notice: deps.notice,
    log: deps.log,
  });
  return { conversations, images, saved: opened ?? migrated, sweepImages };
}
