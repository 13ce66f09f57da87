import assert from 'node:assert/strict';
import { describeRefusedMessage, logLine } from '../../../../src/host/reporting/logText';
import { cut, escapeControls, MAX_QUOTED_VALUE_LENGTH, quote, safeText } from '../../../../src/host/reporting/untrustedText';

/**
 * The workbench's own link parser for notification, dialog and quick input text
 * (`parseLinkedText`, vs/base/common/linkedText.ts), as shipped in code-server 4.100.3's
 * out/vs/code/browser/workbench/workbench.js: whatever it matches becomes a clickable link.
 */
const WORKBENCH_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^\)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

function links(text: string): string[] {
  return [...text.matchAll(WORKBENCH_LINK)].map((match) => match[2]!);
}

const HOSTILE = [
  '[click](command:workbench.action.quit)',
  '[Open Settings](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)',
  '[docs](https://evil.example/phish)',
  '[passwd](file:///etc/passwd)',
  '[t](command:x "a title")',
  // Backslash escapes do not stop the workbench's parser.
  '\\[click\\](command:workbench.action.quit)',
  '[a\\](command:x)',
  '`[x](command:y)`',
  'prefix [ok] (command:not-a-link) [x](HTTPS://EXAMPLE.COM)',
  '[[nested](command:a)]',
];

describe('untrusted text in VS Code UI', () => {
  it('the workbench parser turns every hostile sample into a link (the test would catch them)', () => {
    for (const sample of HOSTILE.filter((text) => !text.startsWith('prefix'))) assert.ok(links(sample).length > 0, sample);
  });

  it('leaves no link the workbench parser can find, in safeText and in quote', () => {
    for (const sample of HOSTILE) {
      assert.deepEqual(links(safeText(sample)), [], sample);
      assert.deepEqual(links(`Completions Chat: the setting is ${quote(sample)}.`), [], sample);
    }
  });

  it('leaves no link in any mix of link syntax (exhaustive over short strings)', () => {
    const alphabet = ['[', ']', '(', ')', 'a', 'command:x', 'https://e', ' ', '\\', '"'];
    let checked = 0;
    const build = (prefix: string, depth: number): void => {
      if (depth === 0) {
        checked++;
        assert.deepEqual(links(safeText(prefix)), [], prefix);
        return;
      }
      for (const part of alphabet) build(prefix + part, depth - 1);
    };
    build('', 5);
    assert.equal(checked, 10 ** 5);
  });

  it('keeps no bracket, parenthesis or backtick, so no `$(icon)` or code span forms either', () => {
    const shown = safeText('$(alert) `code` [x](y)');
    assert.doesNotMatch(shown, /[[\]()`]/);
    assert.equal(shown, '$\uFF08alert\uFF09 \u02CBcode\u02CB \uFF3Bx\uFF3D\uFF08y\uFF09');
  });

  it('escapes C0 and C1 controls, bidi controls and tag characters', () => {
    assert.equal(escapeControls('a\nb\rc\td'), 'a\\nb\\rc\\td');
    assert.equal(escapeControls('\u001b[31mred'), '\\x1b[31mred');
    assert.equal(escapeControls('x\u0085y\u009bz\u007f'), 'x\\x85y\\x9bz\\x7f');
    assert.equal(escapeControls('abc\u202Eevil\u2066'), 'abc\\u{202e}evil\\u{2066}');
    assert.equal(escapeControls('tag\u{E0041}\u{E007F}'), 'tag\\u{e0041}\\u{e007f}');
    assert.equal(escapeControls('plain text, ünïcode ✓ 🙂'), 'plain text, ünïcode ✓ 🙂');
    assert.doesNotMatch(safeText('line one\nline two\u2028three'), /[\n\u2028]/);
  });

  it('cuts long values with an ellipsis, never past the limit, without splitting a character', () => {
    const long = 'x'.repeat(10_000);
    assert.equal(quote(long), `"${'x'.repeat(MAX_QUOTED_VALUE_LENGTH - 1)}…"`);
    assert.equal(safeText('short'), 'short');
    assert.equal(safeText('🙂🙂🙂', 4), '🙂…');
    assert.equal(cut('abcdef', 4), 'abc…');
    // Escapes count against the limit too.
    assert.ok(safeText('\n'.repeat(1_000), 50).length <= 50);
    // A huge value is cut before anything else: no work in proportion to its size.
    assert.equal(safeText(`${'['.repeat(5_000_000)}`, 10), `${'［'.repeat(9)}…`);
  });

  it('shows non-strings as JSON', () => {
    assert.equal(quote(3), '"3"');
    assert.equal(quote({ a: '[x](command:y)' }), '"{"a":"［x］（command:y）"}"');
    assert.equal(quote(undefined), '"undefined"');
  });
});

describe('the log', () => {
  it('escapes control characters in every line, so no line can be forged', () => {
    assert.equal(logLine('Answer failed: bad\n2026-01-01 [error] forged\r\u001b[2K'), 'Answer failed: bad\\n2026-01-01 [error] forged\\r\\x1b[2K');
  });

  it('still redacts secrets', () => {
    assert.doesNotMatch(logLine('key sk-abcdefghijklmnop1234 leaked'), /sk-abcdefghijklmnop1234/);
  });

  it('describes a refused webview message by its type and size, never its payload', () => {
    const refused = { type: 'loadImage', entryId: 42, url: 'https://evil.example/[click](command:workbench.action.quit)\n[error] forged' };
    const description = describeRefusedMessage(refused);
    assert.match(description, /type "loadImage", \d+ characters as JSON/);
    assert.doesNotMatch(description, /evil|forged|command/);
    assert.match(describeRefusedMessage({ type: 'x'.repeat(10_000) }), /^type "x{39}…", 10,011 characters as JSON$/);
    assert.equal(describeRefusedMessage('a string'), 'a string, 10 characters as JSON');
    assert.equal(describeRefusedMessage(null), 'null, 4 characters as JSON');
  });
});
