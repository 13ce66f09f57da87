// Loads dist/chatCore.js (the chat: the same bundle the desktop runs) in the web worker extension
// host. There is no `require` for an extension's own files there (only for 'vscode'), and no Node: the bundle is read (`fetch`
// when the extension is served over http(s), as on vscode.dev and github.dev; otherwise
// `workspace.fs`, e.g. code-server's `vscode-remote:` extension folders) and evaluated as a
// CommonJS module, exactly as the host evaluates an extension's `browser` entry. It is our own
// file from our own install location, never text from elsewhere.

import type * as vscode from 'vscode';
import type * as chatCore from '../chatCore';

export type ChatBundle = typeof chatCore;

/** The part of the `vscode` API the loader needs, besides being handed to the bundle. */
type VsCodeApi = Pick<typeof vscode, 'Uri' | 'workspace'>;

export async function loadChatBundle(extensionUri: vscode.Uri, api: VsCodeApi): Promise<ChatBundle> {
  const uri = api.Uri.joinPath(extensionUri, 'dist', 'chatCore.js');
  const source = await readSource(uri, api);
  const module: { exports: unknown } = { exports: {} };
  const requireVsCode = (id: string): unknown => {
    if (id === 'vscode') return api;
    throw new Error(`dist/chatCore.js asked for '${id}', which the web build does not have`);
  };
  // The host's own way of loading an extension's code (its worker allows it: 'unsafe-eval').
  const evaluate = new Function('module', 'exports', 'require', `${source}\n//# sourceURL=${uri.toString(true)}`) as (
    module: { exports: unknown },
    exports: unknown,
    require: (id: string) => unknown,
  ) => void;
  evaluate(module, module.exports, requireVsCode);
  return module.exports as ChatBundle;
}

async function readSource(uri: vscode.Uri, api: VsCodeApi): Promise<string> {
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`dist/chatCore.js answered HTTP ${response.status}`);
    return response.text();
  }
  return new TextDecoder('utf-8').decode(await api.workspace.fs.readFile(uri));
}
