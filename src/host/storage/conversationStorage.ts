// The desktop's storage opened from a folder path with Node's fs (each write synced to the
// disk): the conversation files and the images in one folder. The extension builds the same from
// the Node pieces nodeParts.ts hands to nodePlatform.ts (the shared chat bundle cannot import
// Node's fs); this one is for Node-side callers and the tests, against a real temp folder. The web
// platform opens the same storage on `vscode.workspace.fs` (web/webPlatform.ts).

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
