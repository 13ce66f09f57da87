import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { displayName, PendingAttachments } from '../../../../src/host/images/attachments';
import { ImageRefusedError, ImageStore } from '../../../../src/host/images/imageStore';
import { ATTACHMENT_LIMITS } from '../../../../src/shared/imageLimits';
import { gifImage, jpegImage, pngImage, webpImage, withClaimedSize } from '../../../support/imageFixtures';

describe('image store and pending attachments', () => {
  let directory: string;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'cc-images-'))));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('stores an image once under the SHA-256 of its bytes and gives it back as a typed data URL', async () => {
    const store = new ImageStore(directory);
    const bytes = jpegImage(17, 9);
    const stored = await store.put(bytes, ATTACHMENT_LIMITS);
    assert.deepEqual(stored, { id: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mimeType: 'image/jpeg', width: 17, height: 9 });
    await store.put(bytes, ATTACHMENT_LIMITS);
    assert.deepEqual(readdirSync(directory), [stored.id]);
    // A new store (a new window) reads it from disk.
    const again = new ImageStore(directory);
    assert.equal(await again.dataUrl(stored.id), `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`);
  });

  it('gives nothing for unknown ids, path tricks, or a file changed behind its back', async () => {
    const store = new ImageStore(directory);
    const stored = await store.put(pngImage(), ATTACHMENT_LIMITS);
    assert.equal(await store.get('../../etc/passwd'), undefined);
    assert.equal(await store.get('0'.repeat(64)), undefined);
    writeFileSync(join(directory, stored.id), 'tampered');
    assert.equal(await new ImageStore(directory).get(stored.id), undefined);
  });

  it('attaches real images with their names and refuses others with a clear message', async () => {
    const pending = new PendingAttachments(new ImageStore(directory));
    const png = await pending.add(pngImage(), '/home/me/screens/shot.png');
    await pending.add(gifImage(), 'anim.gif');
    await pending.add(webpImage('lossless'), 'photo.webp');
    await pending.add(pngImage(), 'same bytes again.png');
    assert.deepEqual(pending.list.map((item) => [item.name, item.mimeType, item.width, item.height]), [
      ['shot.png', 'image/png', 3, 2], ['anim.gif', 'image/gif', 1, 1], ['photo.webp', 'image/webp', 3, 2],
    ]);
    await assert.rejects(pending.add(new Uint8Array(Buffer.from('MZ\x90\0 this is a program')), 'setup.png'), (error: unknown) =>
      error instanceof ImageRefusedError && /^setup\.png was not attached: it is not a PNG, JPEG, GIF or WebP image/.test(error.message));
    await assert.rejects(pending.add(withClaimedSize('png', 9000, 10), 'wide.png'), /wide\.png was not attached: it is 9000 × 10 pixels; the limit is 8192 pixels a side/);
    const big = new Uint8Array(ATTACHMENT_LIMITS.maxBytes + 10);
    big.set(pngImage());
    await assert.rejects(pending.add(big, 'big.png'), /big\.png was not attached: it is 5 MB; the limit is 5 MB/);
    assert.equal(pending.list.length, 3);
    assert.equal(pending.remove(png.id), true);
    assert.deepEqual(pending.take().map((item) => item.name), ['anim.gif', 'photo.webp']);
    assert.deepEqual(pending.list, []);
  });

  it('shows file names without paths or control characters', () => {
    assert.equal(displayName('C:\\Users\\me\\a.png'), 'a.png');
    assert.equal(displayName('evil\u0007\u001b[31m.png'), 'evil[31m.png');
    assert.equal(displayName(''), 'image');
    assert.equal(displayName('x'.repeat(200)).length, 78);
  });
});
