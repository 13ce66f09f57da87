import assert from 'node:assert/strict';
import { chatHtml, contentSecurityPolicy, createNonce } from '../../../../src/host/view/webviewHtml';
import { MAX_FIRST_STATE_CHARS, type FirstStateBlock } from '../../../../src/shared/protocol';

describe('webview HTML', () => {
  const resources = {
    cspSource: 'https://webview.example',
    scriptUri: 'https://webview.example/dist/webview.js',
    styleUri: 'https://webview.example/media/chat.css',
    codiconsUri: 'https://webview.example/dist/codicons/codicon.css',
  };

  it('starts the CSP at default-src none, scripts only by nonce, images only local or data:', () => {
    const csp = contentSecurityPolicy(resources.cspSource, 'abc');
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    assert.equal(directives.get('default-src'), "'none'");
    assert.equal(directives.get('script-src'), "'nonce-abc'");
    assert.equal(directives.get('img-src'), 'https://webview.example data:');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https:(?!\/\/webview)|\*/);
  });

  it('loads the one script with the nonce of the CSP', () => {
    const html = chatHtml(resources, 'n0nce');
    assert.match(html, /script-src 'nonce-n0nce'/);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="n0nce" src="https://webview.example/dist/webview.js">']);
  });

  it('names the math script on the one script tag, for the page to add with the same nonce', () => {
    const html = chatHtml({ ...resources, mathScriptUri: 'https://webview.example/dist/math.js?a="b"' }, 'n0nce');
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="n0nce" src="https://webview.example/dist/webview.js" data-math-script="https://webview.example/dist/math.js?a=&quot;b&quot;">']);
    assert.match(html, /script-src 'nonce-n0nce'; base-uri/, 'the CSP is unchanged: scripts by nonce only');
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.ok(nonce.length >= 24);
  });
  it('carries the display language\'s catalogue as inert JSON that no string can break out of', () => {
    const html = chatHtml({ ...resources, catalogue: { locale: 'zh-cn', messages: { Send: '发送', Evil: '</script><script>alert(1)</script><!--' } } }, 'n0nce');
    assert.match(html, /<html lang="zh-cn">/);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script type="application/json" id="completions-chat-l10n">', '<script nonce="n0nce" src="https://webview.example/dist/webview.js">']);
    const block = /<script type="application\/json" id="completions-chat-l10n">([^<]*)<\/script>/.exec(html)?.[1];
    assert.ok(block, 'the block holds no < at all');
    assert.deepEqual(JSON.parse(block), { locale: 'zh-cn', messages: { Send: '发送', Evil: '</script><script>alert(1)</script><!--' } });
    assert.match(chatHtml(resources, 'n0nce'), /<html lang="en">/);
    assert.doesNotMatch(chatHtml(resources, 'n0nce'), /application\/json/);
  });

  // --- issue 10 (first state in the page) ---
  const stateBlock = (content: string): FirstStateBlock => ({
    drawn: 3,
    message: {
      type: 'state',
      state: {
        conversation: { id: 'c', title: 't', model: 'm', createdAt: 1, updatedAt: 1, entries: [{ id: 'a', role: 'assistant', candidates: [{ content }], chosen: 0, status: 'done', model: 'm', createdAt: 1 }] },
        hasToken: true,
        origin: 'https://api.example',
        busy: false,
      },
    },
  });

  it('carries the first state as inert JSON that an answer cannot break out of (</script>, <!--, U+2028)', () => {
    const hostile = 'a </script><script>alert(1)</script> b <!-- c <script> d \u2028 e \u2029 f & g > h';
    const html = chatHtml({ ...resources, firstState: stateBlock(hostile) }, 'n0nce');
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script type="application/json" id="completions-chat-first-state">', '<script nonce="n0nce" src="https://webview.example/dist/webview.js">']);
    const block = /<script type="application\/json" id="completions-chat-first-state">([^<]*)<\/script>/.exec(html)?.[1];
    assert.ok(block, 'the block holds no < at all');
    assert.doesNotMatch(block, /[>&\u2028\u2029]/, 'nor >, & or a raw line separator');
    assert.deepEqual(JSON.parse(block), stateBlock(hostile), 'read back exactly');
    assert.match(html, /script-src 'nonce-n0nce'; base-uri/, 'the CSP is unchanged: scripts by nonce only');
  });

  it('leaves out a first state too big for the page (it goes as a message)', () => {
    const html = chatHtml({ ...resources, firstState: stateBlock('x'.repeat(MAX_FIRST_STATE_CHARS)) }, 'n0nce');
    assert.doesNotMatch(html, /application\/json/);
    assert.match(html, /webview\.js/);
  });
});
