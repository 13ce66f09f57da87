// Every runtime string (vscode.l10n.t in the host, t(…) in core, shared and the panel) has a
// Simplified Chinese entry in l10n/bundle.l10n.zh-cn.json with the same placeholders, and the
// bundle holds no entry nothing uses. A failure lists the missing entries as JSON lines to paste
// into the bundle and translate.
import assert from 'node:assert/strict';
import { extractStrings, placeholders } from './runtimeStrings';
import { readJson, repositoryRoot } from './manifestText';

const manifest = readJson<{ l10n?: string }>('package.json');
const chinese = readJson<Record<string, string>>('l10n/bundle.l10n.zh-cn.json');
const { strings, dynamic } = extractStrings(repositoryRoot);
const used = new Set(strings.map((found) => found.key));

describe('runtime localization', () => {
  it('points the manifest at the l10n folder', () => {
    assert.equal(manifest.l10n, './l10n');
  });

  it('finds the strings (the extraction works)', () => {
    assert.ok(strings.length > 100, `only ${strings.length} strings found`);
    assert.ok(used.has('just now'), 'the panel\'s history times are found');
  });

  it('passes every message as one literal, so it can be found and translated', () => {
    assert.deepEqual(dynamic, [], `calls without a literal message:\n${dynamic.join('\n')}`);
  });

  it('has a Simplified Chinese entry for every string', () => {
    const missing = [...used].filter((key) => !Object.hasOwn(chinese, key));
    const lines = missing.map((key) => `  ${JSON.stringify(key)}: "", // ${strings.find((found) => found.key === key)!.where}`);
    assert.equal(missing.length, 0, `${missing.length} string(s) missing from l10n/bundle.l10n.zh-cn.json:\n${lines.join('\n')}`);
  });

  it('has no entry that nothing uses', () => {
    const stale = Object.keys(chinese).filter((key) => !used.has(key));
    assert.deepEqual(stale, [], `stale entries in l10n/bundle.l10n.zh-cn.json (the English text changed or went):\n${stale.join('\n')}`);
  });

  it('keeps every placeholder in the translation, and translates', () => {
    for (const [key, text] of Object.entries(chinese)) {
      assert.deepEqual(placeholders(text), placeholders(key), `placeholders of ${JSON.stringify(key)}`);
      assert.notEqual(text.trim(), '', `empty translation of ${JSON.stringify(key)}`);
    }
  });
});
