import assert from 'node:assert/strict';
import { posix } from 'node:path';
import type * as vscode from 'vscode';
import { exportConversation, exportFileName, type ExportDeps } from '../../../../src/host/commands/exportConversation';
import type { Conversation, ImageAttachment } from '../../../../src/shared/conversation';
import { FakeDialogs, FakeFiles, answerEntry, fakeUri } from '../view/viewFakes';

const image: ImageAttachment = { id: 'a'.repeat(64), mimeType: 'image/png', name: '../../evil name.png', width: 2, height: 2, size: 4 };

function conversation(entries: Conversation['entries'] = [
  { id: 'q1', role: 'user', text: 'What is in this picture?', images: [image, image], createdAt: 0 },
  answerEntry('a1', 'A **cat**.'),
]): Conversation {
  return { id: 'c1', title: 'Cats / dogs: "a" test', model: 'm', entries, createdAt: 0, updatedAt: 0 };
}

function setup() {
  const dialogs = new FakeDialogs();
  const files = new FakeFiles();
  const opened: string[] = [];
  const copied: string[] = [];
  const deps: ExportDeps = {
    dialogs,
    files,
    imageBytes: async (id) => (id === image.id ? new Uint8Array([1, 2, 3, 4]) : undefined),
    besides: (target: vscode.Uri, relative: string) => fakeUri(posix.join(posix.dirname(target.path), relative)),
    openInEditor: async (markdown) => opened.push(markdown),
    copy: async (text) => void copied.push(text),
  };
  return { dialogs, files, opened, copied, deps };
}

describe('exportConversation', () => {
  it('offers the editor, a file and the clipboard, and opens the Markdown in a new editor', async () => {
    const { dialogs, opened, deps } = setup();
    dialogs.pickAnswer = 'editor';
    assert.equal(await exportConversation(conversation(), deps), 'editor');
    assert.deepEqual(dialogs.picks[0]!.ids, ['editor', 'file', 'clipboard']);
    assert.match(opened[0]!, /What is in this picture\?[\s\S]*A \*\*cat\*\*\./);
  });

  it('copies the whole conversation', async () => {
    const { copied, deps } = setup();
    await exportConversation(conversation(), deps, 'clipboard');
    assert.match(copied[0]!, /^# Cats/);
  });

  it('saves to a file with each attached image once, in a folder beside it under a name of our making', async () => {
    const { dialogs, files, deps } = setup();
    dialogs.pickAnswer = 'file';
    dialogs.saveTarget = fakeUri('/workspace/My Notes.md');
    assert.equal(await exportConversation(conversation(), deps), 'file');
    const imagePath = `/workspace/my-notes-images/${'a'.repeat(16)}.png`;
    assert.deepEqual([...files.written.keys()].sort(), ['/workspace/My Notes.md', imagePath]);
    assert.match(files.written.get('/workspace/My Notes.md')!, /!\[\.\.\/\.\.\/evil name\.png\]\(<my-notes-images\/a{16}\.png>\)/);
    assert.deepEqual(files.shown, ['/workspace/My Notes.md']);
    assert.equal(dialogs.saveDialogs[0]!.defaultUri!.path, '/workspace/cats-dogs-a-test.md');
  });

  it('does nothing when cancelled, and says so when there is nothing to export', async () => {
    const { dialogs, files, opened, deps } = setup();
    assert.equal(await exportConversation(conversation(), deps), undefined);
    dialogs.pickAnswer = 'file';
    assert.equal(await exportConversation(conversation(), deps), undefined);
    assert.equal(files.written.size + opened.length, 0);
    assert.equal(await exportConversation(conversation([]), deps), undefined);
    assert.match(dialogs.notices.at(-1)!.message, /nothing to export/);
  });

  it('makes a plain file name from any title', () => {
    assert.equal(exportFileName('../../etc/passwd'), 'etc-passwd.md');
    assert.equal(exportFileName('   '), 'conversation.md');
    assert.equal(exportFileName('Überprüfung der Schleife'), 'uberprufung-der-schleife.md');
    assert.equal(exportFileName('解释这个循环'), '解释这个循环.md');
  });
});
