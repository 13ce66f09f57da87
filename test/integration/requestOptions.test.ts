// A conversation's parameters, n candidates, JSON mode and usage in a real VS Code: every
// panel message goes through the view's guard (`view.receive`), every request reaches the
// loopback server, and what it got is checked field by field.
import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { activateForTests, setSetting } from './extensionHarness';
import type { AssistantEntry } from '../../src/shared/conversation';
import { FakeApiServer, openAiError, textReply } from '../support/fakeApiServer';

suite('Parameters, candidates, JSON and usage in a real VS Code', function () {
  this.timeout(30_000);
  const server = new FakeApiServer();
  let api: TestApi;
  const lastAnswer = () => api.session.lastAnswer() as AssistantEntry;

  suiteSetup(async () => {
    await server.start();
    api = await activateForTests();
    await setSetting('baseUrl', `${server.url}/v1`);
    await setSetting('stream', true);
    await setSetting('systemPrompt', 'You are terse.');
    await setSetting('temperature', 0.3);
  });

  suiteTeardown(async () => {
    await setSetting('systemPrompt', undefined);
    await setSetting('temperature', undefined);
    await server.stop();
  });

  setup(async () => {
    server.reset();
    await vscode.commands.executeCommand('completionsChat.newConversation');
  });

  test('parameters set from the panel are sent, stored with the conversation and survive a reload of it', async () => {
    await api.controller.receive({ type: 'setOptions', options: { temperature: 1.1, maxTokens: 50, systemPrompt: 'Answer in French.' } });
    assert.deepEqual(api.session.conversation.options, { temperature: 1.1, maxTokens: 50, systemPrompt: 'Answer in French.' });
    server.enqueue(textReply('Bonjour.'));
    await api.session.send('Hello');
    const body = server.chatRequests()[0]!.body;
    assert.equal(body.temperature, 1.1);
    assert.equal(body.max_tokens, 50);
    assert.deepEqual(body.messages[0], { role: 'system', content: 'Answer in French.' });
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.n, undefined);
    assert.equal(body.response_format, undefined);
    await api.conversations.flush();
    assert.deepEqual(api.conversations.load()?.options, { temperature: 1.1, maxTokens: 50, systemPrompt: 'Answer in French.' });

    // Cleared options follow the settings again.
    await api.controller.receive({ type: 'setOptions', options: {} });
    server.enqueue(textReply('Hi.'));
    await api.session.send('Again');
    const second = server.chatRequests()[1]!.body;
    assert.equal(second.temperature, 0.3);
    assert.equal(second.max_tokens, undefined);
    assert.deepEqual(second.messages[0], { role: 'system', content: 'You are terse.' });
  });

  test('invalid parameters from the webview are dropped by the guard and never sent', async () => {
    await api.controller.receive({ type: 'setOptions', options: { temperature: 1 } });
    for (const options of [{ temperature: 5 }, { maxTokens: 0 }, { n: 9 }, { stream: 'no' }, { logit_bias: {} }]) {
      await api.controller.receive({ type: 'setOptions', options });
    }
    assert.deepEqual(api.session.conversation.options, { temperature: 1 });
    server.enqueue(textReply('Fine.'));
    await api.session.send('Check');
    assert.equal(server.chatRequests()[0]!.body.temperature, 1);
  });

  test('stream off from the panel asks for one whole answer, with the server\'s usage', async () => {
    await api.controller.receive({ type: 'setOptions', options: { stream: false } });
    server.enqueue(textReply('Whole answer.', { usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } }));
    await api.session.send('Hi');
    const body = server.chatRequests()[0]!.body;
    assert.equal(body.stream, false);
    assert.equal(body.stream_options, undefined);
    assert.equal(lastAnswer().candidates[0]!.content, 'Whole answer.');
    assert.deepEqual(lastAnswer().usage, { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
    assert.equal(lastAnswer().usageEstimated, undefined);
  });

  test('n candidates stream by index; the one picked is inserted and carried by the next request', async () => {
    await api.controller.receive({ type: 'setOptions', options: { n: 3 } });
    server.enqueue(textReply(['Use `a`.', 'Use `b`.', 'Use `c`.']));
    await api.session.send('Which?');
    assert.equal(server.chatRequests()[0]!.body.n, 3);
    const answer = lastAnswer();
    assert.deepEqual(answer.candidates.map((candidate) => candidate.content), ['Use `a`.', 'Use `b`.', 'Use `c`.']);

    // Actions act on the candidate the user is looking at.
    const [folder] = vscode.workspace.workspaceFolders ?? [];
    assert.ok(folder);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'sample.ts')));
    const before = editor.document.getText();
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await api.controller.receive({ type: 'answerAction', action: 'insert', entryId: answer.id, candidate: 1 });
    assert.equal(editor.document.getText(), `Use \`b\`.${before}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');

    await api.controller.receive({ type: 'chooseCandidate', entryId: answer.id, index: 2 });
    assert.equal(lastAnswer().chosen, 2);
    await api.conversations.flush();
    const saved = api.conversations.load()!.entries.at(-1) as AssistantEntry;
    assert.equal(saved.chosen, 2, 'the choice is persisted');

    await api.controller.receive({ type: 'setOptions', options: {} });
    server.enqueue(textReply('Good choice.'));
    await api.session.send('Why?');
    const messages = server.chatRequests()[1]!.body.messages;
    assert.deepEqual(messages.slice(1, 3), [
      { role: 'user', content: 'Which?' },
      { role: 'assistant', content: 'Use `c`.' },
    ]);
  });

  test('JSON mode asks for json_object with JSON named in the messages; the answer saves as a pretty .json file', async () => {
    await api.controller.receive({ type: 'setOptions', options: { jsonMode: true } });
    server.enqueue(textReply('{"name":"fib","args":[1,2]}'));
    await api.session.send('Describe the function');
    const body = server.chatRequests()[0]!.body;
    assert.deepEqual(body.response_format, { type: 'json_object' });
    assert.match(body.messages[0].content, /^You are terse\.\n\n.*JSON/s);
    const answer = lastAnswer();
    assert.equal(answer.responseFormat, 'json_object');

    const target = vscode.Uri.file(join(tmpdir(), `completions-chat-${Date.now()}.json`));
    let suggested: vscode.Uri | undefined;
    let picked: vscode.Uri | undefined = target;
    const saveDialog = api.dialogs.answer({
      showSaveDialog: async ({ defaultUri }) => {
        suggested = defaultUri;
        return picked;
      },
    });
    try {
      await api.controller.receive({ type: 'saveJson', entryId: answer.id });
      const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.equal(written, '{\n  "name": "fib",\n  "args": [\n    1,\n    2\n  ]\n}\n');
      assert.match(suggested?.path ?? '', /answer\.json$/);
      // Cancelling the dialog writes nothing.
      picked = undefined;
      await api.controller.receive({ type: 'saveJson', entryId: answer.id });
    } finally {
      saveDialog.dispose();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });

  test('an endpoint that refuses stream_options is asked again without it, remembered, and usage is estimated', async () => {
    // A second server: the endpoint memory is per base URL and must not leak into other tests.
    const strict = await new FakeApiServer().start();
    try {
      await setSetting('baseUrl', `${strict.url}/v1`);
      strict.enqueue(
        openAiError(400, 'Unrecognized request argument supplied: stream_options'),
        textReply('Answer without usage.', { usage: false }),
        textReply('Second.', { usage: false }),
      );
      await api.session.send('Hi');
      const [first, retry] = strict.chatRequests();
      assert.deepEqual(first!.body.stream_options, { include_usage: true });
      assert.equal(retry!.body.stream_options, undefined);
      const answer = lastAnswer();
      assert.equal(answer.status, 'done');
      assert.equal(answer.candidates[0]!.content, 'Answer without usage.');
      assert.equal(answer.usageEstimated, true);
      assert.equal(answer.usage?.completion_tokens, Math.ceil('Answer without usage.'.length / 4));

      await api.session.send('More');
      assert.equal(strict.chatRequests().length, 3);
      assert.equal(strict.chatRequests()[2]!.body.stream_options, undefined);
    } finally {
      await setSetting('baseUrl', `${server.url}/v1`);
      await strict.stop();
    }
  });
});
