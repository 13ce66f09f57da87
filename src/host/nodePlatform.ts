// The desktop extension host, built from the Node pieces the desktop's own bundle hands in
// (host/nodeParts.ts): conversations in the storage folder through Node's fs, each write synced
// to the disk, images of versions up to 0.1.0 moved in, the proxy and CA files, answers' images
// over Node's http. This file is free of Node: it is part of dist/chatCore.js, the one bundle of
// the chat the desktop and the web share (so every class checked with `instanceof` exists once).

import * as vscode from 'vscode';
import { ContentImageStore } from './images/contentImageStore';
import type { ImageFiles } from './images/imageFiles';
import type { ImageConnector } from './images/imageRequester';
import { createVscodeNetwork, type NodeNetworkParts } from './network/vscodeNetwork';
import type { HostPlatform } from './platform';
import type { FileStore } from './storage/fileStoreContract';
import { IMAGES_FOLDER, openStorageOn } from './storage/storageOn';

/** What only Node can do, from the desktop's bundle: plain functions and classes of no one's `instanceof`. */
export interface NodeParts {
  /** The storage's files under `folder` (a file system path), each write synced to the disk. */
  files(folder: string): FileStore;
  /** Image bytes in `folder`. */
  imageFiles(folder: string): ImageFiles;
  network: NodeNetworkParts;
  imageConnector: ImageConnector;
}

export function nodePlatform(node: NodeParts): HostPlatform {
  return {
    kind: 'node',
    async openStorage(context, deps) {
      // Written by this host into its own storage folder: the workspaceState memento lives on the
      // client in code-server, and a browser reload lost what was saved there just before.
      const root = context.storageUri ?? context.globalStorageUri;
      const images = new ContentImageStore(node.imageFiles(vscode.Uri.joinPath(root, IMAGES_FOLDER).fsPath), deps.now);
      const legacyImagesFolder = vscode.Uri.joinPath(context.globalStorageUri, 'images').fsPath;
      return { storage: await openStorageOn({ files: node.files(root.fsPath), images, legacyImagesFolder }, deps), folder: root.fsPath };
    },
    createNetwork: (secrets, report) => createVscodeNetwork(node.network, secrets, report),
    imageConnector: node.imageConnector,
  };
}
