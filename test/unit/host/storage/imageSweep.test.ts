import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore } from '../../../../src/host/images/imageStore';
import { pngImage } from '../../../support/imageFixtures';

const LIMITS = { maxBytes: 5_000_000, maxSide: 8192, maxPixels: 40_000_000 };

describe('Deleting stored images no conversation refers to', () => {
  let folder: string;
  let now: number;
  let store: ImageStore;

  beforeEach(() => {
    folder = join(mkdtempSync(join(tmpdir(), 'cc-images-')), 'images');
    mkdirSync(folder);
    now = 1_000_000;
    store = new ImageStore(folder, () => now);
  });
  afterEach(() => rmSync(join(folder, '..'), { recursive: true, force: true }));

  it('deletes unreferenced images and keeps referenced ones and files that are not images', async () => {
    const kept = await store.put(pngImage(2, 2), LIMITS);
    const dropped = await store.put(pngImage(3, 3), LIMITS);
    writeFileSync(join(folder, 'notes.txt'), 'not ours to judge');
    now += ImageStore.GRACE_MS;
    assert.equal(await store.deleteUnreferenced(async () => new Set([kept.id])), 1);
    assert.deepEqual(readdirSync(folder).sort(), [kept.id, 'notes.txt'].sort());
    assert.equal(await store.get(dropped.id), undefined, 'not served from the cache either');
    assert.ok(await store.get(kept.id));
  });

  it('keeps an image stored a moment ago, whose question or answer may not hold it yet', async () => {
    const fresh = await store.put(pngImage(2, 2), LIMITS);
    assert.equal(await store.deleteUnreferenced(async () => new Set()), 0);
    assert.ok(existsSync(join(folder, fresh.id)));
  });

  it('never deletes an image stored while the sweep runs (a conversation being written refers to it)', async () => {
    const earlier = await store.put(pngImage(4, 4), LIMITS);
    now += ImageStore.GRACE_MS;
    let release!: () => void;
    const asked = new Promise<void>((resolve) => (release = resolve));
    // The sweep asks what is in use; meanwhile the same bytes are attached again.
    const sweep = store.deleteUnreferenced(async () => {
      await asked;
      return new Set<string>();
    });
    const again = store.put(pngImage(4, 4), LIMITS);
    release();
    assert.equal(await sweep, 0);
    assert.equal((await again).id, earlier.id);
    assert.ok(existsSync(join(folder, earlier.id)), 'the new attachment is on disk');
  });
});
