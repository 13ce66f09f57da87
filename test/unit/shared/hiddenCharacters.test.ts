import assert from 'node:assert/strict';
import { codePointLabel, findHiddenCharacters, hasDeceptiveCharacters, insertWarning } from '../../../src/shared/hiddenCharacters';

const bidi = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
const tag = (letter: string): string => String.fromCodePoint(0xe0000 + letter.charCodeAt(0));

describe('hidden characters', () => {
  it('finds every bidi control, with its offset', () => {
    for (const char of bidi) {
      const found = findHiddenCharacters(`a${char}b`);
      assert.deepEqual(found.map(({ index, kind }) => ({ index, kind })), [{ index: 1, kind: 'bidi' }], codePointLabel(char.codePointAt(0)!));
      assert.equal(hasDeceptiveCharacters(`x${char}`), true);
    }
  });

  it('finds tag characters (outside the BMP) and zero-width ones', () => {
    const hiddenText = `run${tag('r')}${tag('m')}`;
    assert.deepEqual(findHiddenCharacters(hiddenText).map(({ index, length, kind }) => ({ index, length, kind })), [
      { index: 3, length: 2, kind: 'tag' },
      { index: 5, length: 2, kind: 'tag' },
    ]);
    assert.deepEqual(findHiddenCharacters('a\u200bb\ufeff').map((found) => found.kind), ['invisible', 'invisible']);
    assert.equal(hasDeceptiveCharacters('a\u200bb'), false, 'zero-width alone does not warrant an insert warning');
    assert.equal(hasDeceptiveCharacters(String.fromCodePoint(0xe0001)), true);
    assert.equal(hasDeceptiveCharacters(String.fromCodePoint(0xe007f)), true);
  });

  it('leaves ordinary text, emoji sequences and subdivision flags alone', () => {
    const england = `\u{1f3f4}${tag('g')}${tag('b')}${tag('e')}${tag('n')}${tag('g')}\u{e007f}`;
    for (const text of ['plain ascii', 'مرحبا بالعالم', 'שלום', '👨\u200d👩\u200d👧', 'می\u200cخواهم', england, '']) {
      assert.deepEqual(findHiddenCharacters(text), [], JSON.stringify(text));
    }
    // A tag run that is not a flag's is still reported, even right after the black flag.
    assert.equal(findHiddenCharacters(`\u{1f3f4}${tag('x')}`).length, 1);
  });

  it('labels code points as U+XXXX', () => {
    assert.equal(codePointLabel(0x202e), 'U+202E');
    assert.equal(codePointLabel(0xe0041), 'U+E0041');
    assert.equal(codePointLabel(0x61c), 'U+061C');
  });

  it('warns before inserting bidi or tag characters, in plain words without the code', () => {
    assert.equal(insertWarning('const a = 1;'), undefined);
    assert.equal(insertWarning('zero\u200bwidth'), undefined);
    const code = `if (isAdmin) {\u202e } \u2066// check later\u2069 {${tag('x')}[link](command:evil)`;
    const warning = insertWarning(code)!;
    assert.ok(warning);
    assert.match(warning.detail, /3 bidirectional text controls and 1 Unicode tag character/);
    for (const text of [warning.message, warning.detail]) {
      assert.doesNotMatch(text, /isAdmin|command:|\[|\]\(/);
      assert.equal(findHiddenCharacters(text).length, 0);
    }
  });
});
