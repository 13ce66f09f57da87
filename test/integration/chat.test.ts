// The extension's behaviour in a real VS Code extension host, against a loopback server that
// speaks the Chat Completions API: the token in the real SecretStorage and its origin binding,
// questions about the selection, inserting answers, and the view rebuilt from the host's state.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { activateForTests, enterApiToken, setSetting, until } from './extensionHarness';
import { FakeApiServer, textReply, aceDataError } from '../support/fakeApiServer';

async function openSample(): Promise<vscode.TextEditor> {
  const [folder] = vscode.workspace.workspaceFolders ?? [];
  assert.ok(folder, 'the test workspace folder is open');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'sample.ts'));
  return vscode.window.showTextDocument(document);
}

function lastUserContent(body: { messages: { role: string; content: string }[] }): string {
  return body.messages.filter((message) => message.role === 'user').at(-1)!.content;
}

suite('Chat in a real VS Code', function () {
  this.timeout(30_000);
  const server = new FakeApiServer({ models: ['local-model'] });
  let api: TestApi;

  suiteSetup(async () => {
    await server.start();
    api = await activateForTests();
    await setSetting('baseUrl', `${server.url}/v1`);
    await setSetting('stream', true);
    await vscode.commands.executeCommand('completionsChat.newConversation');
  });

  suiteTeardown(async () => {
    await server.stop();
  });

  setup(() => server.reset());

  test('a token set through the command goes, from the real SecretStorage, to its origin only', async () => {
    await enterApiToken(api, 'it-token-1');
    server.enqueue(textReply('Hello from the test server.'));
    await api.session.send('Hello?');
    const [request] = server.chatRequests();
    assert.equal(request!.headers.authorization, 'Bearer it-token-1');
    assert.equal(request!.path, '/v1/chat/completions');
    assert.equal(api.session.lastAnswer()!.candidates[0]!.content, 'Hello from the test server.');

    // Another origin (same host, other port) never gets the token entered for the first.
    const other = await new FakeApiServer().start();
    try {
      other.enqueue(textReply('From the other server.'));
      await setSetting('baseUrl', `${other.url}/v1`);
      await api.session.send('Who are you?');
      const [otherRequest] = other.chatRequests();
      assert.ok(otherRequest, 'the loopback server without a token was still asked');
      assert.equal(otherRequest.headers.authorization, undefined);
    } finally {
      await setSetting('baseUrl', `${server.url}/v1`);
      await other.stop();
    }

    await vscode.commands.executeCommand('completionsChat.clearApiToken');
    server.enqueue(textReply('No token now.'));
    await api.session.send('And now?');
    assert.equal(server.chatRequests().at(-1)!.headers.authorization, undefined);
    await enterApiToken(api, 'it-token-1');
  });

  test('a rejected token ends the answer with the action that sets it, keeping the question', async () => {
    server.enqueue(aceDataError('invalid_token', 'The token is invalid.'));
    await api.session.send('Does this work?');
    const answer = api.session.lastAnswer()!;
    assert.equal(answer.status, 'error');
    assert.equal(answer.error?.action, 'setToken');
    assert.match(answer.error!.message, /token/i);
    const question = api.session.conversation.entries.at(-2)!;
    assert.equal(question.role === 'user' && question.text, 'Does this work?');
  });

  test('ask about selection sends the question, path, lines and a fenced block tagged with the language', async () => {
    const editor = await openSample();
    editor.selection = new vscode.Selection(1, 0, 4, 1); // lines 2-5: the fibonacci function
    server.enqueue(textReply('It computes Fibonacci numbers recursively.'));
    await vscode.commands.executeCommand('completionsChat.askAboutSelection', 'What does this do?');
    const request = server.chatRequests().at(-1)!;
    assert.equal(
      lastUserContent(request.body),
      [
        'What does this do?',
        '',
        'src/sample.ts, lines 2-5:',
        '```typescript',
        'export function fibonacci(n: number): number {',
        '  if (n < 2) return n;',
        '  return fibonacci(n - 1) + fibonacci(n - 2);',
        '}',
        '```',
      ].join('\n'),
    );
    assert.equal(request.body.messages[0].role, 'system');
    assert.equal(api.session.lastAnswer()!.candidates[0]!.content, 'It computes Fibonacci numbers recursively.');
  });

  test('prompts: a built-in one from its command, a user one from completionsChat.prompts with its placeholders', async () => {
    const editor = await openSample();
    editor.selection = new vscode.Selection(1, 0, 4, 1);
    await setSetting('prompts', [{ name: 'Port to Rust', text: 'Port this {language} from {file} to Rust:\n{selection}' }]);
    try {
      server.enqueue(textReply('No bugs.'));
      await vscode.commands.executeCommand('completionsChat.findBugs');
      const bugs = lastUserContent(server.chatRequests().at(-1)!.body);
      assert.match(bugs, /^Find bugs in this code[\s\S]*src\/sample\.ts, lines 2-5:\n```typescript\nexport function fibonacci/);

      server.enqueue(textReply('fn fibonacci…'));
      await vscode.commands.executeCommand('completionsChat.runPrompt', 'Port to Rust');
      const ported = lastUserContent(server.chatRequests().at(-1)!.body);
      assert.equal(ported.split('\n')[0], 'Port this typescript from src/sample.ts to Rust:');
      assert.match(ported, /^export function fibonacci\(n: number\): number \{$/m);
      assert.doesNotMatch(ported, /lines 2-5/, 'a prompt with {selection} places the code itself');

      // `/name` typed in the panel runs the same prompt on the editor's selection.
      server.enqueue(textReply('fn again'));
      await api.controller.receive({ type: 'send', text: '/port-to-rust and keep it iterative' });
      assert.match(lastUserContent(server.chatRequests().at(-1)!.body), /to Rust:[\s\S]*\n\nand keep it iterative$/);
    } finally {
      await setSetting('prompts', undefined);
    }
  });

  test('Fix with Completions Chat: the light bulb offers it on a problem, and it sends the problems with the code around them', async () => {
    const editor = await openSample();
    const problems = vscode.languages.createDiagnosticCollection('completions-chat-test');
    const diagnostic = new vscode.Diagnostic(new vscode.Range(2, 2, 2, 8), "Type 'string' is not assignable to type 'number'.", vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'ts';
    diagnostic.code = 2322;
    problems.set(editor.document.uri, [diagnostic, new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), 'Just a hint.', vscode.DiagnosticSeverity.Hint)]);
    try {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range);
      const fix = actions.find((action) => action.title === 'Fix with Completions Chat');
      assert.ok(fix?.command, `the light bulb offers the fix (it offered: ${actions.map((action) => action.title).join(', ')})`);
      server.enqueue(textReply('Return a number.'));
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      const question = lastUserContent(server.chatRequests().at(-1)!.body);
      assert.match(question, /^Fix the problems listed below/);
      assert.match(question, /^- Error \(line 3, ts 2322\): Type 'string' is not assignable to type 'number'\.$/m);
      assert.doesNotMatch(question, /Just a hint/);
      assert.match(question, /src\/sample\.ts, lines 1-6:/, 'three lines around the problem');

      // Arguments naming another document (a `command:` link can pass any) count for nothing.
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      const before = server.chatRequests().length;
      await vscode.commands.executeCommand('completionsChat.fixProblems', vscode.Uri.file('/etc/passwd'), { first: 2, last: 2 });
      assert.equal(server.chatRequests().length, before, 'nothing sent: no problem in the selection, and the other file was not read');
    } finally {
      problems.dispose();
    }
  });

  test('each request carries the conversation so far', async () => {
    await vscode.commands.executeCommand('completionsChat.newConversation');
    server.enqueue(textReply('First answer.'), textReply('Second answer.'));
    await api.session.send('First question');
    await api.session.send('Second question');
    const second = server.chatRequests()[1]!.body.messages.slice(1);
    assert.deepEqual(second, [
      { role: 'user', content: 'First question' },
      { role: 'assistant', content: 'First answer.' },
      { role: 'user', content: 'Second question' },
    ]);
  });

  test('insert at cursor and replace selection change the document exactly, as plain text', async () => {
    const code = 'const total = $1 + ${CLIPBOARD};';
    server.enqueue(textReply(`Here:\n\n\`\`\`ts\n${code}\n\`\`\`\n\nDone.`));
    await api.session.send('Give me code');
    const answer = api.session.lastAnswer()!;

    const editor = await openSample();
    const before = editor.document.getText();
    const cursor = new vscode.Position(5, 0);
    editor.selection = new vscode.Selection(cursor, cursor);
    await api.controller.receive({ type: 'codeAction', action: 'insert', entryId: answer.id, block: 0 });
    const offset = editor.document.offsetAt(cursor);
    assert.equal(editor.document.getText(), before.slice(0, offset) + code + before.slice(offset));

    // Replace exactly the selected word `greet`.
    const text = editor.document.getText();
    const start = editor.document.positionAt(text.indexOf('greet'));
    editor.selection = new vscode.Selection(start, start.translate(0, 'greet'.length));
    await api.controller.receive({ type: 'codeAction', action: 'replace', entryId: answer.id, block: 0 });
    assert.equal(editor.document.getText(), text.replace('greet', code));

    // The command inserts the last answer's only code block.
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const beforeCommand = editor.document.getText();
    await vscode.commands.executeCommand('completionsChat.insertLastAnswer');
    assert.equal(editor.document.getText(), beforeCommand + code);

    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('inserting code with a bidi control asks first: Cancel inserts nothing, Insert Anyway inserts', async () => {
    const code = 'const isAdmin = false; /*\u202e } if (isAdmin) {*/';
    server.enqueue(textReply(`Careful:\n\n\`\`\`ts\n${code}\n\`\`\`\n`));
    await api.session.send('Code with a trick');
    const answer = api.session.lastAnswer()!;
    const editor = await openSample();
    const before = editor.document.getText();
    editor.selection = new vscode.Selection(0, 0, 0, 0);

    // The modal is answered in the user's place: a real one would wait for a person.
    const asked: { message: string; detail: string; action: string }[] = [];
    let insertAnyway = false;
    const answered = api.dialogs.answer({
      confirm: async (question) => {
        asked.push(question);
        return insertAnyway;
      },
    });
    try {
      await api.controller.receive({ type: 'codeAction', action: 'insert', entryId: answer.id, block: 0 });
      assert.equal(editor.document.getText(), before, 'nothing was inserted after Cancel');
      assert.equal(asked.length, 1, 'the user was asked');
      const { message, detail, action } = asked[0]!;
      assert.equal(action, 'Insert Anyway');
      assert.match(detail, /1 bidirectional text control/);
      assert.doesNotMatch(`${message} ${detail}`, /isAdmin/, 'no text from the answer in the modal');

      insertAnyway = true;
      await vscode.commands.executeCommand('completionsChat.insertLastAnswer');
      assert.equal(editor.document.getText(), code + before, 'inserted, exactly, after Insert Anyway');
      assert.equal(asked.length, 2);
    } finally {
      answered.dispose();
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('Export Conversation puts the conversation as Markdown into a new editor and on the clipboard', async () => {
    await vscode.commands.executeCommand('completionsChat.newConversation');
    server.enqueue(textReply('Export me: **bold** answer.'));
    await api.session.send('A question to export');
    await vscode.commands.executeCommand('completionsChat.exportConversation', 'editor');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor was opened');
    assert.equal(editor.document.languageId, 'markdown');
    assert.equal(editor.document.isUntitled, true);
    assert.match(editor.document.getText(), /A question to export[\s\S]*Export me: \*\*bold\*\* answer\./);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('completionsChat.exportConversation', 'clipboard');
    assert.match(await vscode.env.clipboard.readText(), /^# A question to export[\s\S]*Export me/);
  });

  test('Show Diff sets a code block against the selection; Accept writes it, unless the file changed since', async () => {
    server.enqueue(textReply('Shorter:\n\n```ts\nexport const fibonacci = (n: number): number => (n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2));\n```\n'));
    await api.session.send('Make it shorter');
    const answer = api.session.lastAnswer()!;
    const editor = await openSample();
    const before = editor.document.getText();
    const showDiff = async () => {
      const shown = await openSample();
      shown.selection = new vscode.Selection(1, 0, 4, 1);
      await api.controller.receive({ type: 'codeAction', action: 'diff', entryId: answer.id, block: 0 });
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff editor is open');
      assert.equal(tab.input.original.toString(), editor.document.uri.toString());
      assert.equal(tab.input.modified.scheme, 'completions-chat-proposal');
      return tab.input.modified;
    };
    try {
      const stale = await showDiff();
      assert.equal(editor.document.getText(), before, 'showing the diff changes nothing');
      // Changed meanwhile (the diff took the editor's place: the change goes to the document).
      const change = new vscode.WorkspaceEdit();
      change.insert(editor.document.uri, new vscode.Position(0, 0), '// changed meanwhile\n');
      assert.ok(await vscode.workspace.applyEdit(change));
      assert.equal(await vscode.commands.executeCommand('completionsChat.acceptDiff', stale), false, 'a diff of an older version is not applied');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      const undo = new vscode.WorkspaceEdit();
      undo.delete(editor.document.uri, new vscode.Range(0, 0, 1, 0));
      assert.ok(await vscode.workspace.applyEdit(undo));
      assert.equal(editor.document.getText(), before);

      const proposal = await showDiff();
      assert.equal(await vscode.commands.executeCommand('completionsChat.acceptDiff', proposal), true);
      const lines = editor.document.getText().split('\n');
      assert.equal(lines[1], 'export const fibonacci = (n: number): number => (n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2));');
      assert.equal(lines[2], '', 'the selected function was replaced, the rest kept');
      assert.match(lines[3]!, /^export function greet/);
    } finally {
      await openSample();
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('messages the protocol does not allow are dropped', async () => {
    server.enqueue(textReply('```ts\nconst inserted = true;\n```'));
    await api.session.send('Code, please');
    const answer = api.session.lastAnswer()!;
    server.reset();
    const entries = api.session.conversation.entries.length;
    const editor = await openSample();
    const before = editor.document.getText();
    editor.selection = new vscode.Selection(0, 0, 0, 0);

    // A block index given as a string would still index the answer's blocks and insert.
    await api.controller.receive({ type: 'codeAction', action: 'insert', entryId: answer.id, block: '0' });
    await api.controller.receive({ type: 'codeAction', action: 'insert', entryId: answer.id, block: -1 });
    await api.controller.receive('send');
    assert.equal(editor.document.getText(), before);
    assert.equal(api.session.conversation.entries.length, entries);
    assert.equal(server.chatRequests().length, 0);

    // The same insert, well formed, does act: the checks above could fail.
    await api.controller.receive({ type: 'codeAction', action: 'insert', entryId: answer.id, block: 0 });
    assert.equal(editor.document.getText(), `const inserted = true;${before}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a bad setting is reported by its name and nothing is sent', async () => {
    await setSetting('temperature', 7);
    try {
      await api.session.send('Hot?');
      const answer = api.session.lastAnswer()!;
      assert.equal(answer.status, 'error');
      assert.equal(answer.error?.setting, 'completionsChat.temperature');
      assert.match(answer.error!.message, /completionsChat\.temperature/);
      assert.equal(server.chatRequests().length, 0);
    } finally {
      await setSetting('temperature', undefined);
    }
  });

  test('the conversation is saved and replayed to a rebuilt view', async () => {
    await vscode.commands.executeCommand('completionsChat.newConversation');
    server.enqueue(textReply('Remember me.'));
    await api.session.send('Keep this');
    await api.conversations.flush();
    const saved = api.conversations.load();
    assert.ok(saved);
    assert.deepEqual(saved.entries.map((entry) => entry.role), ['user', 'assistant']);
    assert.equal(saved.entries[1]!.role === 'assistant' && saved.entries[1].candidates[0]!.content, 'Remember me.');

    await vscode.commands.executeCommand('completionsChat.openChat');
    await until(() => api.presenter.isReady, 'the chat view to say ready');
    let rebuilt = 0;
    const subscription = api.presenter.onDidBecomeReady(() => rebuilt++);
    try {
      // Hiding the side bar tears the webview down (retainContextWhenHidden is off); showing it
      // again builds a new one, which must say ready and get the state replayed.
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await vscode.commands.executeCommand('completionsChat.openChat');
      await until(() => rebuilt > 0, 'the rebuilt chat view to say ready');
    } finally {
      subscription.dispose();
    }
    assert.equal(api.session.conversation.entries.length, 2);
  });
});
