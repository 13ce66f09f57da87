// The session's use of a conversation's parameters, candidates and usage, against a loopback
// server whose replies each test scripts.
import assert from 'node:assert/strict';
import { streamChat } from '../../../../src/core/chatClient';
import { ChatSession, newConversation, type SessionChange } from '../../../../src/host/session/chatSession';
import { SETTING_DEFAULTS, type Settings } from '../../../../src/host/settings/settings';
import type { AssistantEntry, Conversation } from '../../../../src/shared/conversation';
import { ReplayServer, type Handler } from '../../../support/replayServer';

type Reply = Handler;

/** One SSE answer: texts[i] streamed as choice i, then usage when given, then [DONE]. */
function streamed(texts: string[], usage?: object): Reply {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (data: object) => response.write(`data: ${JSON.stringify(data)}\n\n`);
    for (const [index, text] of texts.entries()) {
      for (const word of text.match(/\s*\S+/g) ?? []) send({ choices: [{ index, delta: { content: word } }] });
    }
    send({ choices: texts.map((_, index) => ({ index, delta: {}, finish_reason: 'stop' })) });
    if (usage) send({ choices: [], usage });
    response.end('data: [DONE]\n\n');
  };
}

function whole(texts: string[], usage?: object): Reply {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({
      choices: texts.map((content, index) => ({ index, message: { role: 'assistant', content }, finish_reason: 'stop' })),
      ...(usage ? { usage } : {}),
    }));
  };
}

function badRequest(message: string): Reply {
  return (_request, response) => {
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message, type: 'invalid_request_error', code: null } }));
  };
}

describe('ChatSession: parameters, candidates and usage', () => {
  let server: ReplayServer;
  let baseUrl = '';
  /** The JSON bodies the server got, in order. */
  const bodies = (): any[] => server.requests.map((request) => JSON.parse(request.body));
  let settings: Settings;
  let saved: Conversation[];
  let changes: SessionChange[];

  before(async () => {
    server = await ReplayServer.start();
    baseUrl = server.baseUrl;
  });
  after(() => server.close());

  beforeEach(() => {
    server.reset();
    settings = { ...SETTING_DEFAULTS, baseUrl, systemPrompt: 'Be brief.', temperature: 0.5, stream: true };
  });

  function makeSession(conversation = newConversation('test-model')): ChatSession {
    saved = [];
    changes = [];
    const session = new ChatSession(conversation, {
      streamChat: (request, signal) => streamChat({ ...request, retry: { maxRetries: 0 } }, signal),
      settings: () => settings,
      credentials: async () => ({ baseUrl, token: 'test-token' }),
      save: (value) => saved.push(structuredClone(value)),
      log: () => undefined,
    });
    session.onDidChange((change) => changes.push(change));
    return session;
  }

  const last = (session: ChatSession) => session.lastAnswer() as AssistantEntry;

  it('sends the conversation\'s parameters over the settings and stores them', async () => {
    const session = makeSession();
    session.setOptions({ temperature: 1.5, maxTokens: 64, systemPrompt: 'Talk like a pirate.', stream: false });
    assert.deepEqual(changes.at(-1), { type: 'optionsChanged', options: { temperature: 1.5, maxTokens: 64, systemPrompt: 'Talk like a pirate.', stream: false } });
    assert.deepEqual(saved.at(-1)!.options, { temperature: 1.5, maxTokens: 64, systemPrompt: 'Talk like a pirate.', stream: false });
    server.script(whole(['Arr.'], { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 }));
    await session.send('Hello');
    const body = bodies()[0];
    assert.equal(body.temperature, 1.5);
    assert.equal(body.max_tokens, 64);
    assert.equal(body.stream, false);
    assert.equal(body.stream_options, undefined, 'usage is only asked for when streaming');
    assert.deepEqual(body.messages[0], { role: 'system', content: 'Talk like a pirate.' });
    assert.equal(body.n, undefined);
    assert.equal(body.response_format, undefined);
    assert.deepEqual(last(session).usage, { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 });
    assert.equal(last(session).usageEstimated, undefined);
  });

  it('follows the settings for parameters the conversation does not set, and an empty prompt sends none', async () => {
    const session = makeSession();
    session.setOptions({ systemPrompt: '' });
    server.script(streamed(['ok'], { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }));
    await session.send('Hi');
    assert.equal(bodies()[0].temperature, 0.5);
    assert.equal(bodies()[0].stream, true);
    assert.deepEqual(bodies()[0].messages, [{ role: 'user', content: 'Hi' }]);
  });

  it('refuses invalid parameters: setOptions throws, stored ones fail the answer before anything is sent', async () => {
    const session = makeSession();
    assert.throws(() => session.setOptions({ temperature: 3 }), /0 to 2/);
    assert.throws(() => session.setOptions({ n: 9 }), /1 to 5/);
    assert.equal(session.conversation.options, undefined);
    // A conversation saved by hand (or an older build) with a bad value is checked again.
    const tampered = makeSession({ ...newConversation('m'), options: { maxTokens: -1 } });
    await tampered.send('Go');
    assert.equal(last(tampered).status, 'error');
    assert.equal(last(tampered).error?.kind, 'options');
    assert.match(last(tampered).error!.message, /Max tokens/);
    assert.equal(bodies().length, 0);
  });

  it('asks for n candidates, streams each by its index, and carries the chosen one next', async () => {
    const session = makeSession();
    session.setOptions({ n: 3 });
    server.script(streamed(['First idea.', 'Second idea.', 'Third idea.'], { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 }));
    await session.send('Ideas?');
    assert.equal(bodies()[0].n, 3);
    const answer = last(session);
    assert.deepEqual(answer.candidates.map((candidate) => candidate.content), ['First idea.', 'Second idea.', 'Third idea.']);
    const deltaIndexes = new Set(changes.filter((change) => change.type === 'delta').map((change) => (change as { index: number }).index));
    assert.deepEqual([...deltaIndexes].sort(), [0, 1, 2]);
    assert.equal(answer.chosen, 0);

    assert.equal(session.chooseCandidate(answer.id, 2), true);
    assert.equal(answer.chosen, 2);
    assert.equal((saved.at(-1)!.entries.at(-1) as AssistantEntry).chosen, 2, 'the choice is saved');
    assert.deepEqual(changes.at(-1), { type: 'entryUpdated', entry: answer });
    assert.equal(session.chooseCandidate(answer.id, 3), false, 'no such candidate');
    assert.equal(session.chooseCandidate('nope', 0), false);

    server.script(streamed(['Sure.']));
    await session.send('Go on');
    assert.deepEqual(bodies()[1].messages.slice(1, 3), [
      { role: 'user', content: 'Ideas?' },
      { role: 'assistant', content: 'Third idea.' },
    ]);
  });

  it('JSON mode asks for json_object, names JSON in the system message and marks the answer', async () => {
    const session = makeSession();
    session.setOptions({ jsonMode: true });
    server.script(streamed(['{"a": 1}']));
    await session.send('Give me data');
    const body = bodies()[0];
    assert.deepEqual(body.response_format, { type: 'json_object' });
    assert.equal(body.messages[0].role, 'system');
    assert.match(body.messages[0].content, /^Be brief\.\n\n.*JSON/s);
    assert.equal(last(session).responseFormat, 'json_object');
    const added = changes.find((change) => change.type === 'entryAdded' && change.entry.role === 'assistant');
    assert.equal(added?.type === 'entryAdded' && added.entry.role === 'assistant' && added.entry.responseFormat, 'json_object', 'known from the first message');
  });

  it('asks for usage when streaming; a 400 naming stream_options is retried once without it and remembered', async () => {
    const session = makeSession();
    server.script(
      badRequest("Unrecognized request argument supplied: stream_options"),
      streamed(['Hello there.']),
      streamed(['Again.']),
    );
    await session.send('Hi');
    assert.equal(bodies().length, 2);
    assert.deepEqual(bodies()[0].stream_options, { include_usage: true });
    assert.equal(bodies()[1].stream_options, undefined);
    const answer = last(session);
    assert.equal(answer.status, 'done');
    assert.equal(answer.candidates[0]!.content, 'Hello there.');
    // No usage from this server: an estimate, labelled as such.
    assert.equal(answer.usageEstimated, true);
    assert.equal(answer.usage?.completion_tokens, Math.ceil('Hello there.'.length / 4));
    assert.ok((answer.usage?.prompt_tokens ?? 0) > 0);

    await session.send('More');
    assert.equal(bodies().length, 3, 'asked once: the endpoint is remembered');
    assert.equal(bodies()[2].stream_options, undefined);
  });

  it('does not retry other bad requests', async () => {
    const session = makeSession();
    server.script(badRequest('model not found'), streamed(['never']));
    await session.send('Hi');
    assert.equal(bodies().length, 1);
    assert.equal(last(session).status, 'error');
    assert.equal(last(session).usage, undefined, 'nothing was answered, nothing estimated');
  });
});
