// Our keyboard shortcuts take no key from VS Code's own: each one is checked against the
// workbench's default keybindings (the "Default Keybindings" document, built-in extensions
// included) of the running VS Code, for this platform.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

interface Keybinding {
  key?: string;
  mac?: string;
  linux?: string;
  win?: string;
  command: string;
  when?: string;
}

const EXTENSION_ID = 'completions-chat.completions-chat';
/** A binding scoped to our own view gets the key only while the chat panel has focus. */
const OWN_VIEW_ONLY = /focusedView == completionsChat\.chatView/;

function platformKey(binding: Keybinding): string | undefined {
  const specific = process.platform === 'darwin' ? binding.mac : process.platform === 'win32' ? binding.win : binding.linux;
  return specific ?? binding.key;
}

/** `Ctrl+Alt+I` and `alt+ctrl+i` are the same key: modifiers sorted, lower case, per chord. */
function normalize(key: string): string {
  return key
    .toLowerCase()
    .split(' ')
    .filter(Boolean)
    .map((chord) => {
      const parts = chord.split('+');
      const last = parts.pop()!;
      return [...parts.sort(), last].join('+');
    })
    .join(' ');
}

async function defaultKeybindings(): Promise<Keybinding[]> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
  // JSON with comments: whole-line comments only (the list of unbound commands at the end).
  const json = document.getText().split('\n').filter((line) => !line.trim().startsWith('//')).join('\n');
  if (process.env.COMPLETIONS_CHAT_KEYBINDINGS_DUMP) writeFileSync(process.env.COMPLETIONS_CHAT_KEYBINDINGS_DUMP, json);
  return JSON.parse(json) as Keybinding[];
}

suite('Keybindings', () => {
  test('none of ours takes a key VS Code binds by default', async () => {
    const ours = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes?.keybindings ?? []) as Keybinding[];
    assert.ok(ours.length > 0, 'package.json contributes no keybindings; this test would prove nothing');
    const defaults = (await defaultKeybindings()).filter((binding) => !binding.command.startsWith('completionsChat.') && !binding.command.startsWith('-'));
    assert.ok(defaults.length > 100, `only ${defaults.length} default keybindings read; the document was not the defaults`);
    const taken = new Map<string, string[]>();
    for (const binding of defaults) {
      const key = normalize(binding.key ?? '');
      taken.set(key, [...(taken.get(key) ?? []), binding.command]);
    }
    const clashes = ours
      .filter((binding) => !OWN_VIEW_ONLY.test(binding.when ?? ''))
      .map((binding) => ({ binding, key: normalize(platformKey(binding) ?? '') }))
      .filter(({ key }) => taken.has(key))
      .map(({ binding, key }) => `${binding.command} on ${key} (VS Code binds it to ${taken.get(key)!.join(', ')})`);
    assert.deepEqual(clashes, []);
  });
});
