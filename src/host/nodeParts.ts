// The Node pieces of the desktop, and only those: files and image bytes with Node's fs, the
// network bundle's loader, CA files, the environment, answers' images over Node's http and DNS.
// They go into the desktop's own small bundle (chatMain.ts → dist/chat.js) and are handed to the
// shared chat (nodePlatform.ts). Nothing here is a class anyone checks with `instanceof`, and
// nothing here may import the shared chat's modules: they would exist twice.

import { join } from 'node:path';
import { nodeImageConnector, nodeImageRequest } from './images/imageRequest';
import { NodeImageFiles } from './images/nodeImageFiles';
import { certificatesFor } from './network/caCertificates';
import type { NetworkModule } from './network/requestNetwork';
import type { NodeParts } from './nodePlatform';
import { NodeFileStore } from './storage/fileStore';

export const nodeParts: NodeParts = {
  files: (folder) => new NodeFileStore(folder),
  imageFiles: (folder) => new NodeImageFiles(folder),
  network: {
    // Beside this bundle in dist/, its own bundle (esbuild.mjs); a path esbuild leaves alone.
    load: () => require(join(__dirname, 'network.js')) as NetworkModule,
    certificates: certificatesFor,
    env: () => process.env,
    directImageRequest: nodeImageRequest,
  },
  imageConnector: nodeImageConnector,
};
