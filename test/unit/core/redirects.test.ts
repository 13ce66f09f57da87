// Redirects are followed by hand so the token never reaches another origin.

import * as assert from 'node:assert/strict';
import { ChatError, streamChat } from '../../../src/core/chatClient';
import { MAX_REDIRECTS } from '../../../src/core/transport';
import type { ChatRequest } from '../../../src/core/types';
import { chunkJson, collectAnswer, ReplayServer, sseAnswer, sseEvents, type Handler } from '../../support/replayServer';

const TOKEN = 'sk-test-redirect-0123456789';
const okStream = sseEvents(chunkJson({ role: 'assistant', content: 'Hi' }, { finish: 'stop' }), '[DONE]');

const redirectTo =
  (location: string, status = 307): Handler =>
  (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };

describe('redirects', () => {
  let first: ReplayServer;
  let second: ReplayServer;

  before(async () => {
    first = await ReplayServer.start();
    second = await ReplayServer.start();
  });
  after(async () => {
    await first.close();
    await second.close();
  });
  beforeEach(() => {
    first.reset();
    second.reset();
  });

  const request = (): ChatRequest => ({
    baseUrl: first.baseUrl,
    token: TOKEN,
    headers: { 'x-api-key': TOKEN, 'x-trace': 'kept' },
    body: { model: 'm', messages: [{ role: 'user', content: 'q' }], stream: true },
  });

  it('keeps the token on a same-origin redirect, re-sending the POST and its body', async () => {
    first.script(redirectTo('/v2/chat/completions', 308), sseAnswer(okStream));
    const answer = await collectAnswer(streamChat(request()));
    assert.equal(answer.error, undefined);
    assert.equal(first.requests.length, 2);
    const followed = first.requests[1]!;
    assert.equal(followed.method, 'POST');
    assert.equal(followed.url, '/v2/chat/completions');
    assert.equal(followed.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(JSON.parse(followed.body).model, 'm');
  });

  it('drops the token, other credentials and every extra (custom) header when the origin changes', async () => {
    first.script(redirectTo(`${second.origin}/elsewhere/chat/completions`));
    second.script(sseAnswer(okStream));
    const answer = await collectAnswer(streamChat(request()));
    assert.equal(answer.error, undefined);
    assert.equal(answer.choices.get(0)?.content, 'Hi');
    assert.equal(first.requests[0]!.headers.authorization, `Bearer ${TOKEN}`);
    const moved = second.requests[0]!;
    assert.equal(moved.method, 'POST');
    assert.equal(moved.headers.authorization, undefined);
    assert.equal(moved.headers['x-api-key'], undefined);
    // The user's custom headers go only to the endpoint they configured (issue 12).
    assert.equal(moved.headers['x-trace'], undefined);
    assert.equal(moved.headers.accept, 'text/event-stream, application/json');
    assert.ok(!JSON.stringify(moved.headers).includes(TOKEN));
  });

  it('does not give the token back after a detour through another origin', async () => {
    first.script(redirectTo(`${second.origin}/hop`), sseAnswer(okStream));
    second.script(redirectTo(`${first.baseUrl}/chat/completions`));
    const answer = await collectAnswer(streamChat(request()));
    assert.equal(answer.error, undefined);
    assert.equal(first.requests[1]!.headers.authorization, undefined);
  });

  it(`stops after ${MAX_REDIRECTS} redirects`, async () => {
    first.always(redirectTo('/v1/chat/completions'));
    const answer = await collectAnswer(streamChat(request()));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'protocol');
    assert.match(answer.error.message, /redirected more than 5 times/);
    assert.equal(first.requests.length, MAX_REDIRECTS + 1);
  });

  it('refuses a redirect to plain http on another host', async () => {
    first.script(redirectTo('http://api.example.com/v1/chat/completions'));
    const answer = await collectAnswer(streamChat(request()));
    assert.ok(answer.error instanceof ChatError);
    assert.match(answer.error.message, /plain http/);
    assert.equal(first.requests.length, 1);
  });
});
