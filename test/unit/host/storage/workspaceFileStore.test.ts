import assert from 'node:assert/strict';
import { ContentImageStore } from '../../../../src/host/images/contentImageStore';
import { newConversation } from '../../../../src/host/session/chatSession';
import { ConversationStore } from '../../../../src/host/storage/conversationStore';
import { IMAGES_FOLDER, openStorageOn } from '../../../../src/host/storage/storageOn';
import { WorkspaceFileStore } from '../../../../src/host/storage/workspaceFileStore';
import { FakeWorkspaceFs } from './fakeWorkspaceFs';
import { ManualTimers } from './storeFakes';

const PNG_1x1 = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
);

describe('WorkspaceFileStore (vscode.workspace.fs, the web build)', () => {
  let fs: FakeWorkspaceFs;
  const store = () => new WorkspaceFileStore<string>({ fs, root: 'root', join: (base, ...parts) => [base, ...parts].join('/'), now: () => fs.now });

  beforeEach(() => {
    fs = new FakeWorkspaceFs();
  });

  it('writes through a temporary file renamed over the target, creating the folder', async () => {
    await store().write('conversations/a.json', 'one');
    const writes = fs.calls.filter((call) => /^(writeFile|rename)/.test(call));
    assert.equal(writes.length, 2);
    assert.match(writes[0]!, /^writeFile root\/conversations\/a\.json\.[0-9a-f]{8}\.1\.tmp$/);
    assert.match(writes[1]!, /^rename root\/conversations\/a\.json\.[0-9a-f]{8}\.1\.tmp root\/conversations\/a\.json$/);
    assert.equal(fs.text('root/conversations/a.json'), 'one');
    assert.deepEqual([...fs.files.keys()], ['root/conversations/a.json']);
    assert.equal(await store().read('conversations/a.json'), 'one');
  });

  it('keeps the old file whole when the write of the new one fails, or its rename does', async () => {
    const files = store();
    await files.write('index.json', 'old');
    fs.failNext('writeFile');
    await assert.rejects(files.write('index.json', 'new'));
    assert.equal(fs.text('root/index.json'), 'old');
    fs.failNext('rename');
    await assert.rejects(files.write('index.json', 'new'));
    assert.equal(fs.text('root/index.json'), 'old');
    assert.deepEqual([...fs.files.keys()], ['root/index.json'], 'the temporary file of the failed rename is deleted');
  });

  it('gives two writers (two browser tabs) different temporary files', async () => {
    await store().write('a.json', '1');
    await store().write('a.json', '2');
    const temps = fs.calls.filter((call) => call.startsWith('writeFile')).map((call) => call.split(' ')[1]);
    assert.equal(new Set(temps).size, 2);
  });

  it('reads a missing file as undefined, lists a missing folder as empty, removes a missing file quietly', async () => {
    const files = store();
    assert.equal(await files.read('nothing.json'), undefined);
    assert.deepEqual(await files.list('conversations'), []);
    await files.remove('nothing.json');
    assert.equal(await files.age('nothing.json'), undefined);
  });

  it('lists only files, renames without overwriting, and tells a file age from its mtime', async () => {
    const files = store();
    await files.write('conversations/a.json', 'a');
    await files.write('conversations/sub/b.json', 'b');
    assert.deepEqual(await files.list('conversations'), ['a.json']);
    await files.rename('conversations/a.json', 'conversations/a.json.corrupt-1');
    assert.equal(await files.read('conversations/a.json'), undefined);
    await files.write('conversations/c.json', 'c');
    await assert.rejects(files.rename('conversations/c.json', 'conversations/a.json.corrupt-1'));
    fs.now += 5000;
    assert.equal(await files.age('conversations/c.json'), 5000);
  });

  it('passes on errors other than a missing file', async () => {
    fs.failNext('readFile', Object.assign(new Error('no permission'), { code: 'NoPermissions' }));
    await assert.rejects(store().read('a.json'), /no permission/);
  });

  it('takes only plain relative paths of its own making', async () => {
    for (const bad of ['../x.json', 'a/../../x.json', '/x.json', 'a//b', 'a\\b', '.']) {
      await assert.rejects(store().write(bad, 'x'), /not a store path/);
    }
  });

  it('keeps a conversation across a reload, as the conversation store uses it', async () => {
    const first = new ConversationStore(store(), { timers: new ManualTimers() });
    assert.equal(await first.open(), undefined);
    const conversation = newConversation('m');
    conversation.entries.push({ id: 'q1', role: 'user', text: 'Kept in the browser?', createdAt: 1 });
    first.save(conversation, true);
    assert.equal(await first.flush(), true);
    const reopened = await new ConversationStore(store(), { timers: new ManualTimers() }).open();
    assert.deepEqual(reopened, conversation);
    assert.ok([...fs.files.keys()].every((path) => !path.endsWith('.tmp')));
  });

  it('restores a conversation whose save was cut between deleting the old file and copying the new one in', async () => {
    const first = new ConversationStore(store(), { timers: new ManualTimers() });
    await first.open();
    const conversation = newConversation('m');
    conversation.entries.push({ id: 'q1', role: 'user', text: 'Kept in the browser?', createdAt: 1 });
    first.save(conversation, true);
    assert.equal(await first.flush(), true);
    conversation.entries.push({ id: 'q2', role: 'user', text: 'And the words written last?', createdAt: 2 });
    fs.cutNextRename();
    first.save(conversation, true);
    assert.equal(await first.flush(), false, 'the save did not finish: the tab closed');
    assert.ok(!fs.files.has(`root/conversations/${conversation.id}.json`), 'only the temporary file holds the conversation');
    fs.reopen();
    const reopened = await new ConversationStore(store(), { timers: new ManualTimers() }).open();
    assert.deepEqual(reopened, conversation);
    assert.ok([...fs.files.keys()].every((path) => !path.endsWith('.tmp')));
  });

  it('never moves a half-written temporary file into place, and still sweeps it when stale', async () => {
    const files = store();
    await files.write('conversations/index.json', JSON.stringify({ schema: 2, conversations: [] }));
    fs.files.set('root/conversations/abc.json.0a1b2c3d.1.tmp', { bytes: new TextEncoder().encode('{"schema":1,"conver'), mtime: fs.now });
    fs.now += 120_000;
    assert.equal(await new ConversationStore(store(), { timers: new ManualTimers() }).open(), undefined);
    assert.deepEqual([...fs.files.keys()], ['root/conversations/index.json']);
  });

  it('stores images by content beside the conversations, and opens the whole storage on it', async () => {
    const files = store();
    const images = new ContentImageStore(files.imageFiles(IMAGES_FOLDER));
    const stored = await images.put(PNG_1x1, { maxBytes: 1000, maxSide: 10, maxPixels: 100 });
    assert.ok(fs.files.has(`root/${IMAGES_FOLDER}/${stored.id}`));
    assert.deepEqual(await new ContentImageStore(store().imageFiles(IMAGES_FOLDER)).get(stored.id), PNG_1x1);
    const storage = await openStorageOn({ files: store(), images }, { memento: { get: () => undefined, update: async () => undefined }, attachedImages: () => [], notice: () => undefined, log: () => undefined });
    assert.equal(storage.saved, undefined);
  });
});
