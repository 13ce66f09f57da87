import assert from 'node:assert/strict';
import { fetchImage, ImageFetchError } from '../../../src/host/imageFetcher';
import { FETCHED_IMAGE_LIMITS } from '../../../src/shared/imageLimits';
import { jpegImage, pngImage } from '../../support/imageFixtures';
import { ImageServer } from '../../support/imageServer';

const limits = FETCHED_IMAGE_LIMITS;

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
    const { bytes, info } = await fetchImage(`${images.url}/photo`, { limits });
    assert.deepEqual(info, { mimeType: 'image/jpeg', width: 17, height: 9 });
    assert.deepEqual(bytes, jpegImage(17, 9));
  });

  it('sends no authorization, cookie or referrer, only an image accept header', async () => {
    await fetchImage(`${images.url}/a.png`, { limits });
    const [request] = images.requests;
    assert.ok(request);
    assert.equal(request.headers.authorization, undefined);
    assert.equal(request.headers.cookie, undefined);
    assert.equal(request.headers.referer, undefined);
    assert.match(String(request.headers.accept), /^image\/png,image\/jpeg,image\/gif,image\/webp$/);
  });

  it('follows a redirect on the same host', async () => {
    const { info } = await fetchImage(`${images.url}/same-host`, { limits });
    assert.equal(info.mimeType, 'image/png');
    assert.deepEqual(images.requests.map((request) => request.path), ['/same-host', '/a.png']);
  });

  it('refuses a redirect to another host (other port, other name) without contacting it', async () => {
    await refusal(fetchImage(`${images.url}/other-host`, { limits }), /redirected to another host \(127\.0\.0\.1:\d+\)/);
    await refusal(fetchImage(`${images.url}/other-name`, { limits }), /redirected to another host \(localhost:\d+\)/);
    assert.equal(other.count(), 0);
    assert.equal(images.count('/a.png'), 0);
  });

  it('gives up on redirect loops', async () => {
    await refusal(fetchImage(`${images.url}/loop`, { limits }), /redirected too many times/);
    assert.equal(images.count('/loop'), 4);
  });

  it('refuses bytes that are not an image, whatever the content type says', async () => {
    await refusal(fetchImage(`${images.url}/page.png`, { limits }), /is not a PNG, JPEG, GIF or WebP image/);
  });

  it('refuses a body over the size cap, declared or streamed', async () => {
    await refusal(fetchImage(`${images.url}/huge-declared`, { limits }), /larger than 10 MB/);
    await refusal(fetchImage(`${images.url}/huge-chunked`, { limits }), /larger than 10 MB/);
  });

  it('reports an HTTP error with its status', async () => {
    await refusal(fetchImage(`${images.url}/missing.png`, { limits }), /answered HTTP 404/);
  });

  it('refuses plain http to other machines, other schemes and credentials in the URL, before any request', async () => {
    let calls = 0;
    const counting = (async () => {
      calls++;
      throw new Error('must not be called');
    }) as typeof fetch;
    await refusal(fetchImage('http://images.example.com/a.png', { limits, fetch: counting }), /Only https images/);
    await refusal(fetchImage('file:///etc/passwd', { limits, fetch: counting }), /Only https images/);
    await refusal(fetchImage('ftp://example.com/a.png', { limits, fetch: counting }), /Only https images/);
    await refusal(fetchImage('https://user:secret@images.example.com/a.png', { limits, fetch: counting }), /user name or password/);
    await refusal(fetchImage('not a url', { limits, fetch: counting }), /not a valid URL/);
    assert.equal(calls, 0);
  });

  it('never follows an https redirect down to http, even on the same host', async () => {
    const seen: string[] = [];
    const fake = (async (url: URL) => {
      seen.push(url.href);
      return new Response(null, { status: 301, headers: { location: 'http://localhost/a.png' } });
    }) as unknown as typeof fetch;
    await refusal(fetchImage('https://localhost/start.png', { limits, fetch: fake }), /from https to http/);
    assert.deepEqual(seen, ['https://localhost/start.png']);
  });
});
