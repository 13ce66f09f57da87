// The extension in a VS Code whose display language is Simplified Chinese (code-server started
// with --locale zh-cn and a language pack, see test/support/languagePack.ts; this suite runs only
// in that run: `runIntegration.js --locale zh-cn`). The extension host loads our
// l10n/bundle.l10n.zh-cn.json by itself: commands' notifications, the model picker and the
// provider's errors come out in Chinese, error codes and the server's own text as sent. Then the
// runner reads the real panel in the browser while it shows that error
// (test/support/chinesePanelCheck.ts): asked for and answered through files beside the result.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TestApi } from '../../../src/extension';
import { aceDataError, FakeApiServer } from '../../support/fakeApiServer';
import { activateForTests, enterApiToken, setSetting, until } from '../extensionHarness';

suite('Chinese (display language zh-cn)', function () {
  this.timeout(60_000);
  const server = new FakeApiServer({ models: ['local-model'] });
  let api: TestApi;

  suiteSetup(async () => {
    await server.start();
    api = await activateForTests();
    await setSetting('baseUrl', `${server.url}/v1`);
    await setSetting('stream', true);
  });

  suiteTeardown(async () => {
    await server.stop();
  });

  test('VS Code runs in Chinese and the extension host loaded our bundle', () => {
    assert.equal(vscode.env.language, 'zh-cn');
    assert.ok(vscode.l10n.uri?.path.endsWith('/l10n/bundle.l10n.zh-cn.json'), `bundle: ${vscode.l10n.uri?.toString()}`);
    assert.equal(vscode.l10n.t('New Conversation'), '新建对话');
    assert.equal(vscode.l10n.t('Remove {0}', 'a.png'), '移除 a.png');
  });

  test('a command\'s notification is in Chinese', async () => {
    const shown: string[] = [];
    const answered = api.dialogs.answer({ info: (message) => void shown.push(message) });
    try {
      await vscode.commands.executeCommand('completionsChat.clearApiToken');
    } finally {
      answered.dispose();
    }
    assert.deepEqual(shown, ['已从机密存储中删除 API 令牌。']);
  });

  test('the provider\'s error code comes back in Chinese, with its code and the server\'s text as sent, shown in the panel', async () => {
    await enterApiToken(api, 'zh-token');
    await vscode.commands.executeCommand('completionsChat.openChat');
    await vscode.commands.executeCommand('completionsChat.newConversation');
    server.enqueue(aceDataError('invalid_token', '令牌无效'));
    await api.session.send('你好？');
    const answer = api.session.lastAnswer()!;
    assert.equal(answer.status, 'error');
    assert.equal(answer.error?.action, 'setToken');
    assert.match(answer.error!.message, /^服务器拒绝了 API 令牌：令牌无效。 请为此端点设置有效的 API 令牌，然后重试。 \(HTTP 401，错误码 invalid_token/);
    // The new conversation's title is the question; an untitled one would say 新对话.
    assert.equal(api.session.conversation.title, '你好？');
    await until(() => api.session.conversation.entries.length === 2, 'the answer to be kept');
  });

  test('the real panel reads in Chinese: language, composer, toolbar, the error and its action (read by the runner in the browser)', async function () {
    const resultFile = process.env.COMPLETIONS_CHAT_TEST_RESULT;
    if (!resultFile) this.skip(); // the Electron runner has no browser to read the panel with
    this.timeout(120_000);
    writeFileSync(`${resultFile}.panel-ready`, '');
    await until(() => existsSync(`${resultFile}.panel-checked`), 'the runner to read the panel', 100_000);
    const { problems } = JSON.parse(readFileSync(`${resultFile}.panel-checked`, 'utf8')) as { problems: string[] };
    assert.deepEqual(problems, []);
  });
});
