// Issue 11 in a real VS Code extension host: the panel's messages go through the real
// controller (its guard and handler map), the real modal confirmation (answered here as a
// person would), the session, the loopback server and the storage folder: an edit replaces the
// later turns on disk, Undo puts them back on disk, and Continue appends to the same answer.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TrustQuestion } from '../../src/host/images/imageTrust';
import type { Conversation } from '../../src/shared/conversation';
import { activateForTests, enterApiToken, setSetting, until } from './extensionHarness';
import { FakeApiServer, textReply } from '../support/fakeApiServer';

suite('Edit and resend, Continue in a real VS Code (issue 11)', function () {
  this.timeout(30_000);
  const server = new FakeApiServer();
  let api: TestApi;

  function onDisk(): Conversation | undefined {
    const folder = join(api.storageFolder, 'conversations');
    try {
      const current = JSON.parse(readFileSync(join(folder, 'index.json'), 'utf8')).current as string;
      return JSON.parse(readFileSync(join(folder, `${current}.json`), 'utf8')).conversation as Conversation;
    } catch {
      return undefined;
    }
  }
  const texts = (conversation: Conversation | undefined) =>
    conversation?.entries.map((entry) => (entry.role === 'user' ? entry.text : entry.candidates[entry.chosen]?.content)) ?? [];

  suiteSetup(async () => {
    await server.start();
    api = await activateForTests();
    await setSetting('baseUrl', `${server.url}/v1`);
    await setSetting('stream', true);
    await enterApiToken(api, 'sk-turn-edits');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('completionsChat.clearApiToken');
    await server.stop();
  });

  setup(async () => {
    server.reset();
    await vscode.commands.executeCommand('completionsChat.newConversation');
  });

  test('an edit asks before replacing the later turn; the replacement and the Undo are both on disk', async () => {
    server.enqueue(textReply('One.'), textReply('Two.'), textReply('One, again.'));
    await api.session.send('First?');
    await api.session.send('Second?');
    const [first] = api.session.conversation.entries;
    const asked: TrustQuestion[] = [];
    const answering = api.dialogs.answer({ confirm: async (question) => (asked.push(question), true) });
    try {
      await api.controller.receive({ type: 'editQuestion', entryId: first!.id, text: 'First, edited?' });
    } finally {
      answering.dispose();
    }
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.message, 'Resend the edited question and replace the 1 later turn?');
    assert.deepEqual(texts(api.session.conversation), ['First, edited?', 'One, again.']);
    await until(() => JSON.stringify(texts(onDisk())) === JSON.stringify(['First, edited?', 'One, again.']), 'the edit on disk');

    const offer = api.session.undoOffer;
    assert.ok(offer);
    await api.controller.receive({ type: 'undoReplace', id: offer.id });
    assert.deepEqual(texts(api.session.conversation), ['First?', 'One.', 'Second?', 'Two.']);
    await until(() => JSON.stringify(texts(onDisk())) === JSON.stringify(['First?', 'One.', 'Second?', 'Two.']), 'the Undo on disk');
  });

  test('Continue appends the rest of a cut answer to it, asked with the cut answer and an instruction', async () => {
    server.enqueue(textReply('Mercury, Ven', { finishReason: 'length' }), textReply('us, Earth.'));
    await api.session.send('Planets?');
    const cut = api.session.lastAnswer()!;
    assert.equal(cut.candidates[0]!.finishReason, 'length');
    await api.controller.receive({ type: 'continueAnswer', entryId: cut.id });
    const [, second] = server.chatRequests();
    assert.deepEqual((second!.body.messages as { role: string }[]).map((message) => message.role).slice(-3), ['user', 'assistant', 'user']);
    assert.equal(second!.body.messages.at(-2).content, 'Mercury, Ven');
    assert.equal(api.session.lastAnswer()!.id, cut.id);
    assert.equal(api.session.lastAnswer()!.candidates[0]!.content, 'Mercury, Venus, Earth.');
    await until(() => texts(onDisk()).at(-1) === 'Mercury, Venus, Earth.', 'the continued answer on disk');
  });
});
