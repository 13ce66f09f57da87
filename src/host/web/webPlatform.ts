// The web worker extension host (vscode.dev, github.dev, code-server's web worker host): no Node
// fs, so conversations and their images are stored with `vscode.workspace.fs` in the extension's
// storage folder (a `vscode-userdata:` URI in the browser), with the same temporary-file-and-rename
// writes as on the desktop. Nothing is moved in from versions up to 0.1.0: those never ran here.

import * as vscode from 'vscode';
import { ContentImageStore } from '../images/contentImageStore';
import { headersOnlyNetwork } from '../network/customHeadersCommand';
import type { HostPlatform } from '../platform';
import { IMAGES_FOLDER, openStorageOn } from '../storage/storageOn';
import { WorkspaceFileStore } from '../storage/workspaceFileStore';

export const webPlatform: HostPlatform = {
  kind: 'web',
  async openStorage(context, deps) {
    const root = context.storageUri ?? context.globalStorageUri;
    const files = new WorkspaceFileStore<vscode.Uri>({ fs: vscode.workspace.fs, root, join: (base, ...parts) => vscode.Uri.joinPath(base, ...parts) });
    const images = new ContentImageStore(files.imageFiles(IMAGES_FOLDER), deps.now);
    return { storage: await openStorageOn({ files, images }, deps), folder: root.toString() };
  },
  createNetwork: headersOnlyNetwork,
};
