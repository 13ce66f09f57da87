// What the core says when it runs on a browser's fetch (the web extension): the browser hides a
// redirect ('opaqueredirect') and reports a CORS refusal as a bare TypeError.

import * as assert from 'node:assert/strict';
import { sendFollowingRedirects } from '../../../src/core/transport';
import { connectionError } from '../../../src/core/transportErrors';

describe('core on a browser fetch', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('refuses a redirect the browser hid, saying what to do', async () => {
    globalThis.fetch = async () => ({ type: 'opaqueredirect', status: 0, headers: new Headers(), body: null } as unknown as Response);
    await assert.rejects(
      sendFollowingRedirects({ method: 'POST', url: new URL('https://api.example.com/v1/chat/completions'), headers: {}, body: '{}', signal: new AbortController().signal }),
      /redirect, which VS Code for the Web cannot follow safely.*Set the base URL/,
    );
  });

  it('names CORS when the browser refused the request', () => {
    for (const message of ['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed']) {
      assert.match(connectionError(new TypeError(message), 'llm.example.com').message, /Could not reach llm\.example\.com: .*cross-origin requests: CORS/);
    }
    assert.doesNotMatch(connectionError(new TypeError('fetch failed'), 'llm.example.com').message, /CORS/);
  });
});
