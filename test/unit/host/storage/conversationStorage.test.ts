import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newConversation } from '../../../../src/host/session/chatSession';
import { IMAGES_FOLDER, openConversationStorage, type ConversationStorage } from '../../../../src/host/storage/conversationStorage';
import { ImageStore } from '../../../../src/host/images/imageStore';
import type { Conversation, ImageAttachment } from '../../../../src/shared/conversation';
import { pngImage } from '../../../support/imageFixtures';

const LIMITS = { maxBytes: 5_000_000, maxSide: 8192, maxPixels: 40_000_000 };

function askingWith(image: ImageAttachment): Conversation {
  const conversation = newConversation('gpt-4o');
  conversation.entries.push({ id: 'q', role: 'user', text: 'What is this?', images: [image], createdAt: 1 });
  return conversation;
}

describe('Conversation storage: files, images beside them, and the sweep', () => {
  let folder: string;
  let now: number;
  let attached: string[];

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'cc-storage-'));
    now = 5_000_000;
    attached = [];
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const open = () =>
    openConversationStorage({
      folder,
      memento: { get: () => undefined, update: async () => undefined },
      attachedImages: () => attached,
      notice: () => undefined,
      log: () => undefined,
      now: () => now,
    });
  const imageFile = (id: string) => join(folder, IMAGES_FOLDER, id);
  const attachment = async (storage: ConversationStorage, side: number): Promise<ImageAttachment> => {
    const stored = await storage.images.put(pngImage(side, side), LIMITS);
    return { id: stored.id, mimeType: 'image/png', name: `${side}.png`, width: side, height: side, size: stored.size };
  };
  /**
   * The sweep runs after the write that replaced the conversation; image store work is queued
   * behind it, so a sweep that keeps everything resolves once it has finished.
   */
  const sweepDone = (storage: ConversationStorage) =>
    storage.images.deleteUnreferenced(async () => new Set(existsSync(join(folder, IMAGES_FOLDER)) ? readdirSync(join(folder, IMAGES_FOLDER)) : []));

  it('New Conversation keeps the old one\'s images; deleting it deletes the images only it referred to, once its Undo has passed', async () => {
    const storage = await open();
    const old = await attachment(storage, 2);
    const next = await attachment(storage, 3);
    const composer = await attachment(storage, 4);
    const shared = await attachment(storage, 6);
    attached = [composer.id];
    const first = askingWith(old);
    (first.entries[0] as { images: ImageAttachment[] }).images.push(shared);
    storage.conversations.save(first, true);
    await storage.conversations.flush();
    const kept = askingWith(shared);
    storage.conversations.save(kept, true);
    await storage.conversations.flush();
    now += ImageStore.GRACE_MS;
    // The new conversation is still being written when a sweep runs: its image stays.
    storage.conversations.save(askingWith(next), true);
    await storage.conversations.flush();
    assert.equal(await storage.sweepImages(), 0, 'every kept conversation\'s images are in use');
    await storage.library.delete(first.id);
    assert.equal(await storage.sweepImages(), 0, 'Undo is still offered: its images stay');
    await storage.library.purgeAll();
    await sweepDone(storage);
    assert.equal(existsSync(imageFile(old.id)), false, 'the deleted conversation\'s own image is deleted');
    assert.ok(existsSync(imageFile(shared.id)), 'an image another kept conversation refers to stays');
    assert.ok(existsSync(imageFile(next.id)), 'the new conversation\'s image stays');
    assert.ok(existsSync(imageFile(composer.id)), 'an attachment not sent yet stays');
  });

  it('on start, images no saved conversation refers to are deleted', async () => {
    const first = await open();
    const kept = await attachment(first, 2);
    const orphan = await attachment(first, 5);
    first.conversations.save(askingWith(kept), true);
    await first.conversations.flush();
    const second = await open();
    assert.equal(second.saved?.entries.length, 1);
    assert.equal(await second.sweepImages(), 1);
    assert.ok(existsSync(imageFile(kept.id)));
    assert.equal(existsSync(imageFile(orphan.id)), false);
  });
});
