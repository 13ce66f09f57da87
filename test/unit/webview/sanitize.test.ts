import './setupDom';
import * as assert from 'node:assert/strict';
import { sanitizeToFragment } from '../../../src/webview/sanitize';

/** The fragment's HTML, for comparing what stays. */
function sanitized(html: string): string {
  const holder = document.createElement('div');
  holder.append(sanitizeToFragment(html));
  return holder.innerHTML;
}

describe('sanitizeToFragment: the allow-list, on every call', () => {
  // Each of these is allowed by DOMPurify's own defaults: only our config drops it.
  const cases: [string, string][] = [
    ['<section><p>kept text</p></section>', '<p>kept text</p>'],
    ['<span style="color: red" class="x">styled</span>', '<span class="x">styled</span>'],
    ['<a href="command:workbench.action.reloadWindow">run</a>', '<a>run</a>'],
    ['<a href="vscode://ext/path">open</a>', '<a>open</a>'],
    ['<p data-secret="1" aria-busy="true">data</p>', '<p>data</p>'],
    ['<img src="https://example.com/x.png" alt="remote">', ''],
  ];

  it('drops what markdown.ts never emits, the first time and every time after', () => {
    for (let round = 0; round < 3; round++) {
      for (const [input, expected] of cases) assert.equal(sanitized(input), expected, `round ${round}: ${input}`);
    }
  });

  it('keeps what markdown.ts emits', () => {
    assert.equal(sanitized('<a href="https://example.com" title="t">link</a>'), '<a href="https://example.com" title="t">link</a>');
    assert.equal(sanitized('<button data-action="copy" aria-label="Copy">c</button>'), '<button data-action="copy" aria-label="Copy" type="button">c</button>');
  });
});
