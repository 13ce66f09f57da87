// Activation registers commands under the ids in contributionIds.ts (the small bundle cannot
// read them from the manifest without a file read): they must be exactly the manifest's.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHAT_VIEW_ID, COMMAND_IDS } from '../../../src/host/contributionIds';

interface Manifest {
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> };
  activationEvents?: string[];
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('contribution ids', () => {
  it('are the commands package.json contributes, each once', () => {
    assert.deepEqual([...COMMAND_IDS].sort(), manifest.contributes.commands.map((entry) => entry.command).sort());
  });

  it('name the view package.json contributes', () => {
    assert.deepEqual(Object.values(manifest.contributes.views).flat().map((view) => view.id), [CHAT_VIEW_ID]);
  });

  it('leave activation to the contributions: no startup or * activation event', () => {
    const events = manifest.activationEvents ?? [];
    assert.deepEqual(events.filter((event) => event === '*' || event.startsWith('onStartup')), []);
  });
});
