import './setupDom';
import * as assert from 'node:assert/strict';
import { chatHtml } from '../../../src/host/view/webviewHtml';
import type { Conversation } from '../../../src/shared/conversation';
import type { WebviewMessage } from '../../../src/shared/protocol';

/**
 * Issue 10 (first state in the page): the page the host builds (its real HTML, with an answer
 * that tries to break out of the data block) draws the conversation when its script starts,
 * before any message, as text, and says `ready` naming the state it drew.
 */
describe('webview entry: the first state in the page', () => {
  const hostile = 'Look: </script><script>window.__pwned = 1</script> and <!-- <script> and \u2028 there <img src=x onerror="window.__pwned = 2">';
  const conversation: Conversation = {
    id: 'c',
    title: 't',
    model: 'm',
    entries: [
      { id: 'q', role: 'user', text: 'Break it', createdAt: 1 },
      { id: 'a', role: 'assistant', candidates: [{ content: `${hostile}\n\n\`\`\`html\n</script><!--\n\`\`\`` }], chosen: 0, status: 'done', model: 'm', createdAt: 2 },
    ],
    createdAt: 1,
    updatedAt: 1,
  };
  const posted: WebviewMessage[] = [];
  let messagesBeforeReady = 0;

  before(async () => {
    const html = chatHtml({
      cspSource: 'https://webview.test',
      scriptUri: 'https://webview.test/dist/webview.js',
      styleUri: 'https://webview.test/media/chat.css',
      codiconsUri: 'https://webview.test/dist/codicons/codicon.css',
      firstState: { drawn: 7, message: { type: 'state', state: { conversation, hasToken: true, origin: 'https://api.example', busy: false } } },
    });
    // The page's body as the host wrote it, less the script element the test loads itself.
    document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)![1]!.replace(/<script nonce[^>]*><\/script>/, '');
    window.addEventListener('message', () => messagesBeforeReady++);
    (globalThis as Record<string, unknown>).acquireVsCodeApi = () => ({ postMessage: (message: WebviewMessage) => posted.push(message), getState: () => undefined, setState: () => undefined });
    await import('../../../src/webview/main');
  });
  after(() => {
    delete (globalThis as Record<string, unknown>).acquireVsCodeApi;
  });

  it('draws the conversation before any message and says ready with the number of the state drawn', () => {
    assert.equal(messagesBeforeReady, 0);
    assert.deepEqual(posted[0], { type: 'ready', drawn: 7 });
    assert.ok(document.querySelector('#app .chat[data-state="ready"]'), 'drawn from the page');
    const answer = document.querySelector('[data-entry-id="a"]');
    assert.ok(answer);
    assert.match(answer.textContent ?? '', /Look: <\/script><script>window.__pwned = 1<\/script> and <!-- <script> and \u2028 there/);
    assert.ok(document.querySelector('[data-entry-id="q"]'));
  });

  it('the model\'s text stayed text: no element of it, nothing run, the block gone', () => {
    assert.equal((window as unknown as { __pwned?: number }).__pwned, undefined);
    assert.equal(document.querySelectorAll('#app script').length, 0);
    assert.equal(document.querySelector('[data-entry-id="a"] img[onerror]'), null);
    assert.equal(document.getElementById('completions-chat-first-state'), null, 'read once, then removed');
  });
});
