// Every string VS Code shows from the manifest (commands, settings, views, the walkthrough) is
// in package.nls.json and translated in package.nls.zh-cn.json, and a translation keeps what
// must not change: command links, URLs, code spans and setting names.
import assert from 'node:assert/strict';
import { readJson } from './manifestText';

const manifest = readJson<Record<string, unknown>>('package.json');
const english = readJson<Record<string, string>>('package.nls.json');
const chinese = readJson<Record<string, string>>('package.nls.zh-cn.json');

/** Every string under the given fields, wherever it sits in the manifest. */
function shownStrings(value: unknown, fields: ReadonlySet<string>, into: string[] = [], field = ''): string[] {
  if (typeof value === 'string') {
    if (fields.has(field)) into.push(value);
  } else if (Array.isArray(value)) {
    value.forEach((item) => shownStrings(item, fields, into, field));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) shownStrings(item, fields, into, key);
  }
  return into;
}

const SHOWN_FIELDS = new Set(['displayName', 'description', 'markdownDescription', 'title', 'category', 'name', 'label', 'enumDescriptions', 'markdownEnumDescriptions']);
/** What a translation must carry over unchanged. */
const KEPT = /\(command:[^)]*\)|https?:\/\/[^\s)]+|`[^`]*`|completionsChat\.\w+/g;

describe('manifest localization', () => {
  const contributes = manifest.contributes as Record<string, unknown>;
  const shown = [
    ...shownStrings({ displayName: manifest.displayName, description: manifest.description }, SHOWN_FIELDS),
    ...shownStrings(manifest.capabilities, SHOWN_FIELDS),
    ...shownStrings(contributes, SHOWN_FIELDS),
  ].filter((text) => !text.startsWith('media/'));

  it('shows no manifest text without a key', () => {
    const literal = shown.filter((text) => !/^%[\w.-]+%$/.test(text));
    assert.deepEqual(literal, []);
  });

  it('has every key in English and Simplified Chinese, and no unused key', () => {
    const used = new Set(shown.map((text) => text.slice(1, -1)));
    assert.deepEqual([...used].filter((key) => !(key in english)), []);
    assert.deepEqual(Object.keys(english).filter((key) => !used.has(key)), []);
    assert.deepEqual(Object.keys(english).sort(), Object.keys(chinese).sort());
  });

  it('keeps command links, URLs, code and setting names in the translation', () => {
    for (const [key, text] of Object.entries(english)) {
      const kept = (value: string) => [...value.matchAll(KEPT)].map((match) => match[0]).sort();
      assert.deepEqual(kept(chinese[key]!), kept(text), key);
    }
  });
});
