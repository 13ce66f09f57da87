import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamChat } from '../../../../src/core/chatClient';
import { ChatSession, newConversation } from '../../../../src/host/session/chatSession';
import { serializeConversation } from '../../../../src/host/storage/conversationFiles';
import { ConversationStore } from '../../../../src/host/storage/conversationStore';
import { NodeFileStore } from '../../../../src/host/storage/fileStore';
import { SETTING_DEFAULTS } from '../../../../src/host/settings/settings';
import type { AssistantEntry, Conversation } from '../../../../src/shared/conversation';
import { ReplayServer } from '../../../support/replayServer';
import { CountingFileStore, ManualTimers } from '../storage/storeFakes';

const TOKEN = 'sk-durable-test-0123456789abcdef';

function sse(response: ServerResponse, tokens: readonly string[]): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  const chunks = tokens.map((token) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: token } }] })}\n\n`);
  response.write(chunks.join(''));
  response.end(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`);
}

/** Every file under `folder`, with its text. */
function filesUnder(folder: string): { path: string; text: string }[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

describe('ChatSession saving through the file store', () => {
  let server: ReplayServer;
  let root: string;
  let timers: ManualTimers;
  let store: ConversationStore;
  /** How many times the store turned a conversation into text. */
  let serializations = 0;
  const serialize = (conversation: Conversation) => {
    serializations++;
    return serializeConversation(conversation);
  };

  before(async () => {
    server = await ReplayServer.start();
  });
  after(() => server.close());

  beforeEach(() => {
    server.reset();
    root = mkdtempSync(join(tmpdir(), 'cc-session-store-'));
    timers = new ManualTimers();
    serializations = 0;
    store = new ConversationStore(new NodeFileStore(root), { timers, serialize });
  });
  afterEach(async () => {
    await store.idle();
    rmSync(root, { recursive: true, force: true });
  });

  function makeSession(): ChatSession {
    return new ChatSession(newConversation('test-model'), {
      streamChat: (request, signal) => streamChat({ ...request, retry: { maxRetries: 0 } }, signal),
      settings: () => ({ ...SETTING_DEFAULTS, baseUrl: server.baseUrl }),
      credentials: async () => ({ baseUrl: server.baseUrl, token: TOKEN }),
      save: (conversation, urgent) => store.save(conversation, urgent),
      durable: () => store.flushWithin(2000),
      log: () => undefined,
    });
  }

  const savedText = () => filesUnder(join(root, 'conversations')).find((file) => file.path.endsWith('index.json') === false)?.text ?? '';

  it('the question is on disk before its request reaches the server', async () => {
    // A slow disk: the write of the question takes a while to land.
    const files = new CountingFileStore(new NodeFileStore(root));
    files.hold = new Promise((resolve) => setTimeout(resolve, 200));
    store = new ConversationStore(files, { timers });
    let onDiskWhenAsked = '';
    server.always((_request, response) => {
      onDiskWhenAsked = savedText();
      sse(response, ['Fine.']);
    });
    const session = makeSession();
    await session.send('Is this saved first?');
    assert.match(onDiskWhenAsked, /Is this saved first\?/);
    assert.equal(session.lastAnswer()?.status, 'done');
  });

  it('an answer of thousands of deltas is saved without a copy or serialization per delta', async () => {
    const tokens = Array.from({ length: 5_000 }, (_, i) => `t${i} `);
    server.always((_request, response) => sse(response, tokens));
    const realClone = globalThis.structuredClone;
    let clones = 0;
    globalThis.structuredClone = ((value: unknown, options?: StructuredSerializeOptions) => {
      clones++;
      return realClone(value, options);
    }) as typeof structuredClone;
    try {
      const session = makeSession();
      await session.send('Long one');
      await store.flush();
      assert.equal((session.lastAnswer() as AssistantEntry).candidates[0]!.content, tokens.join(''));
    } finally {
      globalThis.structuredClone = realClone;
    }
    assert.equal(clones, 0, 'no structuredClone per save');
    // The question, the empty answer, the end: the throttle's clock did not move, and the
    // 5,000 deltas asked for saves that cost nothing until it does.
    assert.ok(serializations <= 3, `${serializations} serializations`);
    assert.equal(store.load()?.entries.length, 2);
    const answer = store.load()!.entries[1] as AssistantEntry;
    assert.equal(answer.status, 'done');
    assert.equal(answer.candidates[0]!.content, tokens.join(''));
  });

  it('a question and its new answer go to disk in one write before the request (with a long history, each write is megabytes)', async () => {
    let serializationsWhenAsked = -1;
    server.always((_request, response) => {
      serializationsWhenAsked = serializations;
      sse(response, ['Fine.']);
    });
    const session = makeSession();
    await session.send('One write for both?');
    assert.equal(serializationsWhenAsked, 1, 'the question and the empty answer in one write');
    assert.equal(session.lastAnswer()?.status, 'done');
    await store.flush();
    // ...and the answer's end in one more: two in all.
    assert.equal(serializations, 2);
    assert.equal((store.load()?.entries[1] as AssistantEntry).candidates[0]!.content, 'Fine.');
  });

  it('nothing of the token is written to the storage folder, even when a server echoes it', async () => {
    server.always((request, response) => {
      const auth = request.headers.authorization ?? '';
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${auth.replace('Bearer ', '')} (${auth})`, type: 'invalid_request_error' } }));
    });
    const session = makeSession();
    await session.send('Echo my key?');
    assert.equal(session.lastAnswer()?.status, 'error');
    server.always((_request, response) => sse(response, ['Fine.']));
    await session.regenerate();
    await store.flush();
    const files = filesUnder(root);
    assert.ok(files.length >= 2);
    for (const file of files) {
      assert.ok(!file.text.includes(TOKEN), `${file.path} holds the token`);
      assert.ok(!file.text.includes(TOKEN.slice(3, 20)), `${file.path} holds part of the token`);
    }
  });
});
