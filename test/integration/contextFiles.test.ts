// Files as a question's context in a real extension host: `completionsChat.addFileToContext`
// from the Explorer's arguments and from the palette (the active editor's file), files dropped
// on the panel, the limits (size, binary, outside the workspace, folders), the selection's
// problems, and what the loopback server receives.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { activateForTests, setSetting } from './extensionHarness';
import { FakeApiServer, textReply } from '../support/fakeApiServer';
import { pngImage } from '../support/imageFixtures';

function workspaceFile(...path: string[]): vscode.Uri {
  const [folder] = vscode.workspace.workspaceFolders ?? [];
  assert.ok(folder, 'the test workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...path);
}

async function writeFile(uri: vscode.Uri, content: string | Uint8Array): Promise<vscode.Uri> {
  await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  return uri;
}

function lastUserContent(server: FakeApiServer): string {
  const body = server.chatRequests().at(-1)!.body as { messages: { role: string; content: string }[] };
  return body.messages.filter((message) => message.role === 'user').at(-1)!.content;
}

suite('Files as context in a real VS Code', function () {
  this.timeout(60_000);
  const server = new FakeApiServer({ models: ['local-model'] });
  let api: TestApi;
  const warnings: string[] = [];
  let answered: vscode.Disposable | undefined;

  suiteSetup(async () => {
    await server.start();
    api = await activateForTests();
    await setSetting('baseUrl', `${server.url}/v1`);
    await vscode.commands.executeCommand('completionsChat.newConversation');
    answered = api.dialogs.answer({ warn: (message) => void warnings.push(message), info: () => undefined });
  });

  suiteTeardown(async () => {
    answered?.dispose();
    await server.stop();
  });

  setup(() => {
    server.reset();
    warnings.length = 0;
    api.contextItems.take();
    api.images.take();
  });

  test('addFileToContext from the Explorer attaches the files; the request quotes each whole, after the question', async () => {
    const a = await writeFile(workspaceFile('src', 'units.ts'), 'export const metre = 1;\nexport const foot = 0.3048;\n');
    const b = await writeFile(workspaceFile('notes.md'), '# Notes\n```js\nfence inside\n```\n');
    // The Explorer passes the clicked file and every selected one.
    await vscode.commands.executeCommand('completionsChat.addFileToContext', a, [a, b]);
    assert.deepEqual(api.contextItems.list.map((item) => [item.context.path, item.context.kind, item.context.endLine]), [['src/units.ts', 'file', 2], ['notes.md', 'file', 4]]);

    server.enqueue(textReply('Feet are shorter.'));
    await api.controller.receive({ type: 'send', text: 'Which unit is longer?' });
    assert.equal(
      lastUserContent(server),
      'Which unit is longer?\n\nsrc/units.ts, whole file, lines 1-2:\n```typescript\nexport const metre = 1;\nexport const foot = 0.3048;\n```\n\n' +
        'notes.md, whole file, lines 1-4:\n````markdown\n# Notes\n```js\nfence inside\n```\n````',
    );
    assert.deepEqual(api.contextItems.list, [], 'sent with the question, the composer holds none');
    const question = api.session.conversation.entries.at(-2)!;
    assert.deepEqual(question.role === 'user' && question.contexts?.map((item) => item.path), ['src/units.ts', 'notes.md'], 'stored with the conversation');
  });

  test('from the palette it attaches the active editor\'s file, as the editor shows it (unsaved text too)', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('src', 'sample.ts'));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// unsaved line\n'));
    try {
      await vscode.commands.executeCommand('completionsChat.addFileToContext');
      const [item] = api.contextItems.list;
      assert.equal(item?.context.path, 'src/sample.ts');
      assert.equal(item.context.languageId, 'typescript');
      assert.ok(item.context.code.startsWith('// unsaved line\n'), 'the editor\'s text, not the file on disk');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('refuses a file over the limit, a binary file, a folder and a file outside the workspace, naming each; nothing else is lost', async () => {
    await vscode.commands.executeCommand('completionsChat.addFileToContext', await writeFile(workspaceFile('ok.txt'), 'fine\n'));
    const big = await writeFile(workspaceFile('big.log'), 'x'.repeat(150_000));
    const binary = await writeFile(workspaceFile('blob.bin'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await vscode.commands.executeCommand('completionsChat.addFileToContext', big);
    await vscode.commands.executeCommand('completionsChat.addFileToContext', binary);
    await vscode.commands.executeCommand('completionsChat.addFileToContext', workspaceFile('src'));
    await vscode.commands.executeCommand('completionsChat.addFileToContext', vscode.Uri.file('/etc/hostname'));
    assert.equal(warnings.length, 4, warnings.join('\n'));
    assert.match(warnings[0]!, /big\.log was not attached: it is 150 KB; the limit for a file is 100 KB\./);
    assert.match(warnings[1]!, /blob\.bin was not attached: it is not a text file/);
    assert.match(warnings[2]!, /src was not attached: it is a folder/);
    assert.match(warnings[3]!, /hostname was not attached: only files of this workspace/);
    assert.deepEqual(api.contextItems.list.map((item) => item.context.path), ['ok.txt'], 'the file attached before stays');
  });

  test('a file too large whole, open with a selection, offers to attach the selection instead', async () => {
    const big = await writeFile(workspaceFile('big.csv'), Array.from({ length: 8000 }, (_, i) => `row ${i},${'v'.repeat(10)}`).join('\n'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(big));
    editor.selection = new vscode.Selection(9, 0, 12, 0); // lines 10-12
    let offered = '';
    const saidYes = new Promise<void>((resolve) => {
      const answering = api.dialogs.answer({
        warnWithAction: async (message, action) => {
          offered = `${message} [${action}]`;
          answering.dispose();
          setTimeout(resolve, 50);
          return true;
        },
      });
    });
    try {
      await vscode.commands.executeCommand('completionsChat.addFileToContext', big);
      await saidYes;
      assert.match(offered, /big\.csv was not attached: it is 1\d\d(\.\d)? KB; the limit for a file is 100 KB\. .*Attach the selected lines instead\? \[Attach Selection\]$/);
      assert.deepEqual(api.contextItems.list.map((item) => [item.context.path, item.context.kind, item.context.startLine, item.context.endLine]), [['big.csv', undefined, 10, 12]]);
      assert.equal(api.contextItems.list[0]!.context.code, 'row 9,vvvvvvvvvv\nrow 10,vvvvvvvvvv\nrow 11,vvvvvvvvvv');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  test('files dropped on the panel are attached by URI; other schemes and outside files are refused', async () => {
    const dropped = await writeFile(workspaceFile('dropped.py'), 'print("hi")\n');
    const refusals: string[] = [];
    const listening = api.contextItems.onDidChange((change) => change.type === 'contextError' && refusals.push(change.message));
    try {
      await api.controller.receive({ type: 'attachUris', uris: [dropped.toString(), 'command:workbench.action.terminal.new', 'file:///etc/passwd'] });
    } finally {
      listening.dispose();
    }
    assert.deepEqual(api.contextItems.list.map((item) => [item.context.path, item.context.languageId]), [['dropped.py', 'python']]);
    assert.equal(refusals.length, 2, refusals.join('\n'));
    assert.deepEqual(warnings, [], 'a drop tells the panel, not a notification');
  });

  test('image files dragged from the Explorer or attached by the command go with the question as images, with the pasted images\' limits', async () => {
    const shot = await writeFile(workspaceFile('shot.png'), pngImage(3, 2));
    const broken = await writeFile(workspaceFile('broken.png'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const huge = await writeFile(workspaceFile('huge.png'), new Uint8Array(5_400_000));
    const refusals: string[] = [];
    const listening = api.contextItems.onDidChange((change) => change.type === 'contextError' && refusals.push(change.message));
    try {
      await api.controller.receive({ type: 'attachUris', uris: [shot.toString(), broken.toString(), huge.toString()] });
    } finally {
      listening.dispose();
    }
    assert.deepEqual(api.images.attachments.map((image) => [image.name, image.mimeType, image.width, image.height]), [['shot.png', 'image/png', 3, 2]]);
    assert.deepEqual(api.contextItems.list, [], 'not quoted as text');
    assert.equal(refusals.length, 2, refusals.join('\n'));
    assert.match(refusals[0]!, /^broken\.png was not attached: it /);
    assert.match(refusals[1]!, /^huge\.png was not attached: it is 5\.4 MB; the limit for an image is 5\.2 MB\.$/);

    const other = await writeFile(workspaceFile('other.png'), pngImage(4, 4));
    await vscode.commands.executeCommand('completionsChat.addFileToContext', other);
    assert.deepEqual(warnings, []);
    assert.deepEqual(api.images.attachments.map((image) => image.name), ['shot.png', 'other.png']);

    server.enqueue(textReply('Two grey squares.'));
    await api.controller.receive({ type: 'send', text: 'What do these show?' });
    const body = server.chatRequests().at(-1)!.body as { messages: { role: string; content: unknown }[] };
    const content = body.messages.filter((message) => message.role === 'user').at(-1)!.content as { type: string }[];
    assert.deepEqual(content.map((part) => part.type), ['text', 'image_url', 'image_url']);
    assert.deepEqual(api.images.attachments, [], 'sent with the question');
  });

  test('Ask About Selection with Problems sends the errors and warnings inside the selection', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('src', 'sample.ts'));
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 0, 4, 1);
    const diagnostics = vscode.languages.createDiagnosticCollection('context-test');
    diagnostics.set(document.uri, [
      Object.assign(new vscode.Diagnostic(new vscode.Range(2, 2, 2, 8), 'Unreachable code detected.', vscode.DiagnosticSeverity.Warning), { source: 'ts', code: 7027 }),
      new vscode.Diagnostic(new vscode.Range(20, 0, 20, 1), 'Outside the selection.', vscode.DiagnosticSeverity.Error),
    ]);
    try {
      server.enqueue(textReply('The warning is about the early return.'));
      await vscode.commands.executeCommand('completionsChat.askAboutSelectionWithProblems', 'What does the warning mean?');
      const content = lastUserContent(server);
      assert.match(content, /^What does the warning mean\?\n\nsrc\/sample\.ts, lines 2-5:\n```typescript\n/);
      assert.ok(content.endsWith('```\n\nErrors and warnings reported in src/sample.ts, lines 2-5:\n- Warning (line 3, ts 7027): Unreachable code detected.'), content);
      const question = api.session.conversation.entries.at(-2)!;
      assert.equal(question.role === 'user' && question.contexts?.[0]?.problems?.length, 1);
    } finally {
      diagnostics.dispose();
    }
  });
});
