import assert from 'node:assert/strict';
import { extractImageUrls, extractSources } from '../../../src/shared/answerLinks';

describe('answer links', () => {
  const browsingAnswer = [
    'According to [the **Rust** book](https://doc.rust-lang.org/book/ch04-01-what-is-ownership.html "Ownership"),',
    'ownership is checked at compile time ([reference][ref]). See also https://blog.rust-lang.org/2024/ and',
    '[chapter 5](https://doc.rust-lang.org/book/ch05-00-structs.html).',
    '',
    '| Site | Link |', '| --- | --- |', '| MDN | [Web docs](https://developer.mozilla.org/en-US/) |',
    '',
    '- [mail](mailto:someone@example.com) and [js](javascript:alert(1))',
    '',
    '![chart](https://images.example.com/chart.png)',
    '',
    '[ref]: https://doc.rust-lang.org/reference/',
  ].join('\n');

  it('lists each linked site once, in order, with the first link and its text', () => {
    assert.deepEqual(extractSources(browsingAnswer), [
      { host: 'doc.rust-lang.org', url: 'https://doc.rust-lang.org/book/ch04-01-what-is-ownership.html', title: 'the Rust book' },
      { host: 'blog.rust-lang.org', url: 'https://blog.rust-lang.org/2024/', title: 'blog.rust-lang.org' },
      { host: 'developer.mozilla.org', url: 'https://developer.mozilla.org/en-US/', title: 'Web docs' },
    ]);
  });

  it('finds no sources in an answer without web links', () => {
    assert.deepEqual(extractSources('Just text, `https://in.code/x` and\n\n```\nhttps://in.block/y\n```'), []);
  });

  it('finds remote images (not data: ones, not links), each once, as written', () => {
    const answer = '![a](https://img.example.com/a.png) ![b](data:image/png;base64,AAAA)\n\n![a again](https://img.example.com/a.png)\n\n- ![c](http://127.0.0.1:9/c.png "title")\n\n[not an image](https://img.example.com/d.png)';
    assert.deepEqual(extractImageUrls(answer), ['https://img.example.com/a.png', 'http://127.0.0.1:9/c.png']);
  });
});
