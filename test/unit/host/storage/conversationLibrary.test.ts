import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newConversation } from '../../../../src/host/session/chatSession';
import { INDEX_SCHEMA_VERSION, MAX_INDEX_ENTRIES, MAX_TITLE_CHARS } from '../../../../src/host/storage/conversationFiles';
import { ConversationLibrary, UNDO_WINDOW_MS } from '../../../../src/host/storage/conversationLibrary';
import { ConversationStore } from '../../../../src/host/storage/conversationStore';
import { NodeFileStore } from '../../../../src/host/storage/fileStore';
import type { Conversation } from '../../../../src/shared/conversation';
import { ManualTimers } from './storeFakes';

function conversation(title: string, updatedAt: number): Conversation {
  const made = newConversation('test-model');
  made.title = title;
  made.entries.push({ id: `q-${title}`, role: 'user', text: `About ${title}`, createdAt: updatedAt });
  made.updatedAt = updatedAt;
  return made;
}

/** The clock's start (ms): deleted files are named with their time. */
const BASE = 1_700_000_000_000;

describe('ConversationLibrary: many conversations in a real folder', () => {
  let root: string;
  let notices: string[];
  let deletedForGood: number;
  const folder = () => join(root, 'conversations');
  const readJson = (name: string) => JSON.parse(readFileSync(join(folder(), name), 'utf8'));

  /** A start of the extension: the store and the library on the folder, at the clock of `timers` (from BASE). */
  async function open(timers = new ManualTimers()) {
    const now = () => BASE + timers.now;
    const store = new ConversationStore(new NodeFileStore(root), { timers, now, notice: (message) => notices.push(message), onDeleted: () => deletedForGood++ });
    timers.settled = () => store.idle();
    const opened = await store.open();
    const library = new ConversationLibrary(store, { timers, now });
    await library.recoverDeleted();
    return { store, opened, timers, library };
  }

  /** Saves each conversation as the shown one, in turn (as New Conversation does); the last stays shown. */
  async function saveAll(store: ConversationStore, conversations: Conversation[]) {
    for (const each of conversations) {
      store.save(each, true);
      await store.flush();
    }
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cc-library-'));
    notices = [];
    deletedForGood = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps every conversation and lists them pinned first, then newest first', async () => {
    const { store, library } = await open();
    const made = Array.from({ length: 60 }, (_, i) => conversation(`c${i}`, 1000 + i));
    await saveAll(store, made);
    assert.equal(library.list().length, 60);
    assert.deepEqual(library.list().slice(0, 3).map((entry) => entry.title), ['c59', 'c58', 'c57']);
    assert.equal(await library.setPinned(made[3]!.id, true), true);
    assert.deepEqual(library.list().slice(0, 2).map((entry) => entry.title), ['c3', 'c59']);
    // All of it is on disk: a new start lists the same, with the pin.
    const again = await open();
    assert.deepEqual(again.library.list(), library.list());
    assert.equal(again.opened?.id, made[59]!.id, 'the last one shown is shown again');
    assert.equal(readJson('index.json').schema, INDEX_SCHEMA_VERSION);
    assert.equal((await again.library.read(made[10]!.id))?.entries[0]?.role, 'user');
  });

  it('pins and renamed titles live in the conversation files too: an index rebuilt from the files keeps them', async () => {
    const { store, library } = await open();
    const [saved, other, shown] = [conversation('saved', 1), conversation('other', 2), conversation('shown', 3)];
    await saveAll(store, [saved, other, shown]);
    assert.equal(await library.setPinned(saved.id, true), true);
    assert.equal(await library.setPinned(shown.id, true), true, 'the shown one too (its live object is written)');
    assert.equal(await library.rename(saved.id, 'Renamed'), true);
    assert.equal(readJson(`${saved.id}.json`).pinned, true);
    assert.equal(readJson(`${shown.id}.json`).pinned, true);
    assert.equal(readJson(`${other.id}.json`).pinned, undefined, 'an unpinned file is written as before');
    // The shown one's next save keeps its pin.
    shown.entries.push({ id: 'q2', role: 'user', text: 'More?', createdAt: 4 });
    store.save(shown, true);
    await store.flush();
    assert.equal(readJson(`${shown.id}.json`).pinned, true);

    // The index is lost: rebuilt from the files, with the pins and the title.
    rmSync(join(folder(), 'index.json'));
    const again = await open();
    const listed = again.library.list();
    assert.deepEqual(listed.map((entry) => [entry.title, entry.pinned]), [['shown', true], ['Renamed', true], ['other', false]]);

    // Unpinned: the file says so too.
    assert.equal(await again.library.setPinned(saved.id, false), true);
    assert.equal(readJson(`${saved.id}.json`).pinned, undefined);
    rmSync(join(folder(), 'index.json'));
    assert.equal((await open()).library.list().find((entry) => entry.id === saved.id)?.pinned, false);
  });

  it('a conversation file of before (no pin field) loads and is listed unpinned after a rebuild', async () => {
    const old = conversation('old', 5);
    mkdirSync(folder(), { recursive: true });
    writeFileSync(join(folder(), `${old.id}.json`), JSON.stringify({ schema: 1, conversation: old }));
    const { opened, library } = await open();
    assert.equal(opened?.id, old.id);
    assert.deepEqual(library.list().map((entry) => [entry.title, entry.pinned]), [['old', false]]);
  });

  it('renames a saved conversation (file and index) and the shown one (its live object), bounded to one line', async () => {
    const { store, library } = await open();
    const [saved, shown] = [conversation('old', 1), conversation('shown', 2)];
    await saveAll(store, [saved, shown]);
    assert.equal(await library.rename(saved.id, '  New\nname  '), true);
    assert.equal(readJson(`${saved.id}.json`).conversation.title, 'New name');
    assert.equal(await library.rename(shown.id, 'x'.repeat(5000)), true);
    assert.equal(shown.title.length, MAX_TITLE_CHARS);
    await store.flush();
    assert.equal(readJson(`${shown.id}.json`).conversation.title.length, MAX_TITLE_CHARS);
    const titles = Object.fromEntries(readJson('index.json').conversations.map((entry: { id: string; title: string }) => [entry.id, entry.title]));
    assert.equal(titles[saved.id], 'New name');
    assert.equal(await library.rename(saved.id, '   '), false, 'an empty title is refused');
    assert.equal(await library.rename('not-there', 'x'), false);
  });

  it('delete, then Undo, restores exactly the file and the entry (title, time, pin)', async () => {
    const { store, library } = await open();
    const [gone, shown] = [conversation('gone', 5), conversation('shown', 6)];
    await saveAll(store, [gone, shown]);
    await library.setPinned(gone.id, true);
    const fileBefore = readFileSync(join(folder(), `${gone.id}.json`), 'utf8');
    const entryBefore = library.list().find((entry) => entry.id === gone.id);
    await library.delete(gone.id);
    assert.equal(library.has(gone.id), false);
    assert.ok(!readJson('index.json').conversations.some((entry: { id: string }) => entry.id === gone.id));
    assert.equal(existsSync(join(folder(), `${gone.id}.json`)), false);
    assert.equal(await library.undo(gone.id), true);
    assert.equal(readFileSync(join(folder(), `${gone.id}.json`), 'utf8'), fileBefore);
    assert.deepEqual(library.list().find((entry) => entry.id === gone.id), entryBefore);
    assert.deepEqual(library.list()[0]?.id, gone.id, 'still pinned on top');
    assert.equal(deletedForGood, 0);
  });

  it('a deleted conversation goes for good once the Undo window passed, and only then are images swept', async () => {
    const { store, library, timers } = await open();
    const [gone, shown] = [conversation('gone', 5), conversation('shown', 6)];
    await saveAll(store, [gone, shown]);
    await library.delete(gone.id);
    assert.deepEqual(library.pendingPaths(), [`conversations/${gone.id}.json.deleted-${BASE}`]);
    await timers.advance(UNDO_WINDOW_MS - 1);
    await library.idle();
    assert.equal(deletedForGood, 0);
    await timers.advance(1);
    await library.idle();
    assert.equal(deletedForGood, 1);
    assert.deepEqual(readdirSync(folder()).sort(), [`${shown.id}.json`, 'index.json'].sort());
    assert.equal(await library.undo(gone.id), false, 'too late');
  });

  it("a delete's Undo survives a reload within its window (title, time, pin from the file); after it the file goes at the next start", async () => {
    const timers = new ManualTimers();
    const first = await open(timers);
    const [gone, shown] = [conversation('gone', 5), conversation('shown', 6)];
    await saveAll(first.store, [gone, shown]);
    await first.library.setPinned(gone.id, true);
    await first.library.rename(gone.id, 'Gone, renamed');
    const fileBefore = readFileSync(join(folder(), `${gone.id}.json`), 'utf8');
    const entryBefore = first.library.list().find((entry) => entry.id === gone.id);
    await first.library.delete(gone.id);
    assert.deepEqual(first.library.undoOffered(), { id: gone.id, title: 'Gone, renamed' });

    // The window reloads 10 s later: the old host's timers are gone with it.
    const reloaded = new ManualTimers();
    reloaded.now = 10_000;
    const second = await open(reloaded);
    assert.equal(second.library.has(gone.id), false);
    assert.deepEqual(second.library.undoOffered(), { id: gone.id, title: 'Gone, renamed' }, 'Undo is offered again');
    assert.deepEqual(second.library.pendingPaths(), [`conversations/${gone.id}.json.deleted-${BASE}`], 'its images are kept meanwhile');
    await reloaded.advance(UNDO_WINDOW_MS - 10_000 - 1);
    assert.equal(await second.library.undo(gone.id), true, 'for the rest of the window');
    assert.equal(readFileSync(join(folder(), `${gone.id}.json`), 'utf8'), fileBefore);
    assert.deepEqual(second.library.list().find((entry) => entry.id === gone.id), entryBefore);

    // Deleted again; the rest of the window passes in the new host: gone for good.
    await second.library.delete(gone.id);
    await reloaded.advance(UNDO_WINDOW_MS);
    await second.library.idle();
    assert.equal(second.library.undoOffered(), undefined);
    assert.deepEqual(readdirSync(folder()).sort(), [`${shown.id}.json`, 'index.json'].sort());
  });

  it('a deleted file whose window passed while no host ran, or of a version before (no time), goes at the next start', async () => {
    const timers = new ManualTimers();
    const { store, library } = await open(timers);
    const [gone, shown] = [conversation('gone', 5), conversation('shown', 6)];
    await saveAll(store, [gone, shown]);
    await library.delete(gone.id);
    writeFileSync(join(folder(), `${conversation('old', 1).id}.json.deleted`), '{}');
    const later = new ManualTimers();
    later.now = UNDO_WINDOW_MS;
    const again = await open(later);
    assert.equal(again.library.undoOffered(), undefined);
    assert.deepEqual(readdirSync(folder()).sort(), [`${shown.id}.json`, 'index.json'].sort());
  });

  it('files set aside as unreadable are kept 30 days for the user, then go at a start', async () => {
    mkdirSync(folder(), { recursive: true });
    const day = 24 * 60 * 60 * 1000;
    writeFileSync(join(folder(), `index.json.corrupt-${BASE - 31 * day}`), 'old');
    writeFileSync(join(folder(), `abc.json.corrupt-${BASE - 29 * day}`), 'recent');
    writeFileSync(join(folder(), 'notes.txt'), 'not ours to judge');
    await open();
    assert.deepEqual(readdirSync(folder()).sort(), [`abc.json.corrupt-${BASE - 29 * day}`, 'notes.txt']);
  });

  it('refuses to delete the conversation shown (the caller shows another first)', async () => {
    const { store, library } = await open();
    const shown = conversation('shown', 1);
    await saveAll(store, [shown]);
    await assert.rejects(library.delete(shown.id), /cannot be deleted/);
    assert.equal(library.has(shown.id), true);
  });

  it('an unreadable conversation file is set aside with a notice and leaves the list; the rest goes on', async () => {
    const { store, library } = await open();
    const [broken, shown] = [conversation('broken', 1), conversation('shown', 2)];
    await saveAll(store, [broken, shown]);
    writeFileSync(join(folder(), `${broken.id}.json`), '{"schema":1,"conversation":{"id":"<b>SECRET</b>');
    assert.equal(await library.read(broken.id), undefined);
    assert.equal(library.has(broken.id), false);
    assert.ok(readdirSync(folder()).some((name) => name.startsWith(`${broken.id}.json.corrupt-`)));
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /could not be read and was set aside/);
    assert.doesNotMatch(notices[0]!, /SECRET|new conversation was started/);
    assert.equal((await library.read(shown.id))?.id, shown.id);
  });

  it('migrates an index of schema 1 (no pins): every conversation listed, written as schema 2', async () => {
    const { store } = await open();
    const [older, newer] = [conversation('older', 1), conversation('newer', 2)];
    await saveAll(store, [older, newer]);
    const schema1 = { schema: 1, current: newer.id, conversations: [newer, older].map(({ id, title, updatedAt }) => ({ id, title, updatedAt })) };
    writeFileSync(join(folder(), 'index.json'), JSON.stringify(schema1));
    const again = await open();
    assert.equal(again.opened?.id, newer.id);
    assert.deepEqual(again.library.list().map((entry) => [entry.title, entry.pinned]), [['newer', false], ['older', false]]);
    await again.library.setPinned(older.id, true);
    assert.equal(readJson('index.json').schema, INDEX_SCHEMA_VERSION);
    assert.deepEqual(notices, []);
  });

  it('bounds what an index file says: entries listed, title lengths, duplicates', async () => {
    const entries = Array.from({ length: MAX_INDEX_ENTRIES + 50 }, (_, i) => ({ id: `id-${i % (MAX_INDEX_ENTRIES + 10)}`, title: 't'.repeat(1000), updatedAt: i }));
    mkdirSync(folder(), { recursive: true });
    writeFileSync(join(folder(), 'index.json'), JSON.stringify({ schema: 2, conversations: entries }));
    const { library } = await open();
    const listed = library.list();
    assert.ok(listed.length <= MAX_INDEX_ENTRIES);
    assert.ok(listed.every((entry) => entry.title.length <= MAX_TITLE_CHARS));
    assert.equal(new Set(listed.map((entry) => entry.id)).size, listed.length);
  });
});
