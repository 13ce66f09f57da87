import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnswerImages, fileNameOf } from '../../../../src/host/images/answerImages';
import { nodeImageConnector } from '../../../../src/host/images/imageRequest';
import { ImageStore } from '../../../../src/host/images/imageStore';
import type { AnswerImage, AssistantEntry } from '../../../../src/shared/conversation';
import { pngImage } from '../../../support/imageFixtures';
import { ImageServer } from '../../../support/imageServer';

describe('answer images: fetched only by the allow-list or a click', () => {
  const server = new ImageServer();
  let directory: string;
  let answer: AssistantEntry;
  let allowed: string[];
  let ready: string[];
  let images: AnswerImages;
  /** The API endpoint's host: the image server's loopback address, unless a test moves it. */
  let endpointHost: string | undefined;
  /** URLs the user was asked to confirm, and the answer they give. */
  let asked: string[];
  let answerYes: boolean;

  before(async () => {
    await server.start();
    for (let i = 1; i <= 6; i++) server.serve(`/gen-${i}.png`, pngImage(i, 1));
    server.serve('/page.png', '<html></html>', 'image/png');
  });
  after(() => server.stop());

  function answerWith(markdown: string): AssistantEntry {
    return { id: 'a1', role: 'assistant', candidates: [{ content: markdown }], chosen: 0, status: 'done', model: 'gpt-4o-image', createdAt: 1 };
  }

  beforeEach(() => {
    server.requests.length = 0;
    directory = mkdtempSync(join(tmpdir(), 'cc-answer-images-'));
    allowed = [];
    ready = [];
    endpointHost = '127.0.0.1';
    asked = [];
    answerYes = true;
    answer = answerWith(`Here it is:\n\n![drawing](${server.url}/gen-1.png)`);
    images = new AnswerImages({
      findAnswer: (id) => (id === answer.id ? answer : undefined),
      setAnswerImage: (id, url, image: AnswerImage) => {
        assert.equal(id, answer.id);
        answer.images = { ...answer.images, [url]: image };
      },
      allowedHosts: () => allowed,
      endpointHost: () => endpointHost,
      confirmLoad: async (url) => {
        asked.push(url);
        return answerYes;
      },
      store: new ImageStore(directory),
      imageReady: (id, dataUrl) => ready.push(`${id} ${dataUrl.slice(0, 22)}`),
      log: () => undefined,
      fetchOptions: nodeImageConnector,
    });
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('fetches nothing while the allow-list is empty', async () => {
    await images.fetchAllowed('a1');
    assert.equal(server.count(), 0);
    assert.equal(answer.images, undefined);
  });

  it('fetches nothing for hosts that only look alike (no port, a suffix, another case of match)', async () => {
    allowed = ['127.0.0.1', `x.${server.host}`, `${server.host}0`, 'localhost'];
    await images.fetchAllowed('a1');
    assert.equal(server.count(), 0);
  });

  it('fetches an image whose exact host is allowed, stores it and hands the view a data URL', async () => {
    allowed = [server.host];
    await images.fetchAllowed('a1');
    assert.equal(server.count('/gen-1.png'), 1);
    const image = answer.images?.[`${server.url}/gen-1.png`];
    assert.ok(image && image.status === 'loaded');
    assert.deepEqual([image.mimeType, image.width, image.height, image.name], ['image/png', 1, 1, 'gen-1.png']);
    assert.deepEqual(ready, [`${image.id} data:image/png;base64,`]);
    // Already there: not fetched again.
    await images.fetchAllowed('a1');
    assert.equal(server.count(), 1);
  });

  it('fetches at most four images of one answer on its own; the rest wait for a click', async () => {
    answer = answerWith([1, 2, 3, 4, 5, 6].map((i) => `![${i}](${server.url}/gen-${i}.png)`).join('\n\n'));
    allowed = [server.host];
    await images.fetchAllowed('a1');
    assert.deepEqual(server.requests.map((request) => request.path).sort(), ['/gen-1.png', '/gen-2.png', '/gen-3.png', '/gen-4.png']);
    await images.fetchClicked('a1', `${server.url}/gen-6.png`);
    assert.equal(server.count('/gen-6.png'), 1);
    assert.equal(server.count('/gen-5.png'), 0);
  });

  it('does not fetch while the answer is still streaming', async () => {
    allowed = [server.host];
    answer.status = 'streaming';
    await images.fetchAllowed('a1');
    assert.equal(server.count(), 0);
  });

  it('fetches on a click whatever the allow-list, but only URLs that are images in that answer', async () => {
    await images.fetchClicked('a1', `${server.url}/gen-2.png`); // not in the answer
    await images.fetchClicked('other', `${server.url}/gen-1.png`); // no such answer
    assert.equal(server.count(), 0);
    assert.deepEqual(asked, [], 'nothing to confirm for a URL that is not in the answer');
    await images.fetchClicked('a1', `${server.url}/gen-1.png`);
    assert.equal(server.count('/gen-1.png'), 1);
    assert.equal(answer.images?.[`${server.url}/gen-1.png`]?.status, 'loaded');
  });

  it('asks with the full URL before fetching a clicked image, and fetches nothing on no', async () => {
    const url = `${server.url}/gen-1.png`;
    answerYes = false;
    await images.fetchClicked('a1', url);
    assert.deepEqual(asked, [url]);
    assert.equal(server.count(), 0);
    assert.equal(answer.images, undefined, 'a "no" records nothing: the placeholder stays clickable');
    answerYes = true;
    await images.fetchClicked('a1', url);
    assert.deepEqual(asked, [url, url]);
    assert.equal(server.count('/gen-1.png'), 1);
  });

  it('never fetches an image on this machine or network, even clicked or allowed, unless the endpoint is there', async () => {
    endpointHost = 'api.example.com';
    allowed = [server.host];
    await images.fetchAllowed('a1');
    await images.fetchClicked('a1', `${server.url}/gen-1.png`);
    assert.equal(server.count(), 0);
    assert.deepEqual(asked, [], 'the user is not asked about an image that would be refused anyway');
    const image = answer.images?.[`${server.url}/gen-1.png`];
    assert.ok(image?.status === 'failed');
    assert.match(image.reason, /on this computer or its local network/);

    for (const url of ['https://169.254.169.254/latest/meta-data/x.png', 'https://[::ffff:192.168.1.1]/r.png', 'https://0.0.0.0/a.png']) {
      answer = answerWith(`![x](${url})`);
      await images.fetchClicked('a1', url);
      assert.match(String((answer.images?.[url] as { reason?: string } | undefined)?.reason), /local network/, url);
    }
    assert.deepEqual(asked, []);
  });

  it('does not echo a refused URL from the view into the log', async () => {
    const lines: string[] = [];
    const logged = new AnswerImages({
      findAnswer: () => answer, setAnswerImage: () => undefined, allowedHosts: () => [], endpointHost: () => undefined,
      confirmLoad: async () => true, store: new ImageStore(directory), imageReady: () => undefined, log: (line) => lines.push(line),
      fetchOptions: nodeImageConnector,
    });
    await logged.fetchClicked('a1', 'https://evil.example/\n[error] forged line [click](command:workbench.action.quit)');
    assert.equal(lines.length, 1);
    assert.doesNotMatch(lines[0]!, /evil|forged|command:/);
  });

  it('records why an image was refused', async () => {
    answer = answerWith(`![x](${server.url}/page.png)`);
    await images.fetchClicked('a1', `${server.url}/page.png`);
    const image = answer.images?.[`${server.url}/page.png`];
    assert.ok(image?.status === 'failed');
    assert.match(image.reason, /is not a PNG, JPEG, GIF or WebP image/);
    assert.deepEqual(ready, []);
  });

  it('hangs up a fetch in flight when disposed: the server sees the connection close, the answer records nothing', async () => {
    let arrived!: (request: { closed: Promise<void> }) => void;
    const requested = new Promise<{ closed: Promise<void> }>((resolve) => (arrived = resolve));
    server.route('/slow.png', (response) => {
      // Headers and a first byte, then nothing: the fetch is reading the body when disposed.
      response.writeHead(200, { 'content-type': 'image/png' });
      response.write(pngImage().subarray(0, 1));
      arrived({ closed: new Promise<void>((resolve) => response.socket!.once('close', () => resolve())) });
    });
    answer = answerWith(`![slow](${server.url}/slow.png)`);
    allowed = [server.host];
    const fetching = images.fetchAllowed('a1');
    const { closed } = await requested;
    images.dispose();
    await closed;
    await fetching;
    assert.equal(answer.images, undefined, 'no "failed" is saved for an image nobody refused');
    assert.deepEqual(ready, []);
    // Disposed, it fetches nothing more.
    await images.fetchAllowed('a1');
    assert.equal(server.count('/slow.png'), 1);
  });

  it('names saved files after the URL with the extension the bytes call for', () => {
    assert.equal(fileNameOf('https://cdn.example.com/files/abc%20def.webp?sig=1', 'image/png'), 'abc-def.png');
    assert.equal(fileNameOf('https://cdn.example.com/', 'image/jpeg'), 'image.jpg');
  });
});
