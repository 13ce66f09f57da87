// The desktop extension host: conversations in the storage folder through Node's fs, each write
// synced to the disk (storage/fileStore.ts), and images of versions up to 0.1.0 moved in.

import * as vscode from 'vscode';
import { createVscodeNetwork } from './network/vscodeNetwork';
import type { HostPlatform } from './platform';
import { openConversationStorage } from './storage/conversationStorage';

export const nodePlatform: HostPlatform = {
  kind: 'node',
  async openStorage(context, deps) {
    // Written by this host into its own storage folder: the workspaceState memento lives on the
    // client in code-server, and a browser reload lost what was saved there just before.
    const folder = (context.storageUri ?? context.globalStorageUri).fsPath;
    const legacyImagesFolder = vscode.Uri.joinPath(context.globalStorageUri, 'images').fsPath;
    return { storage: await openConversationStorage({ ...deps, folder, legacyImagesFolder }), folder };
  },
  createNetwork: createVscodeNetwork,
};
