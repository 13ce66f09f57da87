// Activation registers commands under the ids in contributionIds.ts (the small bundle cannot
// read them from the manifest without a file read): they must be exactly the manifest's. So
// must the settings, the view and the context key the menus test; and no other source file
// spells one of these ids.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSWERING_CONTEXT_KEY, CHAT_VIEW_ID, HISTORY_CONTEXT_KEY, COMMAND_IDS, COMMANDS, SETTING_IDS, SETTINGS_SECTION } from '../../../src/host/contributionIds';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, unknown> };
    menus: Record<string, { when?: string }[]>;
    keybindings?: { when?: string }[];
  };
  activationEvents?: string[];
}

const root = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

describe('contribution ids', () => {
  it('are the commands package.json contributes, each once', () => {
    assert.deepEqual([...COMMAND_IDS].sort(), manifest.contributes.commands.map((entry) => entry.command).sort());
    assert.deepEqual(Object.values(COMMANDS), COMMAND_IDS);
  });

  it('name the view package.json contributes', () => {
    assert.deepEqual(Object.values(manifest.contributes.views).flat().map((view) => view.id), [CHAT_VIEW_ID]);
  });

  it('are the settings package.json contributes, each under its key in the section', () => {
    assert.deepEqual(Object.values(SETTING_IDS).sort(), Object.keys(manifest.contributes.configuration.properties).sort());
    for (const [key, id] of Object.entries(SETTING_IDS)) assert.equal(id, `${SETTINGS_SECTION}.${key}`);
  });

  it('name the context key the menus and keybindings test', () => {
    const whens = [...Object.values(manifest.contributes.menus).flat(), ...(manifest.contributes.keybindings ?? [])].map((entry) => entry.when ?? '');
    const keys = new Set(whens.flatMap((when) => when.match(/\bcompletionsChat\.\w+/g) ?? []).filter((key) => key !== CHAT_VIEW_ID));
    assert.deepEqual([...keys], [ANSWERING_CONTEXT_KEY, HISTORY_CONTEXT_KEY]);
  });

  it('are spelled only in contributionIds.ts among the host sources and extension.ts', () => {
    const ids = [CHAT_VIEW_ID, ANSWERING_CONTEXT_KEY, HISTORY_CONTEXT_KEY, ...COMMAND_IDS, ...Object.values(SETTING_IDS)];
    const files = ['src/extension.ts', ...readdirSync(join(root, 'src/host'), { recursive: true }).map((name) => `src/host/${String(name)}`)]
      .filter((file) => file.endsWith('.ts') && !file.endsWith('contributionIds.ts'));
    const found = files.flatMap((file) => {
      // Comments may name a setting; code uses the constants.
      const text = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      return ids.filter((id) => new RegExp(`['"\`]${id.replace('.', '\\.')}['"\`]`).test(text)).map((id) => `${file}: ${id}`);
    });
    assert.deepEqual(found, []);
  });

  it('leave activation to the contributions: no startup or * activation event', () => {
    const events = manifest.activationEvents ?? [];
    assert.deepEqual(events.filter((event) => event === '*' || event.startsWith('onStartup')), []);
  });
});
