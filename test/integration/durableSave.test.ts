// Durable saving in a real VS Code extension host: the conversation is written by the host
// itself into its workspace storage folder (not the workspaceState memento, which lives on
// the client in code-server), a question before its request, a streaming answer within a
// second, and nothing of the token.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { AssistantEntry, Conversation } from '../../src/shared/conversation';
import { activateForTests, enterApiToken, setSetting, until } from './extensionHarness';
import { FakeApiServer, textReply } from '../support/fakeApiServer';

const TOKEN = 'sk-durable-integration-0123456789';
/** Durable within a second by design; three leave room for a loaded two-core machine. */
const ON_DISK_WITHIN_MS = 3000;

suite('Durable saving in a real VS Code', function () {
  this.timeout(30_000);
  const server = new FakeApiServer();
  let api: TestApi;

  /** The current conversation as it is on disk now. */
  function onDisk(): Conversation | undefined {
    const folder = join(api.storageFolder, 'conversations');
    const indexFile = join(folder, 'index.json');
    try {
      const current = JSON.parse(readFileSync(indexFile, 'utf8')).current as string;
      return JSON.parse(readFileSync(join(folder, `${current}.json`), 'utf8')).conversation as Conversation;
    } catch {
      // Not written yet, or the index was read just before a New Conversation replaced the file.
      return undefined;
    }
  }

  suiteSetup(async () => {
    await server.start();
    api = await activateForTests();
    await setSetting('baseUrl', `${server.url}/v1`);
    await setSetting('stream', true);
    await enterApiToken(api, TOKEN);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('completionsChat.clearApiToken');
    await server.stop();
  });

  setup(async () => {
    server.reset();
    await vscode.commands.executeCommand('completionsChat.newConversation');
  });

  test('the storage folder is the workspace storage of this folder, not the workspaceState memento', () => {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'a folder is open');
    assert.match(api.storageFolder, /workspaceStorage/);
  });

  // The store writes at most every 500 ms while streaming (its unit test proves that on a
  // simulated clock); here, on a real and possibly loaded machine, the bound is looser.
  test('a question lands on disk before its request, a streaming answer within a second of each change', async () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`);
    let questionOnDiskWhenAsked = false;
    server.respondWith(() => {
      questionOnDiskWhenAsked = onDisk()?.entries.some((entry) => entry.role === 'user' && entry.text === 'Stream slowly') ?? false;
      return textReply(words.join(' '), { tokenDelayMs: 100 });
    });
    const done = api.session.send('Stream slowly');
    await until(() => (api.session.lastAnswer()?.candidates[0]?.content.length ?? 0) > 0, 'the first delta');
    assert.ok(questionOnDiskWhenAsked, 'the question was on disk when the server was asked');
    // Several times while it streams: what the session had is on disk within a second.
    for (let check = 0; check < 3; check++) {
      const seen = api.session.lastAnswer()!.candidates[0]!.content;
      await until(() => ((onDisk()?.entries[1] as AssistantEntry | undefined)?.candidates[0]?.content ?? '').startsWith(seen), 'the partial answer on disk', ON_DISK_WITHIN_MS);
    }
    await done;
    await until(() => (onDisk()?.entries[1] as AssistantEntry | undefined)?.status === 'done', 'the finished answer on disk', ON_DISK_WITHIN_MS);
    assert.equal((onDisk()!.entries[1] as AssistantEntry).candidates[0]!.content, words.join(' '));
  });

  test('New Conversation keeps the old file (the history); nothing of the token is in the storage folder', async () => {
    server.enqueue(textReply('First.'));
    await api.session.send('One');
    const first = api.session.conversation.id;
    await vscode.commands.executeCommand('completionsChat.newConversation');
    server.enqueue(textReply('Second.'));
    await api.session.send('Two');
    await until(() => onDisk()?.id === api.session.conversation.id, 'the new conversation on disk', ON_DISK_WITHIN_MS);
    const folder = join(api.storageFolder, 'conversations');
    assert.ok(existsSync(join(folder, `${first}.json`)), 'the old conversation is kept');
    for (const name of readdirSync(folder)) {
      assert.ok(!readFileSync(join(folder, name), 'utf8').includes(TOKEN.slice(3)), `${name} holds the token`);
    }
  });
});
