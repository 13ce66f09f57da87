// What differs between the desktop (Node) extension host and the web worker one, handed to the
// shared part of the chat (chatRuntime.ts → chatServices.ts) by each build's entry: chatMain.ts
// for Node, web/chatMainWeb.ts for the browser. Everything else is the same code in both.

import type * as vscode from 'vscode';
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
}
