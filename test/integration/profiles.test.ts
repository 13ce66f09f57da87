// Endpoint profiles (issue 12) in a real VS Code extension host: the palette's "Switch Endpoint
// Profile…" on VS Code's configuration, global state and secret storage. The conversation goes on
// with the second profile's endpoint and model; "Set API Token" then asks for that profile's own
// token (the Default profile's stays as it was), and the second server gets it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { Choice } from '../../src/host/dialogs';
import { activateForTests, setSetting, until } from './extensionHarness';
import { FakeApiServer, textReply } from '../support/fakeApiServer';

suite('Endpoint profiles in a real VS Code', function () {
  this.timeout(30_000);
  const first = new FakeApiServer();
  const second = new FakeApiServer({ models: ['second-model'] });
  let api: TestApi;

  suiteSetup(async () => {
    await first.start();
    await second.start();
    api = await activateForTests();
    await setSetting('baseUrl', `${first.url}/v1`);
    await setSetting('stream', true);
    await setSetting('profiles', [{ name: 'Second', id: 'second', baseUrl: `${second.url}/v1`, model: 'second-model' }]);
  });

  suiteTeardown(async () => {
    await api.credentials.clear('second');
    await api.profileActions.switchTo('default');
    await setSetting('profiles', undefined);
    await vscode.commands.executeCommand('completionsChat.clearApiToken');
    await first.stop();
    await second.stop();
  });

  test("Switch Endpoint Profile… moves the conversation to the second endpoint, with its own model and token", async () => {
    await vscode.commands.executeCommand('completionsChat.newConversation');
    const offered: Choice<string>[][] = [];
    const picking = api.dialogs.answer({
      pickOne: async <T extends string>(choices: readonly Choice<T>[]) => {
        offered.push([...choices]);
        return 'second' as T;
      },
    });
    try {
      await vscode.commands.executeCommand('completionsChat.switchProfile');
    } finally {
      picking.dispose();
    }
    assert.deepEqual(offered[0]?.map((choice) => choice.id), ['default', 'second']);
    assert.match(offered[0]![0]!.label, /Default \(current\)/);
    assert.equal(api.session.conversation.profile, 'second');
    assert.equal(api.session.conversation.model, 'second-model');

    const asked: vscode.InputBoxOptions[] = [];
    const typing = api.dialogs.answer({
      showInputBox: async (options) => {
        asked.push(options);
        return 'second-profile-token';
      },
    });
    try {
      await vscode.commands.executeCommand('completionsChat.setApiToken');
    } finally {
      typing.dispose();
    }
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.password, true);
    assert.match(asked[0]!.title ?? '', /"Second"/);
    assert.equal(await api.credentials.hasToken(second.url, 'second'), true);
    assert.equal(await api.credentials.hasToken(second.url), false, "the Default profile's token is another one");

    second.enqueue(textReply('From the second server.'));
    await api.session.send('Who answers?');
    await until(() => api.session.lastAnswer()?.status === 'done', 'the answer');
    assert.equal(api.session.lastAnswer()?.candidates[0]?.content, 'From the second server.');
    assert.equal(second.chatRequests().length, 1);
    assert.equal(second.chatRequests()[0]!.headers.authorization, 'Bearer second-profile-token');
    assert.equal(second.chatRequests()[0]!.body.model, 'second-model');
    assert.equal(first.chatRequests().length, 0);

    // A new conversation starts with the active profile.
    await vscode.commands.executeCommand('completionsChat.newConversation');
    assert.equal(api.session.conversation.profile, 'second');
  });

  test('the profile removed from the settings while its conversation is shown: a plain notice, Default takes over, the question goes out', async () => {
    // The previous test left the second profile active, on a new conversation.
    if (api.session.conversation.profile !== 'second') await api.profileActions.switchTo('second');
    const warnings: string[] = [];
    const watching = api.dialogs.answer({ warn: (message) => void warnings.push(message) });
    try {
      await setSetting('profiles', [{ name: 'Third', baseUrl: `${second.url}/v1`, model: 'third-model' }]);
      await until(() => api.session.conversation.profile === 'default', 'the conversation to take the Default profile');
      assert.equal(warnings.length, 1, warnings.join(' | '));
      assert.match(warnings[0]!, /"second"/);
      assert.equal(api.session.conversation.model, await vscode.workspace.getConfiguration('completionsChat').get('model'));

      const typing = api.dialogs.answer({ showInputBox: async () => 'default-token' });
      try {
        await vscode.commands.executeCommand('completionsChat.setApiToken');
      } finally {
        typing.dispose();
      }
      first.enqueue(textReply('From the first server.'));
      const before = first.chatRequests().length;
      await api.session.send('Still answered?');
      await until(() => api.session.lastAnswer()?.status !== 'streaming', 'the answer');
      assert.equal(api.session.lastAnswer()?.status, 'done', api.session.lastAnswer()?.error?.message);
      assert.equal(first.chatRequests().length, before + 1);
      assert.equal(warnings.length, 1, 'said once');
    } finally {
      watching.dispose();
      await setSetting('profiles', [{ name: 'Second', id: 'second', baseUrl: `${second.url}/v1`, model: 'second-model' }]);
    }
  });
});
