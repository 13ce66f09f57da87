// The panel ships only the codicons its code names (scripts/codicons.mjs), in a cut-down font.
// A missed one would be a blank square: here the panel is drawn in many states (first run, a
// conversation with code, candidates, a cut answer, errors, a running answer, the history,
// waiting files, an Undo offer) and every icon it shows must have its rule.
import { mountView } from '../webview/mountView';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AssistantEntry, Conversation } from '../../../src/shared/conversation';

interface Codicons {
  codiconCodes(root?: string): Map<string, number>;
  codiconNamesIn(texts: string[], known: Map<string, number>): Set<string>;
  codiconCss(names: Iterable<string>, codes: Map<string, number>): string;
  codiconFont(names: Iterable<string>, codes: Map<string, number>): Promise<Uint8Array>;
  writeCodicons(root?: string): Promise<Set<string>>;
}

function answer(id: string, extra: Partial<AssistantEntry> = {}): AssistantEntry {
  return { id, role: 'assistant', candidates: [{ content: 'See `x`:\n\n```ts\nconst x = 1;\n```\n\n[docs](https://example.com/a)' }], chosen: 0, status: 'done', model: 'm', createdAt: 2, ...extra };
}

const CODE = { path: 'src/a.ts', languageId: 'typescript', startLine: 1, endLine: 2, code: 'let a = 1;\nlet b = 2;' };

const conversation: Conversation = {
  id: 'c1',
  title: 'Icons',
  model: 'm',
  createdAt: 1,
  updatedAt: 1,
  entries: [
    { id: 'q1', role: 'user', text: 'Why?', contexts: [CODE, { ...CODE, path: 'src/b.ts', problems: ['Error (line 1): bad'] }], createdAt: 1 },
    answer('a1', { candidates: [{ content: 'one' }, { content: '```json\n{"a":1}\n```' }], responseFormat: 'json_object' }),
    { id: 'q2', role: 'user', text: 'More', createdAt: 3 },
    answer('a2', { status: 'error', error: { message: 'Bad token', kind: 'auth', status: 401, action: 'setToken' } }),
    { id: 'q3', role: 'user', text: 'Again', createdAt: 4 },
    answer('a3', { status: 'stopped' }),
    { id: 'q4', role: 'user', text: 'Long', createdAt: 5 },
    answer('a4', { candidates: [{ content: 'cut here', finishReason: 'length' }] }),
  ],
};

/** Every `codicon-<name>` class the panel shows now (modifiers aside). */
function iconsShown(root: HTMLElement): Set<string> {
  const names = new Set<string>();
  for (const element of root.querySelectorAll('[class*="codicon-"]')) {
    for (const name of element.classList) if (name.startsWith('codicon-') && !name.startsWith('codicon-modifier-')) names.add(name.slice('codicon-'.length));
  }
  return names;
}

describe('the codicons shipped with the panel', () => {
  let codicons: Codicons;

  before(async () => {
    codicons = (await import(pathToFileURL(resolve('scripts/codicons.mjs')).href)) as Codicons;
  });

  it('gives each icon its glyph from the package, in a font cut down to those glyphs', async () => {
    const codes = codicons.codiconCodes();
    const names = await codicons.writeCodicons();
    const css = readFileSync('dist/codicons/codicon.css', 'utf8');
    const rules = [...css.matchAll(/\.codicon-([a-z0-9-]+):before\{content:"\\([0-9a-f]+)"\}/g)];
    assert.equal(rules.length, names.size);
    for (const [, name, hex] of rules) assert.equal(parseInt(hex!, 16), codes.get(name!), name);
    const font = readFileSync('dist/codicons/codicon.woff2');
    assert.equal(font.subarray(0, 4).toString('latin1'), 'wOF2');
    // The cut is real: more glyphs make a bigger font, and the shipped one is a fraction of the package's.
    const more = await codicons.codiconFont([...names, 'github', 'azure', 'vscode', 'terminal', 'debug'], codes);
    assert.ok(more.byteLength > font.byteLength, `${more.byteLength} vs ${font.byteLength}`);
    assert.ok(font.byteLength * 5 < readFileSync('node_modules/@vscode/codicons/dist/codicon.ttf').byteLength);
  });

  it('finds the names the code mentions: literals, ternaries, class names, aliases; not other words', () => {
    const codes = codicons.codiconCodes();
    const found = codicons.codiconNamesIn([`icon.className = \`codicon codicon-\${busy ? 'debug-stop' : 'send'}\`;`, ".x .codicon-plus {}", "label: 'not-an-icon-name'"], codes);
    assert.deepEqual([...found].sort(), ['debug-stop', 'plus', 'send']);
    assert.equal(codes.get('plus'), codes.get('add'), 'an alias draws its icon');
  });

  it('has a rule for every icon the panel shows, in every state drawn here, and not the whole set', async () => {
    const shipped = await codicons.writeCodicons();
    assert.ok(shipped.size < 150, `${shipped.size} icons: the scan took far more than the panel uses`);
    const css = codicons.codiconCss(shipped, codicons.codiconCodes());

    const { root, send } = mountView();
    const shown = new Set<string>();
    const look = () => iconsShown(root).forEach((name) => shown.add(name));

    send({ type: 'state', state: { conversation: { ...conversation, entries: [] }, hasToken: false, origin: 'https://x', busy: false } });
    look();
    send({ type: 'state', state: { conversation, hasToken: true, origin: 'https://x', busy: false, undo: { id: 'u1', kind: 'edit', turns: 2 } } });
    send({ type: 'contextItems', items: [{ id: 'i1', context: { ...CODE, path: 'src/c.ts', problems: ['Warning (line 2): unused'] } }] });
    look();
    send({ type: 'busy', busy: true, requestId: 'r1' });
    send({ type: 'entryAdded', entry: answer('a5', { status: 'streaming', candidates: [{ content: '' }] }), requestId: 'r1' });
    send({ type: 'retrying', entryId: 'a5', attempt: 1, delayMs: 2000, status: 429 });
    look();
    send({ type: 'history', shown: true, items: [{ id: 'c1', title: 'Icons', updatedAt: 1, pinned: true }, { id: 'c2', title: 'Other', updatedAt: 0, pinned: false }], currentId: 'c1' });
    look();

    assert.ok(shown.size > 15, `only ${shown.size} icons drawn: the states above did not render`);
    const missing = [...shown].filter((name) => !css.includes(`.codicon-${name}:before{`));
    assert.deepEqual(missing, [], 'icons shown without a rule (they would be blank)');
  });
});
