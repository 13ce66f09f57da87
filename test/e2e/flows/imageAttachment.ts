// Issue 5, an image attachment reaching the request: a real PNG in the workspace is attached
// with the composer's image button and VS Code's file picker (in a browser, the quick-input
// file dialog: the path is typed), a second one is pasted into the composer; both show as
// thumbnails before sending; the question goes out as a parts array, text first, then one
// `image_url` part per image whose data: URL decodes to exactly that file's bytes.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { textReply } from '../../support/fakeApiServer';
import { pngImage } from '../../support/imageFixtures';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { lastUserContent, pastePng, startNewConversation } from './common';

const PICKED = pngImage(64, 40);
const PASTED = pngImage(7, 5);
const QUESTION = 'What do these two images show?';

interface ImagePart {
  type: string;
  text?: string;
  image_url?: { url: string };
}

function decodeDataUrl(url: string | undefined): Buffer {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(url ?? '');
  assert.ok(match, `not a base64 PNG data: URL: ${String(url).slice(0, 60)}…`);
  return Buffer.from(match[1]!, 'base64');
}

export const imageAttachmentFlow: Flow = {
  name: 'image attachment: picked with the file dialog and pasted, thumbnails, image_url parts with the exact bytes',
  async run(context) {
    const { env, workbench, chat, step } = context;
    await startNewConversation(context);
    const file = join(env.workspace, 'images', 'diagram.png');
    mkdirSync(join(env.workspace, 'images'), { recursive: true });
    writeFileSync(file, PICKED);

    await step('the composer\'s image button opens the file picker; type the PNG\'s path, Enter', async () => {
      await (await chat.locator('button.composer-attach')).click();
      await workbench.answerFileDialog('Completions Chat: Attach Images', file);
    });

    await step('its thumbnail shows above the input, from the file\'s bytes', async () => {
      const thumbnail = (await chat.locator('.attachments .attachment')).first();
      await thumbnail.waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(await thumbnail.getAttribute('title'), `diagram.png · 64 × 40 · ${PICKED.length} B`);
      const image = thumbnail.locator('img.attachment-thumbnail');
      assert.deepEqual(decodeDataUrl((await image.getAttribute('src')) ?? ''), Buffer.from(PICKED));
      await thumbnail.getByRole('button', { name: 'Remove diagram.png' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    });

    await step('paste a second PNG into the composer; a second thumbnail shows', async () => {
      // A clipboard holding an image file, pasted into the input (what Ctrl+V of a screenshot does).
      await pastePng(await chat.composerInput(), PASTED, 'pasted.png');
      const thumbnails = await chat.locator('.attachments .attachment');
      await thumbnails.nth(1).waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(await thumbnails.count(), 2);
      assert.match((await thumbnails.nth(1).getAttribute('title')) ?? '', /^pasted\.png · 7 × 5 · /);
    });
    await context.sideBarScreenshot('image-attachment');

    env.api.enqueue(textReply('A diagram and a small gray square.'));
    await step('send the question; the composer\'s thumbnails move into the question', async () => {
      await chat.ask(QUESTION);
      await chat.waitForAnswerDone(1);
      const question = (await chat.questions()).last();
      assert.equal(await question.locator('.user-images img.user-image-thumbnail').count(), 2);
      await (await chat.locator('.attachments .attachment')).first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
    });

    await step('the request\'s question is [text, image_url, image_url] with exactly the two files\' bytes', async () => {
      const request = await env.api.waitForChatRequest(1, STEP_TIMEOUT_MS);
      const content = lastUserContent(request.body) as ImagePart[];
      assert.ok(Array.isArray(content), `the user message content is not an array: ${JSON.stringify(content).slice(0, 80)}`);
      assert.deepEqual(content.map((part) => part.type), ['text', 'image_url', 'image_url']);
      assert.equal(content[0]!.text, QUESTION);
      assert.deepEqual(decodeDataUrl(content[1]!.image_url?.url), Buffer.from(PICKED));
      assert.deepEqual(decodeDataUrl(content[2]!.image_url?.url), Buffer.from(PASTED));
    });
  },
};
