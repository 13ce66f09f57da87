import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newConversation } from '../../../../src/host/session/chatSession';
import { ConversationLibrary } from '../../../../src/host/storage/conversationLibrary';
import { ConversationStore } from '../../../../src/host/storage/conversationStore';
import { NodeFileStore, type FileStore } from '../../../../src/host/storage/fileStore';
import { HistorySearch } from '../../../../src/host/storage/historySearch';
import type { Conversation } from '../../../../src/shared/conversation';
import { CountingFileStore, ManualTimers } from './storeFakes';

/** Counts reads of conversation files. */
class ReadCounting extends CountingFileStore {
  reads = 0;
  override read(path: string) {
    if (path.endsWith('.json') && !path.endsWith('index.json')) this.reads++;
    return super.read(path);
  }
}

function conversation(title: string, question: string, answer: string, updatedAt: number): Conversation {
  const made = newConversation('m');
  made.title = title;
  made.updatedAt = updatedAt;
  made.entries.push(
    { id: `${title}-q`, role: 'user', text: question, createdAt: 1 },
    { id: `${title}-a`, role: 'assistant', candidates: [{ content: answer }], chosen: 0, status: 'done', model: 'm', createdAt: 2 },
  );
  return made;
}

describe('HistorySearch: every message of every saved conversation', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'cc-search-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function open(files: FileStore = new NodeFileStore(root)) {
    const timers = new ManualTimers();
    const store = new ConversationStore(files, { timers });
    timers.settled = () => store.idle();
    await store.open();
    const library = new ConversationLibrary(store, { timers });
    const search = new HistorySearch({ ids: () => library.ids(), read: (id) => library.read(id), onDidChange: library.onDidChange, onDidSave: library.onDidSave });
    return { store, library, search };
  }

  async function seed(conversations: Conversation[]) {
    const { store } = await open();
    for (const each of conversations) {
      store.save(each, true);
      await store.flush();
    }
  }

  it('reads the files on the first search only, and finds terms in any message with snippets and ranges', async () => {
    const [parser, cache, shown] = [
      conversation('parser', 'How do I split parsing from I/O?', 'Move the **Parser** into its own module.', 3),
      conversation('cache', 'Why is my cache stale?', 'The key ignores the locale.', 2),
      conversation('shown', 'Unrelated', 'Nothing here', 4),
    ];
    await seed([parser, cache, shown]);
    const files = new ReadCounting(new NodeFileStore(root));
    const { search } = await open(files);
    const readsAtStart = files.reads;
    assert.equal(search.loaded, false);
    const hits = await search.search('parser module');
    assert.equal(files.reads - readsAtStart, 3, 'every conversation read once');
    assert.deepEqual(hits.map((hit) => hit.title), ['parser']);
    const [snippet] = hits[0]!.snippets;
    assert.equal(snippet!.entryId, 'parser-a');
    assert.deepEqual(snippet!.ranges.map((range) => snippet!.text.slice(range.start, range.end)), ['Parser', 'module']);
    await search.search('stale');
    await search.search('locale');
    assert.equal(files.reads - readsAtStart, 3, 'later searches read nothing');
    assert.deepEqual((await search.search('zebra')).length, 0);
  });

  it('stays fresh: a saved change, a rename, a delete and its Undo', async () => {
    const [first, second] = [conversation('first', 'alpha question', 'alpha answer', 1), conversation('second', 'beta', 'beta answer', 2)];
    await seed([first, second]);
    const { store, library, search } = await open();
    assert.equal((await search.search('alpha')).length, 1);
    // The shown conversation gets a new message.
    const shown = (await library.read(second.id))!;
    store.save(shown, true);
    shown.entries.push({ id: 'q-new', role: 'user', text: 'gamma follow-up', createdAt: 3 });
    store.save(shown, true);
    await store.flush();
    assert.deepEqual((await search.search('gamma')).map((hit) => hit.id), [second.id]);
    await library.rename(first.id, 'Renamed delta');
    assert.deepEqual((await search.search('delta')).map((hit) => hit.id), [first.id]);
    await library.delete(first.id);
    assert.deepEqual(await search.search('alpha'), []);
    await library.undo(first.id);
    assert.deepEqual((await search.search('alpha')).map((hit) => hit.id), [first.id]);
  });
});
