import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { streamChat } from '../../../../src/core/chatClient';
import { ChatSession, newConversation, restoreConversation, type SessionChange } from '../../../../src/host/session/chatSession';
import { MissingTokenError } from '../../../../src/host/session/answerErrors';
import { SETTING_DEFAULTS, SettingError, type Settings } from '../../../../src/host/settings/settings';
import type { AssistantEntry, Conversation } from '../../../../src/shared/conversation';
import { ReplayServer } from '../../../support/replayServer';

function sse(response: ServerResponse, tokens: string[], finish = true): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const token of tokens) {
    response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: token } }] })}\n\n`);
  }
  if (finish) {
    response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: tokens.length, total_tokens: 3 + tokens.length } })}\n\n`);
    response.end('data: [DONE]\n\n');
  }
}

describe('ChatSession against a loopback server', () => {
  let server: ReplayServer;
  let baseUrl = '';
  /** The JSON bodies the server got, in order. */
  const bodies = (): any[] => server.requests.map((request) => JSON.parse(request.body));
  /** Every request is answered by `reply`, given the request's JSON body. */
  const answerWith = (reply: (body: any, response: ServerResponse) => void) =>
    server.always((_request, response, recorded) => reply(JSON.parse(recorded.body), response));
  let settings: Settings;
  let readSettings: () => Settings;
  let saved: Conversation[];
  let changes: SessionChange[];
  let credentials: () => Promise<{ baseUrl: string; token?: string }>;

  before(async () => {
    server = await ReplayServer.start();
    baseUrl = server.baseUrl;
  });
  after(() => server.close());

  function makeSession(conversation = newConversation('test-model')): ChatSession {
    saved = [];
    changes = [];
    const session = new ChatSession(conversation, {
      streamChat: (request, signal) => streamChat({ ...request, retry: { maxRetries: 0 } }, signal),
      settings: () => readSettings(),
      credentials: () => credentials(),
      save: (value) => saved.push(structuredClone(value)),
      log: () => undefined,
    });
    session.onDidChange((change) => changes.push(change));
    return session;
  }

  beforeEach(() => {
    server.reset();
    settings = { ...SETTING_DEFAULTS, baseUrl, systemPrompt: 'Be brief.', temperature: 0.5 };
    readSettings = () => settings;
    credentials = async () => ({ baseUrl, token: 'test-token' });
  });

  it('streams an answer into the conversation and sends the conversation so far', async () => {
    answerWith((_body, response) => sse(response, ['Hel', 'lo', '!']));
    const session = makeSession();
    const requestId = await session.send('Hi there');
    assert.ok(requestId, 'send names the request that answered');
    const [question, answer] = session.conversation.entries as [unknown, AssistantEntry];
    assert.equal((question as { text: string }).text, 'Hi there');
    assert.equal(answer.status, 'done');
    assert.equal(answer.candidates[0]!.content, 'Hello!');
    assert.equal(answer.candidates[0]!.finishReason, 'stop');
    assert.equal(answer.usage?.total_tokens, 6);
    assert.deepEqual(bodies()[0].messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi there' },
    ]);
    assert.equal(bodies()[0].model, 'test-model');
    assert.equal(bodies()[0].temperature, 0.5);
    assert.equal(bodies()[0].max_tokens, undefined);
    const deltas = changes.filter((change) => change.type === 'delta').map((change) => (change as { content: string }).content);
    assert.equal(deltas.join(''), 'Hello!');
    assert.deepEqual(changes.filter((change) => change.type === 'busy'), [{ type: 'busy', busy: true, requestId }, { type: 'busy', busy: false, requestId }]);
    assert.ok(changes.every((change) => change.type !== 'delta' || change.requestId === requestId), 'every delta names the request');
    assert.equal(saved.at(-1)!.entries.length, 2);
    assert.equal(session.conversation.title, 'Hi there');
  });

  it('carries the first question and answer in the second request', async () => {
    answerWith((body, response) => sse(response, [`answer ${body.messages.length}`]));
    const session = makeSession();
    await session.send('first');
    await session.send('second');
    assert.deepEqual(bodies()[1].messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'answer 2' },
      { role: 'user', content: 'second' },
    ]);
  });

  it('stops mid-answer: the connection closes and the partial text stays', async () => {
    let closedEarly = 0;
    answerWith((_body, response) => {
      response.on('close', () => {
        if (!response.writableFinished) closedEarly++;
      });
      sse(response, ['partial ', 'text'], false);
    });
    const session = makeSession();
    const done = session.send('long question');
    while (!changes.some((change) => change.type === 'delta' && session.lastAnswer()?.candidates[0]!.content === 'partial text')) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    session.stop();
    await done;
    const answer = session.lastAnswer()!;
    assert.equal(answer.status, 'stopped');
    assert.equal(answer.candidates[0]!.content, 'partial text');
    assert.equal(session.conversation.entries[0]!.role, 'user');
    for (let i = 0; i < 100 && closedEarly === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(closedEarly, 1);
    assert.equal(session.busy, false);
  });

  it('a shutdown mid-answer (a reload of the window): the answer reads Interrupted, not Stopped, its text kept and saved at once', async () => {
    answerWith((_body, response) => sse(response, ['partial ', 'text'], false));
    const session = makeSession();
    const done = session.send('long question');
    while (!changes.some((change) => change.type === 'delta' && session.lastAnswer()?.candidates[0]!.content === 'partial text')) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    session.interrupt();
    // Saved before the request has even ended: shutdown waits only a moment for pending saves.
    const written = saved.at(-1)!.entries.at(-1) as AssistantEntry;
    assert.equal(written.status, 'interrupted');
    assert.equal(written.candidates[0]!.content, 'partial text');
    await done;
    const answer = session.lastAnswer()!;
    assert.equal(answer.status, 'interrupted');
    assert.equal(answer.candidates[0]!.content, 'partial text');
    assert.equal((saved.at(-1)!.entries.at(-1) as AssistantEntry).status, 'interrupted');
    assert.equal(session.busy, false);
    // Nothing running: nothing to mark.
    session.interrupt();
    assert.equal(session.lastAnswer()!.status, 'interrupted');
  });

  it('keeps the question and offers to set the token when the server rejects it', async () => {
    answerWith((_body, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ success: false, error: { code: 'invalid_token', message: 'The token is invalid.' }, trace_id: 't-1' }));
    });
    const session = makeSession();
    await session.send('who am I?');
    const answer = session.lastAnswer()!;
    assert.equal(answer.status, 'error');
    assert.equal(answer.error?.kind, 'auth');
    assert.equal(answer.error?.action, 'setToken');
    assert.doesNotMatch(answer.error!.message, /test-token/);
    assert.equal(session.conversation.entries[0]!.role, 'user');
  });

  it('reports a missing token and a bad setting without sending anything', async () => {
    credentials = async () => { throw new MissingTokenError('https://api.example'); };
    const session = makeSession();
    await session.send('q1');
    assert.equal(session.lastAnswer()!.error?.action, 'setToken');
    assert.match(session.lastAnswer()!.error!.message, /https:\/\/api\.example/);
    readSettings = () => { throw new SettingError('completionsChat.temperature', 'must be a number from 0 to 2 or empty, not 5.'); };
    const broken = makeSession();
    await broken.send('q2');
    assert.equal(broken.lastAnswer()!.error?.action, 'openSettings');
    assert.equal(broken.lastAnswer()!.error?.setting, 'completionsChat.temperature');
    assert.equal(bodies().length, 0);
  });

  it('streams reasoning and refusal as deltas of their own channel, apart from the answer', async () => {
    answerWith((_body, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const send = (delta: object) => response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta }] })}\n\n`);
      send({ reasoning_content: 'Let me ' });
      send({ reasoning_content: 'think.' });
      send({ content: 'Answer.' });
      send({ refusal: 'Partly refused.' });
      response.end('data: [DONE]\n\n');
    });
    const session = makeSession();
    await session.send('Think first');
    const candidate = session.lastAnswer()!.candidates[0]!;
    assert.deepEqual([candidate.reasoning, candidate.content, candidate.refusal], ['Let me think.', 'Answer.', 'Partly refused.']);
    const deltas = changes.filter((change) => change.type === 'delta') as Extract<SessionChange, { type: 'delta' }>[];
    const joined = (channel?: string) => deltas.filter((delta) => delta.channel === channel).map((delta) => delta.content).join('');
    assert.equal(joined('reasoning'), 'Let me think.');
    assert.equal(joined('refusal'), 'Partly refused.');
    assert.equal(joined(undefined), 'Answer.');
    // The whole entry is not sent again for each reasoning or refusal token.
    assert.equal(changes.filter((change) => change.type === 'entryUpdated').length, 1);
  });

  it('regenerates the last answer in place', async () => {
    let reply = 0;
    answerWith((_body, response) => sse(response, [`reply ${++reply}`]));
    const session = makeSession();
    await session.send('question');
    await session.regenerate();
    assert.equal(session.conversation.entries.length, 2);
    assert.equal(session.lastAnswer()!.candidates[0]!.content, 'reply 2');
    assert.deepEqual(bodies()[1].messages, bodies()[0].messages);
  });

  it('marks an answer that was streaming when the window went away as interrupted', () => {
    const conversation = newConversation('m');
    conversation.entries.push(
      { id: 'u', role: 'user', text: 'q', createdAt: 0 },
      { id: 'a', role: 'assistant', candidates: [{ content: 'half' }], chosen: 0, status: 'streaming', model: 'm', createdAt: 0 },
    );
    const restored = restoreConversation(conversation);
    assert.equal((restored.entries[1] as AssistantEntry).status, 'interrupted');
    assert.equal((restored.entries[1] as AssistantEntry).candidates[0]!.content, 'half');
  });

  it('starts a new conversation with the given model', async () => {
    answerWith((_body, response) => sse(response, ['x']));
    const session = makeSession();
    await session.send('q');
    session.reset('other-model');
    assert.equal(session.conversation.entries.length, 0);
    assert.equal(session.conversation.model, 'other-model');
    assert.deepEqual(changes.at(-1), { type: 'reset' });
  });
});
