// The image store over a folder with Node's fs (`ContentImageStore` over NodeImageFiles), for
// Node-side code and tests. The extension itself builds the store in the shared chat bundle
// (nodePlatform.ts), over the NodeImageFiles the desktop's bundle hands in.

import { ContentImageStore } from './contentImageStore';
import { NodeImageFiles } from './nodeImageFiles';

export { ImageRefusedError, type StoredImage } from './contentImageStore';
export { NodeImageFiles } from './nodeImageFiles';

export class ImageStore extends ContentImageStore {
  constructor(directory: string, now?: () => number) {
    super(new NodeImageFiles(directory), now);
  }
}
