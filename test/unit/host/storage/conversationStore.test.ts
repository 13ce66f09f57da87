import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newConversation } from '../../../../src/host/session/chatSession';
import { INDEX_SCHEMA_VERSION, SCHEMA_VERSION, serializeConversation } from '../../../../src/host/storage/conversationFiles';
import { ConversationStore, MAX_THROTTLE_MS, STREAMED_CHARS_PER_SECOND, THROTTLE_MS } from '../../../../src/host/storage/conversationStore';
import { NodeFileStore, type FileStore } from '../../../../src/host/storage/fileStore';
import type { AssistantEntry, Conversation } from '../../../../src/shared/conversation';
import { CountingFileStore, ManualTimers } from './storeFakes';

function withQuestion(text: string): Conversation {
  const conversation = newConversation('test-model');
  conversation.entries.push({ id: 'q1', role: 'user', text, createdAt: 1 });
  return conversation;
}

function streamingAnswer(conversation: Conversation): AssistantEntry {
  const answer: AssistantEntry = { id: 'a1', role: 'assistant', candidates: [{ content: '' }], chosen: 0, status: 'streaming', model: 'm', createdAt: 2 };
  conversation.entries.push(answer);
  return answer;
}

describe('ConversationStore against a real folder', () => {
  let root: string;
  let notices: string[];
  const folder = () => join(root, 'conversations');
  const readJson = (name: string) => JSON.parse(readFileSync(join(folder(), name), 'utf8'));
  /** How many times the store turned a conversation into text. */
  let serializations = 0;
  const serialize = (conversation: Conversation) => {
    serializations++;
    return serializeConversation(conversation);
  };
  const makeStore = (files: FileStore = new NodeFileStore(root), timers = new ManualTimers()) => {
    serializations = 0;
    const store = new ConversationStore(files, { timers, notice: (message) => notices.push(message), serialize });
    timers.settled = () => store.idle();
    return store;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cc-store-'));
    notices = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes one file per conversation and an index naming the current one, each with a schema version', async () => {
    const store = makeStore();
    const conversation = withQuestion('Keep me');
    store.save(conversation, true);
    assert.equal(await store.flush(), true);
    const file = readJson(`${conversation.id}.json`);
    assert.equal(file.schema, SCHEMA_VERSION);
    assert.equal(file.conversation.entries[0].text, 'Keep me');
    const index = readJson('index.json');
    assert.equal(index.schema, INDEX_SCHEMA_VERSION);
    assert.equal(index.current, conversation.id);
    assert.deepEqual(index.conversations, [{ id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, pinned: false }]);
    assert.deepEqual(await makeStore().open(), conversation);
  });

  it('writes an urgent change at once, without waiting for the throttle', async () => {
    const timers = new ManualTimers();
    const store = makeStore(undefined, timers);
    const conversation = withQuestion('Now');
    store.save(conversation, true);
    await store.idle();
    assert.equal(timers.now, 0);
    assert.equal(readJson(`${conversation.id}.json`).conversation.entries[0].text, 'Now');
  });

  it('writes a streaming change within the throttle, with everything changed until then', async () => {
    const timers = new ManualTimers();
    const store = makeStore(undefined, timers);
    const conversation = withQuestion('Stream');
    const answer = streamingAnswer(conversation);
    answer.candidates[0]!.content = 'Hel';
    store.save(conversation, false);
    await store.idle();
    assert.equal(existsSync(join(folder(), `${conversation.id}.json`)), false, 'not yet: throttled');
    answer.candidates[0]!.content = 'Hello';
    store.save(conversation, false);
    await timers.advance(THROTTLE_MS);
    assert.ok(THROTTLE_MS <= 1000, 'durable within a second');
    assert.equal(readJson(`${conversation.id}.json`).conversation.entries[1].candidates[0].content, 'Hello');
  });

  it('serializes once per throttled write: the cost of saving does not grow with the number of deltas', async () => {
    async function stream(deltaCount: number) {
      const runRoot = mkdtempSync(join(root, 'run-'));
      const files = new CountingFileStore(new NodeFileStore(runRoot));
      const timers = new ManualTimers();
      const store = makeStore(files, timers);
      const conversation = withQuestion('Long answer please');
      const answer = streamingAnswer(conversation);
      store.save(conversation, true);
      // The same 10 s of streaming, cut into more and more deltas.
      const steps = 200;
      for (let i = 0; i < deltaCount; i++) {
        answer.candidates[0]!.content += 'x';
        store.save(conversation, false);
        if ((i + 1) % (deltaCount / steps) === 0) await timers.advance(10_000 / steps);
      }
      answer.status = 'done';
      store.save(conversation, true);
      await store.flush();
      const onDisk = JSON.parse(readFileSync(join(runRoot, 'conversations', `${conversation.id}.json`), 'utf8'));
      assert.equal(onDisk.conversation.entries[1].candidates[0].content.length, deltaCount, 'the whole answer is on disk');
      return { serializations, writes: files.writesOf(`${conversation.id}.json`), content: answer.candidates[0]!.content };
    }
    const few = await stream(1_000);
    const many = await stream(20_000);
    for (const run of [few, many]) {
      assert.equal(run.serializations, run.writes, 'one serialization per write, none per delta');
      // 10 s at one write per THROTTLE_MS, plus the question and the end.
      assert.ok(run.writes <= 10_000 / THROTTLE_MS + 2, `${run.writes} writes`);
      // ...and no fewer: the answer reached the disk every THROTTLE_MS while it streamed.
      assert.ok(run.writes >= 10_000 / THROTTLE_MS, `${run.writes} writes`);
    }
    assert.equal(many.writes, few.writes, 'twenty times the deltas, the same number of writes');
  });

  it('writes a streaming answer of a long conversation less often: what saving costs does not grow with the history', async () => {
    /** Writes of 10 s of streaming (ten deltas every 100 ms) in a conversation of `historyChars`. */
    async function stream(historyChars: number) {
      const runRoot = mkdtempSync(join(root, 'run-'));
      const files = new CountingFileStore(new NodeFileStore(runRoot));
      const timers = new ManualTimers();
      const store = makeStore(files, timers);
      const conversation = withQuestion('x'.repeat(historyChars));
      const answer = streamingAnswer(conversation);
      store.save(conversation, true);
      const written: number[] = [];
      files.onWrite = (path) => (path.endsWith(`${conversation.id}.json`) ? written.push(timers.now) : undefined);
      for (let i = 0; i < 1_000; i++) {
        answer.candidates[0]!.content += 'y';
        store.save(conversation, false);
        if (i % 10 === 9) await timers.advance(100);
      }
      await store.flush();
      const onDisk = JSON.parse(readFileSync(join(runRoot, 'conversations', `${conversation.id}.json`), 'utf8'));
      assert.equal(onDisk.conversation.entries[1].candidates[0].content.length, 1_000, 'the whole answer is on disk');
      const gaps = written.slice(1).map((at, index) => at - written[index]!);
      return { writes: files.writesOf(`${conversation.id}.json`), longestGap: Math.max(...gaps) };
    }
    const short = await stream(1_000);
    const long = await stream(2 * STREAMED_CHARS_PER_SECOND);
    const huge = await stream(6 * STREAMED_CHARS_PER_SECOND);
    // A short conversation: every THROTTLE_MS, as before.
    assert.ok(short.writes >= 10_000 / THROTTLE_MS, `${short.writes} writes`);
    // 2 MB: about every 2 s (the file's length at STREAMED_CHARS_PER_SECOND), the answer still on its way to disk.
    assert.ok(long.writes <= 10_000 / 2_000 + 2 && long.writes >= 10_000 / 2_000 - 1, `${long.writes} writes`);
    assert.ok(long.longestGap <= 2_200, `${long.longestGap} ms between two writes`);
    // However long the conversation, a streaming answer is written at least every MAX_THROTTLE_MS.
    assert.ok(huge.longestGap <= MAX_THROTTLE_MS + 100 && huge.writes >= 2, `${huge.writes} writes, ${huge.longestGap} ms apart`);
  });

  it('never corrupts on an interrupted write: a crashed write leaves the previous file whole', async () => {
    const store = makeStore();
    const conversation = withQuestion('Before the crash');
    store.save(conversation, true);
    await store.flush();
    // What a host killed mid-write leaves: a half-written temporary file beside the real one.
    const leftover = join(folder(), `${conversation.id}.json.4242.1.tmp`);
    writeFileSync(leftover, '{"schema":1,"conversation":{"id":"');
    const reopened = await makeStore().open();
    assert.equal(reopened?.entries[0]?.role === 'user' && reopened.entries[0].text, 'Before the crash');
    assert.deepEqual(notices, []);
    // A leftover older than any live write is cleaned up on the next start.
    utimesSync(leftover, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    await makeStore().open();
    assert.equal(existsSync(leftover), false);
  });

  it('keeps the previous file when a write fails, says so once, and writes again on the throttle', async () => {
    const files = new CountingFileStore(new NodeFileStore(root));
    const timers = new ManualTimers();
    const store = makeStore(files, timers);
    const conversation = withQuestion('First');
    store.save(conversation, true);
    await store.flush();
    files.failWrites = 2;
    (conversation.entries[0] as { text: string }).text = 'Second';
    store.save(conversation, true);
    assert.equal(await store.flush(), false);
    assert.equal(readJson(`${conversation.id}.json`).conversation.entries[0].text, 'First');
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /could not save the conversation \(ENOSPC\)/);
    await timers.advance(THROTTLE_MS);
    assert.equal(readJson(`${conversation.id}.json`).conversation.entries[0].text, 'Second');
  });

  it('does not wait forever for a write that hangs (a question or shutdown goes on)', async () => {
    const files = new CountingFileStore(new NodeFileStore(root));
    files.hold = new Promise(() => undefined);
    const store = makeStore(files);
    store.save(withQuestion('Stuck'), true);
    assert.equal(await store.flushWithin(50), false);
  });

  it('sets a corrupt conversation file aside with a plain notice, and starts afresh', async () => {
    const store = makeStore();
    const conversation = withQuestion('Fine');
    store.save(conversation, true);
    await store.flush();
    writeFileSync(join(folder(), `${conversation.id}.json`), '{"schema":1,"conversation":{"id":"<a href=x>SECRET-TEXT</a>"');
    const fresh = makeStore();
    assert.equal(await fresh.open(), undefined);
    const names = readdirSync(folder());
    assert.ok(names.some((name) => new RegExp(`^${conversation.id}\\.json\\.corrupt-\\d+$`).test(name)), names.join());
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /could not be read and was set aside/);
    assert.doesNotMatch(notices[0]!, /SECRET|href|\[|\]/);
    // The store works on: a new conversation is saved and becomes current.
    const next = withQuestion('After');
    fresh.save(next, true);
    assert.equal(await fresh.flush(), true);
    assert.equal(readJson('index.json').current, next.id);
  });

  it('sets a corrupt index aside and finds the newest readable conversation', async () => {
    const older = withQuestion('Older');
    older.updatedAt = 1;
    const newer = withQuestion('Newer');
    newer.updatedAt = 2;
    for (const conversation of [older, newer]) {
      const store = makeStore();
      store.save(conversation, true);
      await store.flush();
    }
    writeFileSync(join(folder(), 'index.json'), 'not json at all');
    const opened = await makeStore().open();
    assert.equal(opened?.id, newer.id);
    assert.ok(readdirSync(folder()).some((name) => /^index\.json\.corrupt-\d+$/.test(name)));
    assert.equal(notices.length, 1);
  });

  it('a file of another schema version is set aside, not misread', async () => {
    const conversation = withQuestion('Future');
    const store = makeStore();
    store.save(conversation, true);
    await store.flush();
    writeFileSync(join(folder(), `${conversation.id}.json`), JSON.stringify({ schema: 99, conversation }));
    assert.equal(await makeStore().open(), undefined);
    assert.equal(notices.length, 1);
  });

  it('showing another conversation keeps the old one, with the changes it had not written yet', async () => {
    const timers = new ManualTimers();
    const store = makeStore(undefined, timers);
    const first = withQuestion('One');
    store.save(first, true);
    await store.flush();
    // A streamed change, still waiting for the throttle, when New Conversation is clicked.
    const answer = streamingAnswer(first);
    answer.candidates[0]!.content = 'Half an answer';
    store.save(first, false);
    const second = withQuestion('Two');
    store.save(second, true);
    await store.flush();
    assert.equal(readJson(`${first.id}.json`).conversation.entries[1].candidates[0].content, 'Half an answer');
    assert.equal(readJson('index.json').current, second.id);
    assert.deepEqual(readJson('index.json').conversations.map((entry: { id: string }) => entry.id).sort(), [first.id, second.id].sort());
    assert.deepEqual(await makeStore().open(), second);
  });

  it('an empty conversation is not written: the history gets no empty entries, and none is current', async () => {
    const store = makeStore();
    const first = withQuestion('One');
    store.save(first, true);
    await store.flush();
    store.save(newConversation('test-model'), true);
    assert.equal(await store.flush(), true);
    assert.deepEqual(readdirSync(folder()).sort(), [`${first.id}.json`, 'index.json'].sort());
    assert.equal(readJson('index.json').current, undefined);
    assert.equal(await makeStore().open(), undefined);
  });

  it('lists the images of saved and live conversations', async () => {
    const store = makeStore();
    const conversation = withQuestion('Look');
    (conversation.entries[0] as { images?: unknown }).images = [{ id: 'a'.repeat(64), mimeType: 'image/png', name: 'x.png', width: 1, height: 1, size: 1 }];
    const answer = streamingAnswer(conversation);
    answer.images = {
      'https://x/y.png': { status: 'loaded', id: 'b'.repeat(64), mimeType: 'image/png', name: 'y.png', width: 1, height: 1, size: 1 },
      'https://x/z.png': { status: 'failed', reason: 'gone' },
    };
    store.save(conversation, false);
    assert.deepEqual([...(await store.imageReferences())].sort(), ['a'.repeat(64), 'b'.repeat(64)]);
  });
});
