import assert from 'node:assert/strict';
import type { LookupFunction } from 'node:net';
import { fetchImage, ImageFetchError } from '../../../../src/host/images/imageFetcher';
import { nodeImageConnector } from '../../../../src/host/images/imageRequest';
import { guardedLookup, PrivateAddressError, type ImageRequester } from '../../../../src/host/images/imageRequester';
import { FETCHED_IMAGE_LIMITS } from '../../../../src/shared/imageLimits';
import { jpegImage, pngImage } from '../../../support/imageFixtures';
import { ImageServer } from '../../../support/imageServer';

const limits = FETCHED_IMAGE_LIMITS;
/** No owner goes away in these tests. */
const signal = new AbortController().signal;
/** The image servers here are on loopback: allowed as if they were the API endpoint's host. */
const local = { ...nodeImageConnector, limits, signal, privateHostAllowed: '127.0.0.1' };

async function refusal(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ImageFetchError, String(error));
    assert.match(error.message, message);
    return true;
  });
}

describe('fetchImage (host side, against loopback servers)', () => {
  const images = new ImageServer();
  const other = new ImageServer();

  before(async () => {
    await images.start();
    await other.start();
    other.serve('/a.png', pngImage());
    images
      .serve('/a.png', pngImage(3, 2))
      .serve('/photo', jpegImage(17, 9), 'application/octet-stream')
      .serve('/page.png', '<html>not an image</html>', 'image/png')
      .redirect('/same-host', '/a.png')
      .redirect('/other-host', `${other.url}/a.png`)
      .redirect('/other-name', `http://localhost:${images.host.split(':')[1]}/a.png`)
      .redirect('/loop', '/loop')
      .route('/huge-declared', (response) => {
        response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(limits.maxBytes + 1) });
        response.end();
      })
      .route('/huge-chunked', (response) => {
        response.writeHead(200, { 'content-type': 'image/png' });
        const chunk = new Uint8Array(1024 * 1024);
        chunk.set(pngImage());
        let sent = 0;
        const pump = () => {
          while (sent < 12 && !response.destroyed) {
            sent++;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        pump();
      });
  });

  after(async () => {
    await images.stop();
    await other.stop();
  });

  beforeEach(() => {
    images.requests.length = 0;
    other.requests.length = 0;
  });

  it('returns the bytes of a real image, typed by its bytes, not its declared type', async () => {
    const { bytes, info } = await fetchImage(`${images.url}/photo`, local);
    assert.deepEqual(info, { mimeType: 'image/jpeg', width: 17, height: 9 });
    assert.deepEqual(bytes, jpegImage(17, 9));
  });

  it('sends no authorization, cookie or referrer, only an image accept header', async () => {
    await fetchImage(`${images.url}/a.png`, local);
    const [request] = images.requests;
    assert.ok(request);
    assert.equal(request.headers.authorization, undefined);
    assert.equal(request.headers.cookie, undefined);
    assert.equal(request.headers.referer, undefined);
    assert.match(String(request.headers.accept), /^image\/png,image\/jpeg,image\/gif,image\/webp$/);
  });

  it('follows a redirect on the same host', async () => {
    const { info } = await fetchImage(`${images.url}/same-host`, local);
    assert.equal(info.mimeType, 'image/png');
    assert.deepEqual(images.requests.map((request) => request.path), ['/same-host', '/a.png']);
  });

  it('refuses a redirect to another host (other port, other name) without contacting it', async () => {
    await refusal(fetchImage(`${images.url}/other-host`, local), /redirected to another host \(127\.0\.0\.1:\d+\)/);
    await refusal(fetchImage(`${images.url}/other-name`, local), /redirected to another host \(localhost:\d+\)/);
    assert.equal(other.count(), 0);
    assert.equal(images.count('/a.png'), 0);
  });

  it('gives up on redirect loops', async () => {
    await refusal(fetchImage(`${images.url}/loop`, local), /redirected too many times/);
    assert.equal(images.count('/loop'), 4);
  });

  it('refuses bytes that are not an image, whatever the content type says', async () => {
    await refusal(fetchImage(`${images.url}/page.png`, local), /is not a PNG, JPEG, GIF or WebP image/);
  });

  it('refuses a body over the size cap, declared or streamed', async () => {
    await refusal(fetchImage(`${images.url}/huge-declared`, local), /larger than 10 MB/);
    await refusal(fetchImage(`${images.url}/huge-chunked`, local), /larger than 10 MB/);
  });

  it('reports an HTTP error with its status', async () => {
    await refusal(fetchImage(`${images.url}/missing.png`, local), /answered HTTP 404/);
  });

  /** A request that must not be made. */
  function counting(): { request: ImageRequester; calls: () => number } {
    let calls = 0;
    return {
      request: async () => {
        calls++;
        throw new Error('must not be called');
      },
      calls: () => calls,
    };
  }

  it('refuses plain http to other machines, other schemes and credentials in the URL, before any request', async () => {
    const { request, calls } = counting();
    await refusal(fetchImage('http://images.example.com/a.png', { ...nodeImageConnector, limits, signal, request }), /Only https images/);
    await refusal(fetchImage('file:///etc/passwd', { ...nodeImageConnector, limits, signal, request }), /Only https images/);
    await refusal(fetchImage('ftp://example.com/a.png', { ...nodeImageConnector, limits, signal, request }), /Only https images/);
    await refusal(fetchImage('https://user:secret@images.example.com/a.png', { ...nodeImageConnector, limits, signal, request }), /user name or password/);
    await refusal(fetchImage('not a url', { ...nodeImageConnector, limits, signal, request }), /not a valid URL/);
    assert.equal(calls(), 0);
  });

  it('never follows an https redirect down to http, even on the same host', async () => {
    const seen: string[] = [];
    const request: ImageRequester = async (url) => {
      seen.push(url.href);
      return { status: 301, header: (name) => (name === 'location' ? 'http://localhost/a.png' : undefined), body: (async function* () {})(), cancel: () => undefined };
    };
    await refusal(fetchImage('https://localhost/start.png', { ...nodeImageConnector, limits, signal, request, privateHostAllowed: 'localhost' }), /from https to http/);
    assert.deepEqual(seen, ['https://localhost/start.png']);
  });

  it('never loads from an address on this machine or its network, literal or mapped, before any request', async () => {
    const { request, calls } = counting();
    const privateUrls = [
      `${images.url}/a.png`, 'http://localhost:8080/a.png', 'https://127.8.9.10/a.png', 'https://10.1.2.3/a.png', 'https://172.16.0.1/a.png',
      'https://172.31.255.255/a.png', 'https://192.168.1.1/a.png', 'https://169.254.169.254/latest/meta-data', 'https://0.0.0.0/a.png',
      'http://[::1]:8080/a.png', 'https://[fc00::1]/a.png', 'https://[fd12:3456::1]/a.png', 'https://[fe80::1]/a.png',
      'https://[::ffff:127.0.0.1]/a.png', 'https://[::ffff:192.168.0.1]/a.png', 'https://[::ffff:a9fe:a9fe]/a.png', 'https://[::]/a.png',
      // The URL parser turns these spellings into 127.0.0.1 and 10.0.0.1.
      'https://2130706433/a.png', 'https://0x7f.1/a.png', 'https://012.0.0.1/a.png',
    ];
    for (const url of privateUrls) await refusal(fetchImage(url, { ...nodeImageConnector, limits, signal, request }), /on this computer or its local network/);
    assert.equal(calls(), 0);
    assert.equal(images.count(), 0, 'the loopback image server was never contacted');
  });

  it("loads from a private address only on the API endpoint's own host", async () => {
    // The endpoint on localhost does not make 127.0.0.1 (another name) loadable, nor the reverse.
    await refusal(fetchImage(`${images.url}/a.png`, { ...nodeImageConnector, limits, signal, privateHostAllowed: 'localhost' }), /local network/);
    await refusal(fetchImage(`http://localhost:${images.host.split(':')[1]}/a.png`, { ...nodeImageConnector, limits, signal, privateHostAllowed: '127.0.0.1' }), /local network/);
    assert.equal(images.count(), 0);
    const { info } = await fetchImage(`${images.url}/a.png`, { ...nodeImageConnector, limits, signal, privateHostAllowed: '127.0.0.1' });
    assert.equal(info.mimeType, 'image/png');
  });

  it('refuses a host name that resolves to a private address, checked when connecting', async () => {
    const names: string[] = [];
    const toLoopback = ((hostname: string, _options: unknown, callback: (error: null, addresses: { address: string; family: number }[]) => void) => {
      names.push(hostname);
      callback(null, [{ address: '93.184.215.14', family: 4 }, { address: '127.0.0.1', family: 4 }]);
    }) as unknown as LookupFunction;
    // The real requester: the name is resolved through the hook, and the connection refused.
    await refusal(fetchImage(`https://rebind.example.test:${images.host.split(':')[1]}/a.png`, { ...nodeImageConnector, limits, signal, resolve: toLoopback }), /rebind\.example\.test:\d+ is on this computer/);
    assert.deepEqual(names, ['rebind.example.test']);
    assert.equal(images.count(), 0);
  });
});

describe('guardedLookup', () => {
  const resolvingTo = (...addresses: string[]): LookupFunction =>
    ((_hostname: string, _options: unknown, callback: (error: null, found: { address: string; family: number }[]) => void) =>
      callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })))) as unknown as LookupFunction;
  const lookUp = (lookup: LookupFunction, all: boolean) =>
    new Promise<{ error: Error | null; result: unknown }>((resolve) =>
      lookup('images.example.com', { all }, (error: Error | null, result: unknown) => resolve({ error, result })),
    );

  it('passes public addresses through, in the form asked for', async () => {
    assert.deepEqual((await lookUp(guardedLookup(false, resolvingTo('93.184.215.14', '2606:2800::1')), true)).result, [
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800::1', family: 6 },
    ]);
    assert.equal((await lookUp(guardedLookup(false, resolvingTo('93.184.215.14')), false)).result, '93.184.215.14');
  });

  it('refuses when any address is private, unless private addresses are allowed', async () => {
    for (const address of ['127.0.0.1', '10.0.0.7', '192.168.2.1', '169.254.169.254', '::1', 'fd00::5', '::ffff:10.0.0.1']) {
      const { error } = await lookUp(guardedLookup(false, resolvingTo('93.184.215.14', address)), false);
      assert.ok(error instanceof PrivateAddressError, address);
    }
    assert.equal((await lookUp(guardedLookup(true, resolvingTo('127.0.0.1')), false)).result, '127.0.0.1');
  });
});
