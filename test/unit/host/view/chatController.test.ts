// What the host does with each message from the panel: the protocol's guard first (a refused
// message is logged by its kind only), then the one handler of its type; a failure is logged
// and shown as safe text. Saving JSON and the buttons shared with the palette's commands.
import assert from 'node:assert/strict';
import type { WebviewHandlers } from '../../../../src/host/view/chatController';
import { answerEntry, fakeUri, settle } from './viewFakes';
import { viewHarness } from './viewHarness';

describe('ChatController', () => {
  it('drops a message the guard refuses and logs its type and size only, never its content', async () => {
    const h = viewHarness();
    h.session.conversation.entries.push(answerEntry('a1', '```ts\nx\n```'));
    // A block index given as a string would still index the answer's blocks.
    await h.controller.receive({ type: 'codeAction', action: 'insert', entryId: 'a1', block: '0', note: 'SECRET-sk-123' });
    await h.controller.receive('send');
    await h.controller.receive({ type: 'launchMissiles' });
    assert.deepEqual(h.textActions, []);
    assert.equal(h.log.lines.length, 3);
    assert.ok(h.log.lines.every((line) => line.startsWith('warn Ignored an unexpected message from the chat view')), h.log.lines.join('\n'));
    assert.doesNotMatch(h.log.lines.join('\n'), /SECRET/);
    assert.match(h.log.lines[0]!, /type "codeAction"/);
    assert.deepEqual(h.dialogs.notices, [], 'the user is not bothered with it');

    // The same message, well formed, does act: the checks above could fail.
    await h.controller.receive({ type: 'codeAction', action: 'insert', entryId: 'a1', block: 0 });
    assert.deepEqual(h.textActions, [{ action: 'insert', text: 'x', languageId: 'ts' }]);
  });

  it('a failing action is logged with its type and shown to the user as safe text', async () => {
    const h = viewHarness();
    h.session.setOptions = () => {
      throw new Error('bad value\u202e[error] forged');
    };
    await h.controller.receive({ type: 'setOptions', options: { temperature: 1 } });
    assert.match(h.log.lines.join('\n'), /^error Chat view action "setOptions" failed: bad value/);
    assert.equal(h.dialogs.notices.length, 1);
    assert.equal(h.dialogs.notices[0]!.level, 'error');
    assert.doesNotMatch(h.dialogs.notices[0]!.message, /\u202e/, 'a bidi control reached the notification');
  });

  it('saveJson writes the answer as pretty JSON to the picked target and opens it; a cancelled dialog writes nothing', async () => {
    const h = viewHarness();
    h.session.conversation.entries.push(answerEntry('a1', '{"name":"fib","args":[1,2]}', { responseFormat: 'json_object' }));
    h.dialogs.saveTarget = fakeUri('/picked/out.json');
    await h.controller.receive({ type: 'saveJson', entryId: 'a1' });
    assert.equal(h.dialogs.saveDialogs[0]!.defaultUri?.path, '/workspace/answer.json');
    assert.deepEqual(h.dialogs.saveDialogs[0]!.filters, { JSON: ['json'] });
    assert.deepEqual([...h.files.written], [['/picked/out.json', '{\n  "name": "fib",\n  "args": [\n    1,\n    2\n  ]\n}\n']]);
    assert.deepEqual(h.files.shown, ['/picked/out.json']);

    h.files.written.clear();
    h.dialogs.saveTarget = undefined;
    await h.controller.receive({ type: 'saveJson', entryId: 'a1' });
    assert.equal(h.dialogs.saveDialogs.length, 2);
    assert.deepEqual([...h.files.written], []);
    // An unknown answer asks nothing.
    await h.controller.receive({ type: 'saveJson', entryId: 'nope' });
    assert.equal(h.dialogs.saveDialogs.length, 2);
  });

  it("send takes the composer's attachments with the question; nothing is sent while an answer is written, and the words go back to the input", async () => {
    const h = viewHarness();
    const { webview } = h.openView();
    webview.say({ type: 'ready' });
    await settle();
    webview.posted.length = 0;
    const image = { id: 'img1', mimeType: 'image/png', name: 'a.png', size: 1, width: 1, height: 1 } as const;
    h.images.attachments = [image];
    await h.controller.receive({ type: 'send', text: 'What is this?' });
    assert.deepEqual(h.session.sent, [{ text: 'What is this?', images: [image] }]);
    h.session.busy = true;
    webview.posted.length = 0;
    await h.controller.receive({ type: 'send', text: 'Again' });
    assert.equal(h.session.sent.length, 1);
    // An answer begun from an editor before the panel knew: the question is not thrown away.
    assert.ok(webview.posted.some((message) => message.type === 'fillInput' && message.text === 'Again'), webview.types().join());
  });

  it('restoreContextItems attaches again the items of a question a reload lost, within the limits and without doubles', async () => {
    const h = viewHarness();
    const item = { path: 'src/a.ts', languageId: 'typescript', startLine: 1, endLine: 2, code: 'let a = 1;', kind: 'file' as const };
    assert.equal(h.contextItems.add(item), undefined);
    const big = { path: 'big.ts', languageId: 'typescript', startLine: 1, endLine: 1, code: 'x'.repeat(150_000), kind: 'file' as const };
    const other = { path: 'src/b.ts', languageId: 'typescript', startLine: 3, endLine: 4, code: 'b();' };
    await h.controller.receive({ type: 'restoreContextItems', contexts: [item, big, other] });
    assert.deepEqual(h.contextItems.contexts, [item, other], 'the item still here is not doubled; the one over the file limit is refused');
    // Not the shape of an item (or too many): refused by the guard, nothing attached.
    await h.controller.receive({ type: 'restoreContextItems', contexts: [{ path: 'x', code: 1 }] });
    await h.controller.receive({ type: 'restoreContextItems', contexts: Array.from({ length: 11 }, (_, i) => ({ ...other, code: `c${i}` })) });
    assert.equal(h.contextItems.contexts.length, 2);
    assert.equal(h.log.lines.filter((line) => /restoreContextItems/.test(line)).length, 2);
  });

  it('answer and code actions act on the candidate shown; an unknown block or answer does nothing', async () => {
    const h = viewHarness();
    h.session.conversation.entries.push(answerEntry('a1', 'first', { candidates: [{ content: 'first' }, { content: 'see\n```py\nprint(1)\n```' }] }));
    await h.controller.receive({ type: 'codeAction', action: 'copy', entryId: 'a1', block: 0, candidate: 1 });
    await h.controller.receive({ type: 'codeAction', action: 'copy', entryId: 'a1', block: 1, candidate: 1 });
    await h.controller.receive({ type: 'answerAction', action: 'newFile', entryId: 'a1' });
    await h.controller.receive({ type: 'answerAction', action: 'newFile', entryId: 'gone' });
    assert.deepEqual(h.textActions, [
      { action: 'copy', text: 'print(1)', languageId: 'py' },
      { action: 'newFile', text: 'first', languageId: 'markdown' },
    ]);
  });

  it('links, settings and image messages go to their services', async () => {
    const h = viewHarness();
    await h.controller.receive({ type: 'openLink', url: 'https://example.com/' });
    await h.controller.receive({ type: 'openSettings' });
    await h.controller.receive({ type: 'openSettings', setting: 'completionsChat.model' });
    await h.controller.receive({ type: 'pickImages' });
    await h.controller.receive({ type: 'removeAttachment', id: 'img1' });
    await h.controller.receive({ type: 'loadImage', entryId: 'a1', url: 'https://i.test/x.png' });
    await h.controller.receive({ type: 'allowImageHost', entryId: 'a1', url: 'https://i.test/x.png' });
    await h.controller.receive({ type: 'imageAction', action: 'save', entryId: 'a1', url: 'https://i.test/x.png' });
    await h.controller.receive({ type: 'stop' });
    await h.controller.receive({ type: 'stop', requestId: 'r-7' });
    await h.controller.receive({ type: 'chooseCandidate', entryId: 'a1', index: 1 });
    assert.deepEqual(h.opened, ['link https://example.com/', 'settings completionsChat', 'settings completionsChat.model']);
    assert.deepEqual(h.images.calls, ['pick', 'remove img1', 'load a1 https://i.test/x.png', 'allowHost a1 https://i.test/x.png', 'imageAction save a1 https://i.test/x.png']);
    assert.deepEqual(h.session.calls, ['stop', 'stop r-7', 'chooseCandidate a1 1']);
  });

  it("the panel's new conversation, model and token buttons run the commands' own actions, not a command", async () => {
    const h = viewHarness({ pickedModel: 'picked-model' });
    const { webview } = h.openView();
    webview.say({ type: 'ready' });
    await settle();
    webview.posted.length = 0;

    await h.controller.receive({ type: 'newConversation' });
    assert.deepEqual(h.session.calls, ['reset settings-model']);
    assert.deepEqual(h.commands, ['focusView']);

    await h.controller.receive({ type: 'selectModel' });
    assert.equal(h.picker.current, 'settings-model');
    assert.deepEqual(await h.picker.serverModels, ['server-model']);
    assert.equal(h.session.conversation.model, 'picked-model');

    await h.controller.receive({ type: 'setToken' });
    assert.equal(h.tokensAsked.length, 1);

    // Endpoint profiles (issue 12): the toolbar's picker is the palette's.
    h.commands.length = 0;
    await h.controller.receive({ type: 'selectProfile' });
    assert.deepEqual(h.commands, ['chooseProfile']);
    assert.deepEqual(h.dialogs.notices, [{ level: 'info', message: 'API token saved for https://api.test.' }]);
    await settle();
    assert.deepEqual(webview.types(), ['state', 'focusInput', 'modelChanged']);
  });

  it('the handler map covers every message type (the compiler checks it)', () => {
    const { imageAction: _dropped, ...withoutOne } = {} as WebviewHandlers;
    // @ts-expect-error: a map without a handler for 'imageAction' is not a WebviewHandlers.
    const incomplete: WebviewHandlers = withoutOne;
    assert.ok(incomplete !== undefined);
  });
});
