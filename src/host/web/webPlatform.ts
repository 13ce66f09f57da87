// The web worker extension host (vscode.dev, github.dev, code-server's web worker host): no Node
// fs, so conversations and their images are stored with `vscode.workspace.fs` in the extension's
// storage folder (a `vscode-userdata:` URI in the browser), with the same temporary-file-and-rename
// writes as on the desktop. Nothing is moved in from versions up to 0.1.0: those never ran here.

import * as vscode from 'vscode';
import { ContentImageStore } from '../images/contentImageStore';
import type { ImageConnector } from '../images/imageRequester';
import { headersOnlyNetwork } from '../network/customHeadersCommand';
import type { HostPlatform } from '../platform';
import { IMAGES_FOLDER, openStorageOn } from '../storage/storageOn';
import { WorkspaceFileStore } from '../storage/workspaceFileStore';
import { t } from '../../shared/l10n';

/** The message shown in place of an answer's image in the web build (a function: translated when it is said). */
export const webImageRefusal = (): string => t('images in answers are not loaded in VS Code for the Web (it cannot check which address a host name leads to); open the link instead');

/**
 * The desktop fetches an answer's image with Node's http so that it can check, at connect time,
 * every address a host name resolves to (no image from the user's machine or network, DNS
 * rebinding included). A web worker has only `fetch`, which cannot check that; fetching anyway
 * would give up that guard. So answers' images are not fetched here: the user is told why, and
 * the link still opens in the browser. Attached images work as on the desktop (files, not fetches).
 */
const refusingConnector: ImageConnector = {
  request: async () => {
    throw new Error(webImageRefusal());
  },
  resolve: (hostname, _options, callback) => callback(Object.assign(new Error(`${hostname} is not resolved in the web build`), { code: 'ENOTSUP' }), '', 0),
};

export const webPlatform: HostPlatform = {
  kind: 'web',
  async openStorage(context, deps) {
    const root = context.storageUri ?? context.globalStorageUri;
    const files = new WorkspaceFileStore<vscode.Uri>({ fs: vscode.workspace.fs, root, join: (base, ...parts) => vscode.Uri.joinPath(base, ...parts) });
    const images = new ContentImageStore(files.imageFiles(IMAGES_FOLDER), deps.now);
    return { storage: await openStorageOn({ files, images }, deps), folder: root.toString() };
  },
  createNetwork: headersOnlyNetwork,
  imageConnector: refusingConnector,
};
