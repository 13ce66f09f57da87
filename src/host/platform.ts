// What differs between the desktop (Node) extension host and the web worker one, handed to the
// shared part of the chat (chatRuntime.ts → chatServices.ts), one bundle for both (chatCore.ts →
// dist/chatCore.js): the desktop's own bundle (chatMain.ts) builds nodePlatform from its Node
// pieces, the web extension uses webPlatform. Everything else is the same code, the same bundle.

import type * as vscode from 'vscode';
import type { ImageConnector } from './images/imageRequester';
import type { VscodeNetwork } from './network/customHeadersCommand';
import type { SettingError } from './settings/settings';
import type { ConversationStorage, StorageDeps } from './storage/storageOn';

export interface HostPlatform {
  /** 'node' or 'web': for the log only. */
  readonly kind: 'node' | 'web';
  /**
   * Opens this workspace's storage (or the global one without a folder). `folder` names where
   * it is, for the log and the tests: a file system path on the desktop, a URI on the web.
   */
  openStorage(context: vscode.ExtensionContext, deps: StorageDeps): Promise<{ storage: ConversationStorage; folder: string }>;
  /**
   * Custom headers for every request to the endpoint and, on the desktop, the proxy and CA files
   * (issue 12); the browser uses its own network settings. Builds nothing until a request asks.
   */
  createNetwork(secrets: vscode.SecretStorage, report: (problem: SettingError) => void): VscodeNetwork;
  /** Answers' images without a proxy: Node's http and DNS on the desktop, a refusal on the web. */
  readonly imageConnector: ImageConnector;
}
