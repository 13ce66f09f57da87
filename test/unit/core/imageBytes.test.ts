import assert from 'node:assert/strict';
import { bytesOfDataUrl, checkImage, sniffImage, toDataUrl } from '../../../src/core/imageBytes';
import { ATTACHMENT_LIMITS, imageRefusalReason } from '../../../src/shared/imageLimits';
import { gifImage, jpegImage, pngImage, webpImage, withClaimedSize } from '../../support/imageFixtures';

describe('image bytes', () => {
  const real: [string, Uint8Array, string, number, number][] = [
    ['png', pngImage(3, 2), 'image/png', 3, 2],
    ['png 20×9', pngImage(20, 9), 'image/png', 20, 9],
    ['jpeg', jpegImage(3, 2), 'image/jpeg', 3, 2],
    ['jpeg 17×9', jpegImage(17, 9), 'image/jpeg', 17, 9],
    ['gif', gifImage(), 'image/gif', 1, 1],
    ['webp lossy (VP8)', webpImage('lossy'), 'image/webp', 3, 2],
    ['webp lossless (VP8L)', webpImage('lossless'), 'image/webp', 3, 2],
    ['webp extended (VP8X)', webpImage('extended'), 'image/webp', 3, 2],
  ];
  for (const [name, bytes, mimeType, width, height] of real) {
    it(`reads type and size of a real ${name} from its bytes`, () => {
      assert.deepEqual(sniffImage(bytes), { mimeType, width, height });
      assert.equal(checkImage(bytes, ATTACHMENT_LIMITS).ok, true);
    });
  }

  it('refuses an executable renamed to .png, whatever it claims', () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, ...new Array(64).fill(0)]);
    assert.equal(sniffImage(exe), undefined);
    const check = checkImage(bytesOfDataUrl(`data:image/png;base64,${Buffer.from(exe).toString('base64')}`)!, ATTACHMENT_LIMITS);
    assert.deepEqual(check, { ok: false, reason: 'is not a PNG, JPEG, GIF or WebP image (judged by its contents)' });
  });

  it('refuses SVG, text and other formats', () => {
    for (const text of ['<svg xmlns="http://www.w3.org/2000/svg"/>', 'GIF88a......', 'RIFF\0\0\0\0WAVEfmt ', 'BM6\0\0\0\0\0\0\0']) {
      assert.equal(sniffImage(new Uint8Array(Buffer.from(text, 'latin1'))), undefined, text);
    }
  });

  it('refuses every truncated header (no dimensions, no image)', () => {
    for (const [name, bytes, keep] of [
      ['png', pngImage(), 23], ['gif', gifImage(), 9], ['jpeg', jpegImage(), 20],
      ['webp lossy', webpImage('lossy'), 29], ['webp lossless', webpImage('lossless'), 24], ['webp extended', webpImage('extended'), 29],
    ] as const) {
      assert.equal(sniffImage(bytes.slice(0, keep)), undefined, name);
      assert.equal(sniffImage(bytes.slice(0, 4)), undefined, `${name} (4 bytes)`);
    }
    assert.equal(sniffImage(new Uint8Array(0)), undefined);
  });

  it('refuses a JPEG whose scan starts before any frame header', () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0xff, 0xd9]);
    assert.equal(sniffImage(bytes), undefined);
  });

  it('refuses zero-sized images', () => {
    assert.equal(sniffImage(withClaimedSize('png', 0, 5)), undefined);
    assert.equal(sniffImage(withClaimedSize('gif', 5, 0)), undefined);
  });

  it('refuses huge dimensions read from the header, with the numbers in the reason', () => {
    assert.deepEqual(checkImage(withClaimedSize('png', 100_000, 10), ATTACHMENT_LIMITS), {
      ok: false, reason: 'is 100000 × 10 pixels; the limit is 8192 pixels a side',
    });
    assert.deepEqual(checkImage(withClaimedSize('jpeg', 8000, 8000), ATTACHMENT_LIMITS), {
      ok: false, reason: 'is 8000 × 8000 pixels (64 MP); the limit is 40 MP',
    });
    assert.equal(checkImage(withClaimedSize('gif', 8192, 4000), ATTACHMENT_LIMITS).ok, true);
  });

  it('refuses files over the size limit before looking inside', () => {
    const big = new Uint8Array(ATTACHMENT_LIMITS.maxBytes + 1);
    big.set(pngImage());
    const check = checkImage(big, ATTACHMENT_LIMITS);
    assert.deepEqual(check, { ok: false, tooLarge: { size: ATTACHMENT_LIMITS.maxBytes + 1, maxBytes: ATTACHMENT_LIMITS.maxBytes } });
    assert.ok(!check.ok);
    assert.equal(imageRefusalReason(check), 'is 5 MB; the limit is 5 MB');
    const small = checkImage(pngImage(), { ...ATTACHMENT_LIMITS, maxBytes: 10 });
    assert.ok(!small.ok);
    assert.match(imageRefusalReason(small), /^is \d+ B; the limit is 10 B$/);
  });

  it('makes data URLs typed by the bytes and reads any declared type back', () => {
    const png = pngImage();
    const url = toDataUrl(png, 'image/png');
    assert.match(url, /^data:image\/png;base64,iVBOR/);
    assert.deepEqual(bytesOfDataUrl(url), png);
    assert.deepEqual(bytesOfDataUrl(url.replace('image/png', 'application/octet-stream')), png);
    assert.equal(bytesOfDataUrl('data:image/png,rawtext'), undefined);
    assert.equal(bytesOfDataUrl('https://example.com/a.png'), undefined);
  });
});
