import './setupDom';
import * as assert from 'node:assert/strict';
import type { Conversation } from '../../../src/shared/conversation';
import type { HostMessage } from '../../../src/shared/protocol';

/**
 * The webview entry filters window messages before the view sees them: a host message type
 * missing from its list is dropped silently (the retry countdown once was). Loaded for real
 * here, with a stand-in for VS Code's API.
 */
describe('webview entry: host messages reach the view', () => {
  before(async () => {
    document.body.innerHTML = '<div id="app"></div>';
    (globalThis as Record<string, unknown>).acquireVsCodeApi = () => ({ postMessage: () => undefined, getState: () => undefined, setState: () => undefined });
    await import('../../../src/webview/main');
  });
  after(() => {
    delete (globalThis as Record<string, unknown>).acquireVsCodeApi;
  });

  const post = (message: HostMessage | Record<string, unknown>): void => {
    window.dispatchEvent(new MessageEvent('message', { data: message }) as unknown as Event);
  };

  it('passes a retrying message through to the answer, and ignores unknown types', () => {
    const conversation: Conversation = {
      id: 'c',
      title: 't',
      model: 'm',
      entries: [
        { id: 'u', role: 'user', text: 'q', createdAt: 1 },
        { id: 'a', role: 'assistant', candidates: [{ content: '' }], chosen: 0, status: 'streaming', model: 'm', createdAt: 2 },
      ],
      createdAt: 1,
      updatedAt: 1,
    };
    post({ type: 'state', state: { conversation, hasToken: true, origin: 'https://api.example', busy: true } });
    const line = document.querySelector<HTMLElement>('[data-entry-id="a"] .retry-countdown');
    assert.ok(line);
    assert.equal(line.hidden, true);
    post({ type: 'notAHostMessage', entryId: 'a' });
    post({ type: 'retrying', entryId: 'a', attempt: 1, delayMs: 2_000, status: 429 });
    assert.equal(line.hidden, false);
    assert.match(line.textContent ?? '', /HTTP 429; trying again \(attempt 2\) in 2 s…/);
    post({ type: 'delta', entryId: 'a', parts: [{ index: 0, content: 'Hi' }] });
    assert.equal(line.hidden, true);
  });
});
