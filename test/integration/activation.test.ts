// The extension under development loads in a real VS Code, activates, and registers every
// command its manifest promises (a command in package.json without a handler shows the user
// "command not found").
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateHooks, until } from './extensionHarness';

const EXTENSION_ID = 'completions-chat.completions-chat';

interface ManifestCommand {
  command: string;
}

suite('Activation', () => {
  test('the extension is installed under its publisher.name id', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded in this VS Code`);
  });

  // Runs first (files run in name order): nothing has opened the view in this window yet.
  test('activation reads no storage; opening the view opens it and shows the chat', async () => {
    const hooks = await activateHooks();
    assert.equal(hooks.storageRequested, false, 'activate opened the storage folder before the view was opened');
    await vscode.commands.executeCommand('completionsChat.chatView.focus');
    await until(() => hooks.storageRequested, 'the view to ask for the storage');
    const api = await hooks.whenReady();
    await until(() => api.presenter.isReady, 'the chat view to say ready');
  });

  test('the extension activates without throwing', async () => {
    const extension = requireExtension();
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('every command in contributes.commands is registered', async () => {
    const extension = requireExtension();
    await extension.activate();
    const promised = (extension.packageJSON.contributes?.commands ?? []) as ManifestCommand[];
    assert.ok(promised.length > 0, 'package.json contributes no commands; this test would prove nothing');

    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = promised.map((entry) => entry.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `commands declared in package.json but not registered: ${missing.join(', ')}`);
  });
});

function requireExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this VS Code`);
  return extension;
}
