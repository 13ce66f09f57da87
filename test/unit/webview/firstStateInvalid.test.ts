import './setupDom';
import * as assert from 'node:assert/strict';
import { drawFirstState, readFirstState } from '../../../src/webview/firstStateBlock';
import { FIRST_STATE_ELEMENT_ID, MAX_FIRST_STATE_CHARS, type HostMessage, type WebviewMessage } from '../../../src/shared/protocol';

/** Issue 10: a first-state block that is too big, malformed or of the wrong shape is ignored: the page asks as before. */
describe('webview: an unusable first state in the page is ignored', () => {
  const conversation = { id: 'c', title: 't', model: 'm', entries: [{ id: 'q', role: 'user', text: 'Hi', createdAt: 1 }], createdAt: 1, updatedAt: 1 };
  const state = { conversation, hasToken: true, origin: 'https://api.example', busy: false };
  const page = (text: string): Document => {
    const doc = document.implementation.createHTMLDocument('page');
    const block = doc.createElement('script');
    block.type = 'application/json';
    block.id = FIRST_STATE_ELEMENT_ID;
    block.textContent = text;
    doc.body.append(block);
    return doc;
  };

  it('reads a well-formed block', () => {
    assert.equal(readFirstState(page(JSON.stringify({ drawn: 2, message: { type: 'state', state } })))?.drawn, 2);
  });

  it('ignores an oversized, malformed or misshapen block, and one that fails to draw', () => {
    const big = JSON.stringify({ drawn: 2, message: { type: 'state', state: { ...state, origin: 'x'.repeat(MAX_FIRST_STATE_CHARS) } } });
    const unusable = [
      big, '{"drawn": 2, "message": ', 'null', '[]', '"state"',
      JSON.stringify({ drawn: 0, message: { type: 'state', state } }),
      JSON.stringify({ drawn: '2', message: { type: 'state', state } }),
      JSON.stringify({ drawn: 2, message: { type: 'delta', state } }),
      JSON.stringify({ drawn: 2, message: { type: 'state' } }),
      JSON.stringify({ drawn: 2, message: { type: 'state', state: { ...state, conversation: { ...conversation, entries: 'no' } } } }),
    ];
    for (const text of unusable) {
      const handled: HostMessage[] = [];
      assert.equal(drawFirstState((message) => handled.push(message), page(text)), undefined, text.slice(0, 60));
      assert.deepEqual(handled, []);
    }
    const throwing = () => {
      throw new Error('cannot draw');
    };
    assert.equal(drawFirstState(throwing, page(JSON.stringify({ drawn: 2, message: { type: 'state', state } }))), undefined);
  });

  describe('the entry, with an oversized block', () => {
    const posted: WebviewMessage[] = [];
    before(async () => {
      document.body.innerHTML = `<div id="app"></div><script type="application/json" id="${FIRST_STATE_ELEMENT_ID}">${'x'.repeat(MAX_FIRST_STATE_CHARS + 1)}</script>`;
      (globalThis as Record<string, unknown>).acquireVsCodeApi = () => ({ postMessage: (message: WebviewMessage) => posted.push(message), getState: () => undefined, setState: () => undefined });
      await import('../../../src/webview/main');
    });
    after(() => {
      delete (globalThis as Record<string, unknown>).acquireVsCodeApi;
    });

    it('says ready naming no state, and draws the state message when it comes', () => {
      assert.deepEqual(posted, [{ type: 'ready' }]);
      assert.equal(document.querySelector('#app .chat[data-state="ready"]'), null);
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'state', state } }) as unknown as Event);
      assert.ok(document.querySelector('#app .chat[data-state="ready"]'));
      assert.ok(document.querySelector('[data-entry-id="q"]'));
    });
  });
});
