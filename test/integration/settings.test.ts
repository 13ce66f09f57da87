// The settings service and the model picker in a real VS Code extension host: a bad setting is
// reported once by its name (again after it was fixed and broken again), with "Open Settings";
// closing the model picker hangs up the model-list request it started.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { activateForTests, setSetting, until } from './extensionHarness';

suite('Settings in a real VS Code', function () {
  this.timeout(60_000);
  let api: TestApi;
  /** Answers nothing: a model list that never comes. Records each request's connection closing. */
  let server: Server;
  const requests: { path: string; closed: Promise<void> }[] = [];

  suiteSetup(async () => {
    server = createServer((request) => {
      requests.push({ path: request.url ?? '', closed: new Promise((resolve) => request.socket.once('close', () => resolve())) });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = await activateForTests();
    await setSetting('baseUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
  });

  suiteTeardown(async () => {
    await setSetting('baseUrl', undefined);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('a bad setting is reported once, by its name, with Open Settings; again once fixed and broken again', async () => {
    const warnings: [string, string][] = [];
    const answered = api.dialogs.answer({
      warnWithAction: async (message, action) => {
        if (/completionsChat\./.test(message)) warnings.push([message, action]);
        return false; // dismissed
      },
    });
    try {
      await setSetting('temperature', 7);
      await until(() => warnings.length === 1, 'the report of the bad value');
      assert.match(String(warnings[0]![0]), /"completionsChat\.temperature"/);
      assert.equal(warnings[0]![1], 'Open Settings');

      // Readers of the settings, many times: a send fails with it; a new conversation reads its model.
      for (let i = 0; i < 3; i++) {
        await api.session.send('Hot?');
        assert.equal(api.session.lastAnswer()?.error?.setting, 'completionsChat.temperature');
        await vscode.commands.executeCommand('completionsChat.newConversation');
      }
      assert.equal(warnings.length, 1, 'not again on every read');

      await setSetting('temperature', undefined);
      await setSetting('temperature', 9);
      await until(() => warnings.length === 2, 'the report of the value broken again');
      assert.match(String(warnings[1]![0]), /not "9"/);
    } finally {
      answered.dispose();
      await setSetting('temperature', undefined);
    }
  });

  test('closing the model picker hangs up the model-list request', async () => {
    requests.length = 0;
    const picking = vscode.commands.executeCommand('completionsChat.selectModel');
    await until(() => requests.some((request) => request.path.endsWith('/models')), 'the model-list request');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await picking;
    // Well before the list's own 10 s timeout would end it.
    const bound = new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 5_000));
    const closed = requests.find((request) => request.path.endsWith('/models'))!.closed.then(() => 'closed');
    assert.equal(await Promise.race([closed, bound]), 'closed');
  });
});
