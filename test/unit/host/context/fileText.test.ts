// A file's bytes as a question's context: text only (binary refused), language from the name.
import assert from 'node:assert/strict';
import { binaryProblem, fileSizeProblem, isImageName, languageOfName, textOfBytes, wholeFileContext } from '../../../../src/host/context/fileText';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('file text', () => {
  it('reads UTF-8 text, dropping a BOM', () => {
    assert.equal(textOfBytes(new TextEncoder().encode('héllo\n')), 'héllo\n');
    assert.equal(textOfBytes(bytes(0xef, 0xbb, 0xbf, 0x61)), 'a');
  });

  it('refuses binary: a NUL (PNG, a UTF-16 file) or bytes that are not UTF-8', () => {
    assert.equal(textOfBytes(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00)), undefined);
    assert.equal(textOfBytes(bytes(0xff, 0xfe, 0x61, 0x00)), undefined);
    assert.equal(textOfBytes(bytes(0x63, 0x61, 0x66, 0xe9)), undefined, 'Latin-1 é is not sent as a replacement character');
    assert.match(binaryProblem('logo.png'), /^logo\.png was not attached: it is not a text file/);
  });

  it('guesses the language from the name, plaintext when unknown', () => {
    assert.equal(languageOfName('src/a.ts'), 'typescript');
    assert.equal(languageOfName('b/Dockerfile'), 'dockerfile');
    assert.equal(languageOfName('main.go'), 'go');
    assert.equal(languageOfName('README'), 'plaintext');
    assert.equal(languageOfName('.env'), 'plaintext');
    assert.equal(languageOfName('x.a b'), 'plaintext');
  });

  it('quotes the whole file from line 1, a final newline not counted as a line', () => {
    assert.deepEqual(wholeFileContext('a.py', 'python', 'x = 1\ny = 2\n'), { path: 'a.py', languageId: 'python', startLine: 1, endLine: 2, code: 'x = 1\ny = 2', kind: 'file' });
    assert.equal(wholeFileContext('e.txt', 'plaintext', '').endLine, 1);
  });

  it('names the file and the limit when it is too large to read', () => {
    assert.equal(fileSizeProblem('big.json', 100_000), undefined);
    assert.equal(fileSizeProblem('big.json', 2_500_000), 'big.json was not attached: it is 2.5 MB; the limit for a file is 100 KB.');
  });

  it('an image file is known by its name: the image button\'s kinds, any case, not a folder named so', () => {
    for (const name of ['a.png', 'docs/Shot.JPG', 'x.jpeg', 'anim.gif', 'p.webp']) assert.equal(isImageName(name), true, name);
    for (const name of ['icon.svg', 'a.png.txt', '.png', 'png', 'pics.png/readme.md']) assert.equal(isImageName(name), false, name);
  });
});
