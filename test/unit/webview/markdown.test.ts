import './setupDom';
import * as assert from 'node:assert/strict';
import { extractCodeBlocks } from '../../../src/shared/codeBlocks';
import { renderMarkdownInto } from '../../../src/webview/markdown';

function render(markdown: string): HTMLElement {
  const container = document.createElement('div');
  renderMarkdownInto(container, markdown);
  return container;
}

/** Every element and attribute, to look for anything executable. */
function allAttributes(container: Element): { tag: string; name: string; value: string }[] {
  return Array.from(container.querySelectorAll('*')).flatMap((node) =>
    Array.from(node.attributes).map((attribute) => ({ tag: node.tagName.toLowerCase(), name: attribute.name, value: attribute.value })),
  );
}

describe('markdown pipeline', () => {
  it('shows raw HTML from the model as text', () => {
    const container = render('Hello <b>bold</b>\n\n<div class="x">block</div>\n');
    assert.equal(container.querySelector('b'), null);
    assert.equal(container.querySelector('div.x'), null);
    assert.match(container.textContent ?? '', /Hello <b>bold<\/b>/);
    assert.match(container.textContent ?? '', /<div class="x">block<\/div>/);
  });

  it('never lets scripts, event handlers, styles, forms or frames through', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<svg onload=alert(1)></svg>',
      '<iframe src="https://evil.example"></iframe>',
      '<form action="https://evil.example"><input name=a></form>',
      '<p style="color:red">styled</p>',
      '[click](javascript:alert(1))',
      '[click](JaVaScRiPt:alert(1))',
      '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[vb](vbscript:msgbox(1))',
      '<a href="javascript:alert(1)">raw</a>',
      '![x](javascript:alert(1))',
      '![x" onerror="alert(1)](https://example.com/a.png)',
      '```html\n<script>alert(1)</script>\n```',
      '`<img src=x onerror=alert(1)>`',
    ].join('\n\n');
    const container = render(attacks);
    for (const tag of ['script', 'iframe', 'form', 'svg', 'style', 'object', 'embed']) {
      assert.equal(container.querySelector(tag), null, `no <${tag}>`);
    }
    assert.equal(container.querySelector('input:not([type="checkbox"])'), null);
    for (const { tag, name, value } of allAttributes(container)) {
      assert.ok(!name.startsWith('on'), `event handler ${name} on <${tag}>`);
      assert.notEqual(name, 'style', `style attribute on <${tag}>`);
      if (name === 'href' || name === 'src') assert.match(value, /^(https?:|mailto:)/i, `${name}=${value} on <${tag}>`);
    }
    // The neutralised links keep their text, without an href.
    assert.ok(container.querySelectorAll('.link-blocked').length >= 4);
  });

  it('keeps http(s) and mailto links as anchors', () => {
    const container = render('[site](https://example.com/path?q=1) <mailto:me@example.com> and https://auto.example.org');
    const hrefs = Array.from(container.querySelectorAll('a')).map((anchor) => anchor.getAttribute('href'));
    assert.deepEqual(hrefs, ['https://example.com/path?q=1', 'mailto:me@example.com', 'https://auto.example.org/']);
  });

  it('turns remote images into a placeholder naming the host, never an <img> that fetches', () => {
    const container = render('![a chart](https://images.example.com:8443/chart.png "Chart")\n\n![](http://plain.example/x.gif)');
    assert.equal(container.querySelector('img'), null);
    const placeholders = Array.from(container.querySelectorAll('.image-placeholder'));
    assert.equal(placeholders.length, 2);
    assert.match(placeholders[0]!.textContent ?? '', /Image from images\.example\.com:8443 not loaded/);
    assert.match(placeholders[0]!.textContent ?? '', /a chart/);
    assert.match(placeholders[1]!.textContent ?? '', /Image from plain\.example not loaded/);
    assert.equal(placeholders[0]!.getAttribute('role'), 'group');
    assert.equal(placeholders[0]!.getAttribute('data-image-url'), 'https://images.example.com:8443/chart.png');
    const buttons = Array.from(placeholders[0]!.querySelectorAll('button')).map((button) => [button.getAttribute('data-image-action'), button.textContent]);
    assert.deepEqual(buttons, [['load', 'Load image'], ['allowHost', 'Always load images from images.example.com:8443']]);
  });

  it('shows inline data: raster images (the host hands images over that way)', () => {
    const container = render('![dot](data:image/png;base64,iVBORw0KGgo=)\n\n![svg](data:image/svg+xml;base64,PHN2Zz4=)');
    const images = Array.from(container.querySelectorAll('img'));
    assert.equal(images.length, 1);
    assert.equal(images[0]!.getAttribute('src'), 'data:image/png;base64,iVBORw0KGgo=');
  });

  it('numbers code blocks in the same order as extractCodeBlocks', () => {
    const text = [
      '```ts\nconst a = 1;\n```',
      '- item\n\n  ```py\n  print(1)\n  ```\n\n  - nested\n\n    ```sh\n    echo 2\n    ```',
      '> quoted\n>\n> ```json\n> {"a": 1}\n> ```',
      '    indented code',
      'Text with `inline` code.',
      '~~~\nplain\n~~~',
      '1. one\n2. two\n\n   ```go\n   package main\n   ```',
    ].join('\n\n');
    const container = render(text);
    const blocks = Array.from(container.querySelectorAll('.code-block'));
    const expected = extractCodeBlocks(text);
    assert.equal(blocks.length, expected.length);
    blocks.forEach((block, index) => {
      assert.equal(block.getAttribute('data-block'), String(index));
      assert.equal(block.querySelector('code')?.textContent, expected[index]!.code, `block ${index}`);
      assert.equal(block.querySelector('.code-block-language')?.textContent, expected[index]!.language);
    });
  });

  it('highlights known languages and escapes unknown ones', () => {
    const container = render('```typescript\nconst answer: number = 42; // why\n```\n\n```brainfuck\n<+>.<script>\n```');
    const [known, unknown] = Array.from(container.querySelectorAll('pre > code'));
    assert.ok(known!.classList.contains('hljs'));
    assert.ok(known!.classList.contains('language-typescript'));
    assert.ok(known!.querySelector('.hljs-keyword'), 'keywords are marked');
    assert.ok(known!.querySelector('.hljs-comment'), 'comments are marked');
    assert.equal(unknown!.querySelector('span'), null);
    assert.equal(unknown!.textContent, '<+>.<script>');
  });

  it('gives every code block accessible Copy / Insert / Replace / Show Diff / New File buttons', () => {
    const container = render('```js\nx()\n```');
    const buttons = Array.from(container.querySelectorAll('.code-block button'));
    assert.deepEqual(buttons.map((button) => button.getAttribute('data-action')), ['copy', 'insert', 'replace', 'diff', 'newFile']);
    for (const button of buttons) {
      assert.equal(button.getAttribute('type'), 'button');
      assert.ok(button.getAttribute('aria-label'));
      assert.ok(button.getAttribute('title'));
    }
  });

  it('renders GFM tables, task lists and strikethrough', () => {
    const container = render('| a | b |\n|---|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~gone~~');
    assert.equal(container.querySelectorAll('table td').length, 2);
    assert.equal(container.querySelector('td[align="right"]')?.textContent, '2');
    const boxes = Array.from(container.querySelectorAll('input[type="checkbox"]'));
    assert.equal(boxes.length, 2);
    assert.ok(boxes.every((box) => box.hasAttribute('disabled')));
    assert.equal(container.querySelector('del')?.textContent, 'gone');
  });
});
