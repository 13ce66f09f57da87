// Many conversations in a real VS Code extension host (issue 11): New Conversation keeps the
// old one on disk and in the history, Show History is a contributed command that opens the
// panel's history, a conversation opens from the history, and delete with Undo moves its file
// aside and back.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { activateForTests, enterApiToken, setSetting, until } from './extensionHarness';
import { FakeApiServer, textReply } from '../support/fakeApiServer';

/** Durable within a second by design; three leave room for a loaded two-core machine. */
const ON_DISK_WITHIN_MS = 3000;

suite('Conversation history in a real VS Code', function () {
  this.timeout(30_000);
  const server = new FakeApiServer();
  let api: TestApi;
  const folder = () => join(api.storageFolder, 'conversations');
  const index = () => JSON.parse(readFileSync(join(folder(), 'index.json'), 'utf8')) as { schema: number; current?: string; conversations: { id: string; title: string; pinned: boolean }[] };

  suiteSetup(async () => {
    await server.start();
    api = await activateForTests();
    await setSetting('baseUrl', `${server.url}/v1`);
    await enterApiToken(api, 'sk-history-integration-0123456789');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('completionsChat.clearApiToken');
    await server.stop();
  });

  setup(() => server.reset());

  test('New Conversation keeps the old one: both files on disk, both in the index, titled by their first question', async () => {
    await vscode.commands.executeCommand('completionsChat.newConversation');
    server.enqueue(textReply('First answer.'), textReply('Second answer.'));
    await api.session.send('The first conversation');
    const first = api.session.conversation.id;
    await vscode.commands.executeCommand('completionsChat.newConversation');
    await api.session.send('The second conversation');
    const second = api.session.conversation.id;
    assert.notEqual(first, second);
    await until(() => existsSync(join(folder(), `${second}.json`)) && index().current === second, 'the second conversation on disk', ON_DISK_WITHIN_MS);
    assert.ok(existsSync(join(folder(), `${first}.json`)), 'the first conversation is still on disk');
    const titles = Object.fromEntries(index().conversations.map((entry) => [entry.id, entry.title]));
    assert.equal(titles[first], 'The first conversation');
    assert.equal(titles[second], 'The second conversation');
    assert.equal(index().schema, 2);
    assert.deepEqual(api.library.list().slice(0, 2).map((entry) => entry.id), [second, first], 'newest first');
  });

  test('Show History is a contributed command that shows the panel in its history view; a conversation opens from it', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('completionsChat.showHistory'));
    await vscode.commands.executeCommand('completionsChat.showHistory');
    const list = api.history.listMessage();
    assert.equal(list.shown, true);
    assert.equal(list.currentId, api.session.conversation.id);
    const older = api.library.list().find((entry) => entry.id !== api.session.conversation.id)!;
    await api.controller.receive({ type: 'openConversation', id: older.id });
    assert.equal(api.session.conversation.id, older.id);
    await until(() => index().current === older.id, 'the opened conversation to be the current one on disk', ON_DISK_WITHIN_MS);
  });

  test('delete moves the file aside and Undo restores it exactly; pin and rename reach the index', async () => {
    await vscode.commands.executeCommand('completionsChat.newConversation');
    server.enqueue(textReply('To be deleted.'));
    await api.session.send('Delete me');
    const doomed = api.session.conversation.id;
    await vscode.commands.executeCommand('completionsChat.newConversation');
    await api.conversations.flushWithin(ON_DISK_WITHIN_MS);
    const before = readFileSync(join(folder(), `${doomed}.json`), 'utf8');
    await api.controller.receive({ type: 'deleteConversation', id: doomed });
    assert.equal(existsSync(join(folder(), `${doomed}.json`)), false);
    // Named with when it was deleted: a reload within the Undo window offers it again.
    assert.ok(readdirSync(folder()).some((name) => name.startsWith(`${doomed}.json.deleted-`)), readdirSync(folder()).join());
    assert.ok(!index().conversations.some((entry) => entry.id === doomed));
    assert.deepEqual(api.history.listMessage().deleted, { id: doomed, title: 'Delete me' });
    await api.controller.receive({ type: 'undoDelete', id: doomed });
    assert.equal(readFileSync(join(folder(), `${doomed}.json`), 'utf8'), before);
    assert.ok(index().conversations.some((entry) => entry.id === doomed));

    await api.controller.receive({ type: 'pinConversation', id: doomed, pinned: true });
    const answered = api.dialogs.answer({ showInputBox: async () => 'Renamed in the input box' });
    try {
      await api.controller.receive({ type: 'renameConversation', id: doomed });
    } finally {
      answered.dispose();
    }
    const entry = index().conversations.find((candidate) => candidate.id === doomed)!;
    assert.deepEqual([entry.title, entry.pinned], ['Renamed in the input box', true]);
    assert.equal(JSON.parse(readFileSync(join(folder(), `${doomed}.json`), 'utf8')).conversation.title, 'Renamed in the input box');
    assert.equal(api.library.list()[0]!.id, doomed, 'pinned on top');
  });
});
