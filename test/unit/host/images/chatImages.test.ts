// The images of the chat view on the host: they tell the presenter what changed (they post
// nothing themselves), ask through the dialogs, and a fetch still running when the extension
// shuts down is aborted without recording a failure on the answer.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatImages, type ImagesChange } from '../../../../src/host/images/chatImages';
import { nodeImageConnector } from '../../../../src/host/images/imageRequest';
import { ImageStore } from '../../../../src/host/images/imageStore';
import { pngImage } from '../../../support/imageFixtures';
import { ImageServer } from '../../../support/imageServer';
import { answerEntry, FakeDialogs, FakeFiles, FakeLog, FakeSession, fakeUri } from '../view/viewFakes';

describe('ChatImages', () => {
  const server = new ImageServer();
  let directory: string;
  let session: FakeSession;
  let dialogs: FakeDialogs;
  let files: FakeFiles;
  let userHosts: string[];
  let copied: string[];
  let changes: ImagesChange[];
  let images: ChatImages;
  /** Requests the server got for /slow.png that never got an answer, and whether they were closed. */
  let slowClosed: Promise<void>;

  before(async () => {
    await server.start();
    server.serve('/cat.png', pngImage(4, 3));
  });
  after(() => server.stop());

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'cc-chat-images-'));
    session = new FakeSession();
    dialogs = new FakeDialogs();
    files = new FakeFiles();
    userHosts = [];
    copied = [];
    changes = [];
    let closed: () => void = () => undefined;
    slowClosed = new Promise((resolve) => (closed = resolve));
    server.route('/slow.png', (response) => {
      // Headers, then nothing: the image never finishes arriving.
      response.writeHead(200, { 'content-type': 'image/png' });
      response.write(pngImage(4, 3).subarray(0, 8));
      response.on('close', () => closed());
    });
    images = new ChatImages({
      session,
      store: new ImageStore(directory),
      allowedHosts: () => [],
      endpointHost: () => '127.0.0.1',
      dialogs,
      files,
      userImageHosts: () => userHosts,
      setUserImageHosts: async (hosts) => void (userHosts = hosts),
      copyToClipboard: async (text) => void copied.push(text),
      log: new FakeLog(),
      fetchOptions: nodeImageConnector,
    });
    images.onDidChange((change) => changes.push(change));
  });
  afterEach(() => {
    images.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  it('tells the presenter about attachments and refusals instead of posting them', async () => {
    await images.attachDataUrl('shot.png', `data:image/png;base64,${Buffer.from(pngImage(3, 2)).toString('base64')}`);
    await images.attachDataUrl('setup.png', `data:image/png;base64,${Buffer.from('MZ program').toString('base64')}`);
    assert.deepEqual(changes.map((change) => change.type), ['imageData', 'attachments', 'attachmentError']);
    assert.deepEqual(images.attachments.map((image) => image.name), ['shot.png']);
  });

  it('an image file from the Explorer is attached as a pasted one; its refusal is handed back to the caller, not posted', async () => {
    assert.equal(await images.attachImageFile(pngImage(5, 4), 'logo.png'), undefined);
    assert.deepEqual(images.attachments.map((image) => [image.name, image.mimeType, image.width, image.height]), [['logo.png', 'image/png', 5, 4]]);
    assert.deepEqual(changes.map((change) => change.type), ['imageData', 'attachments'], 'the view gets its bytes and the strip');
    changes.length = 0;
    const refusal = await images.attachImageFile(new Uint8Array(Buffer.from('MZ program')), 'setup.png');
    assert.match(refusal ?? '', /^setup\.png was not attached: it /);
    assert.deepEqual(changes, [], 'the caller tells it where the file came from');
    for (let i = 1; i < 8; i++) assert.equal(await images.attachImageFile(pngImage(i, 1), `p${i}.png`), undefined);
    assert.match((await images.attachImageFile(pngImage(9, 9), 'ninth.png')) ?? '', /ninth\.png was not attached: at most 8 images per question/, 'the same limits as pasted images');
  });

  it('picks files with the open dialog and reads them through the files', async () => {
    dialogs.openFiles = [fakeUri('/pics/cat.png')];
    files.files.set('/pics/cat.png', pngImage(2, 2));
    await images.pick();
    assert.deepEqual(images.attachments.map((image) => image.name), ['cat.png']);
  });

  it('a clicked image is fetched after the modal yes, and saved where the save dialog says', async () => {
    const url = `${server.url}/cat.png`;
    session.conversation.entries.push(answerEntry('a1', `![cat](${url})`));
    dialogs.confirmAnswer = true;
    await images.load('a1', url);
    assert.match(dialogs.questions[0]!.message, /Load this image/);
    const [recorded] = session.answerImages;
    assert.equal(recorded?.image.status, 'loaded');
    (session.findAnswer('a1')!.images ??= {})[url] = recorded!.image;

    dialogs.saveTarget = fakeUri('/workspace/saved.png');
    await images.imageAction('save', 'a1', url);
    assert.equal(dialogs.saveDialogs[0]!.defaultUri?.path, '/workspace/cat.png');
    assert.ok(files.written.has('/workspace/saved.png'));
    await images.imageAction('copyLink', 'a1', url);
    assert.deepEqual(copied, [url]);
  });

  it('"Always load" writes the user setting only after the yes', async () => {
    const url = `${server.url}/cat.png`;
    session.conversation.entries.push(answerEntry('a1', `![cat](${url})`));
    dialogs.confirmAnswer = false;
    await images.allowHost('a1', url);
    assert.deepEqual(userHosts, []);
    assert.deepEqual(changes.map((change) => change.type), ['entryUpdated'], 'the button is given back');
    dialogs.confirmAnswer = true;
    await images.allowHost('a1', url);
    assert.deepEqual(userHosts, [server.host]);
  });

  it('dispose aborts an answer image still arriving and records nothing on the answer', async () => {
    const url = `${server.url}/slow.png`;
    session.conversation.entries.push(answerEntry('a1', `![slow](${url})`));
    dialogs.confirmAnswer = true;
    const loading = images.load('a1', url);
    await until(() => server.count('/slow.png') === 1);
    images.dispose();
    await within(5_000, slowClosed, 'the image request to be closed');
    await within(5_000, loading, 'the load to end');
    assert.deepEqual(session.answerImages, [], 'an abort of our own was recorded as a failed image');
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** A generous bound, so a missing abort fails the test instead of hanging it. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
