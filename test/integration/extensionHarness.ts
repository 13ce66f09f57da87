// What every integration suite needs from the extension under test: its test API (returned
// by activate() in test mode only), user settings, and waiting for something to happen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi, TestHooks } from '../../src/extension';

export const EXTENSION_ID = 'completions-chat.completions-chat';
const SECTION = 'completionsChat';

/** Activates the extension and opens its storage (as opening the view would): the test API. */
export async function activateForTests(): Promise<TestApi> {
  const hooks = await activateHooks();
  return hooks.whenReady();
}

/** Activates the extension only: its storage stays closed until something asks for it. */
export async function activateHooks(): Promise<TestHooks> {
  const extension = vscode.extensions.getExtension<TestHooks | undefined>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  const hooks = await extension.activate();
  assert.ok(hooks, 'the extension returns its test hooks only in test mode, and this is test mode');
  return hooks;
}

/**
 * Sets `completionsChat.<key>` in the user settings (undefined removes it) and waits until the
 * extension host reads the new value: in a remote window (code-server) user settings live on
 * the client, and `update()` resolves before the change has come back to this host.
 */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
  const expected = JSON.stringify(value ?? vscode.workspace.getConfiguration(SECTION).inspect(key)?.defaultValue);
  await until(() => JSON.stringify(vscode.workspace.getConfiguration(SECTION).get(key)) === expected, `setting ${SECTION}.${key} to take effect`);
}

/** Default bound: a webview rebuilt or a setting round-tripped through the client on a loaded two-core machine. */
export async function until(condition: () => boolean, what: string, timeoutMs = 25_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Sets the API token the way a user does: runs `completionsChat.setApiToken` and types `token`
 * into the password box it shows (an input box cannot be typed into from here, so the box is
 * answered in its place; the command and the store are the real ones).
 */
export async function enterApiToken(api: TestApi, token: string): Promise<void> {
  let asked: vscode.InputBoxOptions | undefined;
  const answered = api.dialogs.answer({
    showInputBox: async (options) => {
      asked = options;
      return token;
    },
  });
  try {
    await vscode.commands.executeCommand('completionsChat.setApiToken');
  } finally {
    answered.dispose();
  }
  assert.ok(asked?.password, 'the token is asked for in a password box');
}
