// The storage on the desktop: the conversation files and the images in one folder (the
// workspace's storage folder, or the global one when no folder is open), with Node's fs, which
// syncs each write to the disk. The web build opens the same storage on `vscode.workspace.fs`
// (host/web/webStorage.ts). Free of `vscode`, so it is unit-tested against a real temp folder.

import { join } from 'node:path';
import { ImageStore } from '../images/imageStore';
import { NodeFileStore } from './fileStore';
import { IMAGES_FOLDER, openStorageOn, type ConversationStorage, type StorageDeps } from './storageOn';

export { IMAGES_FOLDER, type ConversationStorage } from './storageOn';

export interface ConversationStorageDeps extends StorageDeps {
  /** The extension's storage folder for this workspace (or the global one). */
  folder: string;
  /** Where versions up to 0.1.0 kept image bytes (one folder for every workspace). */
  legacyImagesFolder?: string;
}

export function openConversationStorage(deps: ConversationStorageDeps): Promise<ConversationStorage> {
  const files = new NodeFileStore(deps.folder);
  const images = new ImageStore(join(deps.folder, IMAGES_FOLDER), deps.now);
  return openStorageOn({ files, images, legacyImagesFolder: deps.legacyImagesFolder }, deps);
}
