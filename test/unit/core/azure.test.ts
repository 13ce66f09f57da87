// Azure OpenAI: the deployment's URL with its api-version, the key in `api-key`, no model list.

import * as assert from 'node:assert/strict';
import { listModels, resolveChatCompletionsUrl, resolveModelsUrl, streamChat, tokenHeaderFor } from '../../../src/core/chatClient';
import { ChatError } from '../../../src/core/errors';
import { buildHeaders } from '../../../src/core/requestHeaders';
import { chunkJson, collectAnswer, ReplayServer, sseAnswer, sseEvents } from '../../support/replayServer';

const AZURE = 'https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21';

describe('Azure OpenAI', () => {
  it('keeps api-version from a pasted URL (only it), for chat and models', () => {
    assert.equal(resolveChatCompletionsUrl(AZURE).href, AZURE);
    assert.equal(resolveChatCompletionsUrl('https://contoso.openai.azure.com/openai/deployments/gpt-4o?api-version=2024-10-21&x=1#f').href, AZURE);
    assert.equal(resolveModelsUrl(AZURE).href, 'https://contoso.openai.azure.com/openai/deployments/gpt-4o/models?api-version=2024-10-21');
    assert.equal(resolveChatCompletionsUrl('https://api.openai.com/v1?x=1').href, 'https://api.openai.com/v1/chat/completions');
  });

  it('puts the token in api-key on Azure hosts, and never lets extras replace it', () => {
    assert.equal(tokenHeaderFor(new URL(AZURE)), 'api-key');
    assert.equal(tokenHeaderFor(new URL('https://x.cognitiveservices.azure.com/')), 'api-key');
    assert.equal(tokenHeaderFor(new URL('https://openai.azure.com.evil.example/')), 'authorization');
    assert.equal(tokenHeaderFor(new URL('https://api.openai.com/v1')), 'authorization');
    const headers = buildHeaders({ token: 'azure-key-123', accept: 'application/json', json: true, tokenHeader: 'api-key', extra: { 'API-KEY': 'other', 'x-ok': '1' } });
    assert.equal(headers['api-key'], 'azure-key-123');
    assert.equal(headers.authorization, undefined);
    assert.equal(headers['x-ok'], '1');
  });

  it('sends api-version in the query and a loopback server sees it (the wire, not only the URL)', async () => {
    const server = await ReplayServer.start();
    try {
      server.script(sseAnswer(sseEvents(chunkJson({ role: 'assistant', content: 'Hi' }, { finish: 'stop' }), '[DONE]')));
      const answer = await collectAnswer(streamChat({ baseUrl: `${server.baseUrl}/openai/deployments/d?api-version=2024-10-21`, body: { model: 'm', messages: [{ role: 'user', content: 'q' }], stream: true } }));
      assert.equal(answer.error, undefined);
      assert.equal(server.requests[0]!.url, '/v1/openai/deployments/d/chat/completions?api-version=2024-10-21'.replace('/v1', new URL(server.baseUrl).pathname.replace(/\/$/, '')));
    } finally {
      await server.close();
    }
  });

  it('explains that Azure has no model list when the deployment URL answers 404', async () => {
    const fetch404 = async () => new Response('{"error":{"code":"404","message":"Resource not found"}}', { status: 404 });
    await assert.rejects(listModels(AZURE, 'k', new AbortController().signal, { fetch: fetch404 }), (error: unknown) => error instanceof ChatError && /Azure OpenAI offers no model list.*completionsChat\.model/.test(error.message));
  });
});
