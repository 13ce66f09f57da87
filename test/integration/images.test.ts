// Images in a real VS Code extension host: an attachment reaches the request as an image_url
// part (file_url for the drawing model), and an image in an answer is fetched by the host
// only after the user clicked it and confirmed its URL, or allowed its host after a
// confirmation naming it, counted at a loopback image server (allowed there because the API
// endpoint is on the same loopback host).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TrustQuestion } from '../../src/host/images/imageTrust';
import { activateForTests, enterApiToken, setSetting, until } from './extensionHarness';
import { FakeApiServer, textReply } from '../support/fakeApiServer';
import { dataUrlOf, jpegImage, pngImage } from '../support/imageFixtures';
import { ImageServer } from '../support/imageServer';

suite('Images in a real VS Code', function () {
  this.timeout(30_000);
  const server = new FakeApiServer();
  const images = new ImageServer();
  let api: TestApi;
  /** What the modal dialogs asked (no modal can be answered here: the prompt is replaced), and the answer. */
  let asked: TrustQuestion[];
  let answerYes: boolean;
  let answered: { dispose(): void } | undefined;

  suiteSetup(async () => {
    await server.start();
    await images.start();
    images.serve('/cat.png', pngImage(4, 3)).serve('/dog.jpg', jpegImage(17, 9), 'image/jpeg').serve('/bird.png', pngImage(2, 2));
    api = await activateForTests();
    await setSetting('baseUrl', `${server.url}/v1`);
    await setSetting('stream', true);
    await setSetting('imageHosts', undefined);
    await enterApiToken(api, 'images-token');
  });

  suiteTeardown(async () => {
    await setSetting('imageHosts', undefined);
    await vscode.commands.executeCommand('completionsChat.clearApiToken');
    api.session.setModel('gpt-4o-mini');
    await server.stop();
    await images.stop();
  });

  setup(async () => {
    server.reset();
    images.requests.length = 0;
    asked = [];
    answerYes = true;
    answered = api.dialogs.answer({
      confirm: async (question) => {
        asked.push(question);
        return answerYes;
      },
    });
    await vscode.commands.executeCommand('completionsChat.newConversation');
  });

  teardown(() => answered?.dispose());

  test('a pasted image reaches the request as an image_url data: part after the text; a fake one is refused', async () => {
    api.session.setModel('gpt-4o');
    const png = pngImage(3, 2);
    await api.controller.receive({ type: 'attachImage', name: 'shot.png', dataUrl: dataUrlOf(png, 'image/jpeg') });
    // An executable renamed and declared as an image is judged by its bytes and refused.
    await api.controller.receive({ type: 'attachImage', name: 'setup.png', dataUrl: dataUrlOf(new Uint8Array(Buffer.from('MZ\x90\0 program')), 'image/png') });
    assert.deepEqual(api.images.pending.list.map((image) => [image.name, image.mimeType]), [['shot.png', 'image/png']]);

    server.enqueue(textReply('A small gray rectangle.'));
    await api.controller.receive({ type: 'send', text: 'What is in this image?' });
    const request = server.chatRequests().at(-1)!;
    assert.deepEqual(request.body.messages.at(-1), {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this image?' },
        { type: 'image_url', image_url: { url: dataUrlOf(png, 'image/png') } },
      ],
    });
    assert.deepEqual(api.images.pending.list, [], 'sent attachments leave the composer');
    const question = api.session.conversation.entries.at(-2)!;
    assert.ok(question.role === 'user' && question.images?.length === 1);

    // Persisted without the bytes; the bytes come back from the image store.
    await api.conversations.flush();
    const saved = api.conversations.load()!;
    assert.doesNotMatch(JSON.stringify(saved), /base64/);
  });

  test('the drawing model gets attachments as file_url parts', async () => {
    api.session.setModel('gpt-4o-image');
    await api.controller.receive({ type: 'attachImage', name: 'sketch.jpg', dataUrl: dataUrlOf(jpegImage(17, 9), 'image/jpeg') });
    server.enqueue(textReply('Done.'));
    await api.controller.receive({ type: 'send', text: 'Colour this in' });
    const content = server.chatRequests().at(-1)!.body.messages.at(-1).content;
    assert.deepEqual(content, [
      { type: 'text', text: 'Colour this in' },
      { type: 'file_url', file_url: { url: dataUrlOf(jpegImage(17, 9), 'image/jpeg') } },
    ]);
  });

  test('a generated image is fetched only after a click, without the token, and can be saved', async () => {
    api.session.setModel('gpt-4o-image');
    const url = `${images.url}/cat.png`;
    server.enqueue(textReply(`Here is your cat:\n\n![a cat](${url})`));
    await api.controller.receive({ type: 'send', text: 'Draw a cat' });
    const answer = api.session.lastAnswer()!;
    // Whatever would fetch allowed images has run: with an empty allow-list, nothing was fetched.
    await api.images.fetchAllowedEverywhere();
    assert.equal(images.count(), 0, 'nothing is fetched before the click');
    assert.equal(answer.images, undefined);

    // Only images that are in that answer can be asked for.
    await api.controller.receive({ type: 'loadImage', entryId: answer.id, url: `${images.url}/dog.jpg` });
    assert.equal(images.count(), 0);

    // The click asks first, showing the full URL; "no" fetches nothing.
    answerYes = false;
    await api.controller.receive({ type: 'loadImage', entryId: answer.id, url });
    assert.equal(asked.length, 1);
    assert.match(asked[0]!.message, new RegExp(`Load this image from "${images.host}"`));
    assert.ok(asked[0]!.detail.includes(url), asked[0]!.detail);
    assert.equal(images.count(), 0);

    answerYes = true;
    await api.controller.receive({ type: 'loadImage', entryId: answer.id, url });
    assert.equal(images.count('/cat.png'), 1);
    const loaded = api.session.findAnswer(answer.id)!.images?.[url];
    assert.ok(loaded?.status === 'loaded', JSON.stringify(loaded));
    assert.deepEqual([loaded.mimeType, loaded.width, loaded.height], ['image/png', 4, 3]);
    const [request] = images.requests;
    assert.equal(request!.headers.authorization, undefined, 'the API token never goes to an image host');
    assert.equal(request!.headers.cookie, undefined);

    const [folder] = vscode.workspace.workspaceFolders ?? [];
    assert.ok(folder);
    const target = vscode.Uri.joinPath(folder.uri, 'generated-cat.png');
    const saveDialog = api.dialogs.answer({
      showSaveDialog: async ({ defaultUri }) => {
        assert.equal(defaultUri?.path.split('/').pop(), 'cat.png');
        return target;
      },
    });
    try {
      await api.controller.receive({ type: 'imageAction', action: 'save', entryId: answer.id, url });
      assert.deepEqual(new Uint8Array(await vscode.workspace.fs.readFile(target)), pngImage(4, 3));
    } finally {
      saveDialog.dispose();
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });

  test('"Always load images from <host>" adds the exact host and fetches; later answers load on their own', async () => {
    api.session.setModel('gpt-4o-image');
    const dog = `${images.url}/dog.jpg`;
    server.enqueue(textReply(`![dog](${dog})`));
    await api.controller.receive({ type: 'send', text: 'Draw a dog' });
    const first = api.session.lastAnswer()!;
    await api.images.fetchAllowedEverywhere();
    assert.equal(images.count(), 0, 'nothing is fetched before the host is allowed');

    // The panel's button only asks: nothing is written or fetched until the user confirms the host.
    answerYes = false;
    await api.controller.receive({ type: 'allowImageHost', entryId: first.id, url: dog });
    assert.equal(asked.length, 1);
    assert.match(asked[0]!.message, new RegExp(`Always load images from "${images.host}"\\?`));
    assert.equal(vscode.workspace.getConfiguration('completionsChat').inspect('imageHosts')?.globalValue, undefined);
    await api.images.fetchAllowedEverywhere();
    assert.equal(images.count(), 0);

    answerYes = true;
    await api.controller.receive({ type: 'allowImageHost', entryId: first.id, url: dog });
    assert.equal(asked.length, 2);
    await until(() => JSON.stringify(vscode.workspace.getConfiguration('completionsChat').get('imageHosts')) === JSON.stringify([images.host]), 'the host to be in the user setting');
    await until(() => first.images?.[dog]?.status === 'loaded', 'the allowed image to load');
    assert.equal(images.count('/dog.jpg'), 1);

    const bird = `${images.url}/bird.png`;
    server.enqueue(textReply(`![bird](${bird})`));
    await api.controller.receive({ type: 'send', text: 'Draw a bird' });
    const second = api.session.lastAnswer()!;
    await until(() => second.images?.[bird]?.status === 'loaded', 'the image of the next answer to load on its own');
    assert.equal(images.count('/bird.png'), 1);
    assert.ok(images.requests.every((request) => request.headers.authorization === undefined));
  });
});
