import assert from 'node:assert/strict';
import { extractCodeBlocks } from '../../../src/shared/codeBlocks';

describe('extractCodeBlocks', () => {
  it('finds fenced, nested and indented blocks in document order', () => {
    const markdown = [
      'Intro', '', '```ts', 'const a = 1;', '```', '',
      '- item', '', '  ```python title="x"', '  print(1)', '  ```', '',
      '> quote', '>', '>     indented', '',
      '~~~', 'plain $1 $CLIPBOARD', '~~~',
    ].join('\n');
    assert.deepEqual(extractCodeBlocks(markdown), [
      { language: 'ts', code: 'const a = 1;' },
      { language: 'python', code: 'print(1)' },
      { language: '', code: 'indented' },
      { language: '', code: 'plain $1 $CLIPBOARD' },
    ]);
  });

  it('returns nothing for text without code, and keeps an unclosed fence as a block', () => {
    assert.deepEqual(extractCodeBlocks('just `inline` code'), []);
    assert.deepEqual(extractCodeBlocks('```js\nlet x'), [{ language: 'js', code: 'let x' }]);
  });
});
