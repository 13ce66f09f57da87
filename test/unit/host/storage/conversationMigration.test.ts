import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newConversation } from '../../../../src/host/session/chatSession';
import { LEGACY_KEY, migrateFromMemento, type Memento } from '../../../../src/host/storage/conversationMigration';
import { ConversationStore } from '../../../../src/host/storage/conversationStore';
import { NodeFileStore, type FileStore } from '../../../../src/host/storage/fileStore';
import { ImageStore } from '../../../../src/host/images/imageStore';
import type { Conversation } from '../../../../src/shared/conversation';
import { CountingFileStore } from './storeFakes';

class FakeMemento implements Memento {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
  }
}

/** What version 0.1.0 kept in workspaceState. */
function legacyConversation(): Conversation {
  const conversation = newConversation('gpt-4o-mini');
  conversation.title = 'From the memento';
  conversation.entries.push(
    { id: 'q', role: 'user', text: 'Old question', createdAt: 1, images: [{ id: 'c'.repeat(64), mimeType: 'image/png', name: 'p.png', width: 1, height: 1, size: 3 }] },
    { id: 'a', role: 'assistant', candidates: [{ content: 'Old answer' }], chosen: 0, status: 'done', model: 'gpt-4o-mini', createdAt: 2 },
  );
  return conversation;
}

describe('Moving the workspaceState conversation into the file store', () => {
  let root: string;
  let memento: FakeMemento;
  let notices: string[];

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cc-migrate-'));
    memento = new FakeMemento();
    notices = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const openStore = async (files: FileStore = new NodeFileStore(root)) => {
    const store = new ConversationStore(files);
    const opened = await store.open();
    return { store, opened };
  };

  it('writes it to the files, then removes it from workspaceState; the next start finds it there', async () => {
    const legacy = legacyConversation();
    await memento.update(LEGACY_KEY, legacy);
    const legacyImages = join(root, 'legacy-images');
    mkdirSync(legacyImages);
    writeFileSync(join(legacyImages, 'c'.repeat(64)), 'png');
    const images = new ImageStore(join(root, 'conversation-images'));
    const { store, opened } = await openStore();
    assert.equal(opened, undefined);
    const migrated = await migrateFromMemento({ memento, store, copyImages: (ids) => images.copyFrom(legacyImages, ids), notice: (m) => notices.push(m) });
    assert.deepEqual(migrated, legacy);
    assert.equal(memento.get(LEGACY_KEY), undefined);
    assert.deepEqual((await openStore()).opened, legacy);
    assert.equal(readFileSync(join(root, 'conversation-images', 'c'.repeat(64)), 'utf8'), 'png', 'its images came along');
    assert.deepEqual(notices, []);
  });

  it('drops the memento copy when the files already have a conversation (a second run, or a crash after the write)', async () => {
    const current = newConversation('m');
    // An empty conversation is not written (the history keeps none): this one has a question.
    current.entries.push({ id: 'q1', role: 'user', text: 'Newer', createdAt: 1 });
    const first = await openStore();
    first.store.save(current, true);
    await first.store.flush();
    await memento.update(LEGACY_KEY, legacyConversation());
    const { store, opened } = await openStore();
    assert.equal(await migrateFromMemento({ memento, store }), undefined);
    assert.equal(opened?.id, current.id);
    assert.equal(memento.get(LEGACY_KEY), undefined);
    assert.equal((await openStore()).opened?.id, current.id);
  });

  it('keeps the memento copy when the files cannot be written, so nothing is lost', async () => {
    await memento.update(LEGACY_KEY, legacyConversation());
    const files = new CountingFileStore(new NodeFileStore(root));
    files.failWrites = 10;
    const { store } = await openStore(files);
    const migrated = await migrateFromMemento({ memento, store });
    assert.equal(migrated?.title, 'From the memento', 'the session still shows it');
    assert.ok(memento.get(LEGACY_KEY), 'still in workspaceState');
  });

  it('gives a conversation whose id cannot be a file name a new one', async () => {
    const legacy = { ...legacyConversation(), id: '../../escape' };
    await memento.update(LEGACY_KEY, legacy);
    const { store } = await openStore();
    const migrated = await migrateFromMemento({ memento, store });
    assert.match(migrated!.id, /^[0-9a-f-]{36}$/);
    assert.ok(existsSync(join(root, 'conversations', `${migrated!.id}.json`)));
  });

  it('sets an unreadable memento value aside with a plain notice, never fatal', async () => {
    await memento.update(LEGACY_KEY, { id: 7, entries: '[link](command:evil)' });
    const { store } = await openStore();
    assert.equal(await migrateFromMemento({ memento, store, notice: (m) => notices.push(m) }), undefined);
    assert.equal(memento.get(LEGACY_KEY), undefined);
    const aside = readdirSync(join(root, 'conversations')).filter((name) => /^workspaceState\.corrupt-\d+$/.test(name));
    assert.equal(aside.length, 1);
    assert.match(readFileSync(join(root, 'conversations', aside[0]!), 'utf8'), /command:evil/);
    assert.equal(notices.length, 1);
    assert.doesNotMatch(notices[0]!, /command|evil|\[/);
  });
});
