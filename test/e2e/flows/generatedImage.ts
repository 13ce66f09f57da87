// Issue 5, images in answers (drawing model): an answer embedding a remote image shows a
// placeholder naming the host and fetches NOTHING (no request reaches the image server, no
// <img> in the view points anywhere but data:); "Load image" asks in a modal dialog showing the
// full URL (Cancel fetches nothing and gives the button back), then makes the extension host
// fetch it exactly once, without the token or cookies, and the view shows it from a data: URL
// with Save to Workspace and Copy Link. "Always load images from <host>" asks, naming the host,
// then puts it into the user's completionsChat.imageHosts and loads that image; a later
// answer's image from that host is then fetched with no click. (The image server is on
// 127.0.0.1 like the API endpoint: loopback images load only from the endpoint's own host.)
// The image server's host (127.0.0.1:<its port>) stays in imageHosts for the rest of the run;
// no other flow loads from it.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { textReply } from '../../support/fakeApiServer';
import { pngImage } from '../../support/imageFixtures';
import type { FlowContext, Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { startNewConversation } from './common';

const CHART = pngImage(160, 90);
const SECOND = pngImage(90, 90);
const THIRD = pngImage(40, 120);

interface BrowserGlobals {
  document: { querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }> };
}

/** The src of every <img> in the chat webview's DOM. */
async function imageSources(context: FlowContext): Promise<string[]> {
  const frame = await context.chat.frame();
  return frame.evaluate(() => Array.from((globalThis as unknown as BrowserGlobals).document.querySelectorAll('img')).map((img) => img.getAttribute('src') ?? ''));
}

/** Waits for the loaded image of `url` in the last answer and returns its data: URL. */
async function loadedImage(context: FlowContext, url: string): Promise<string> {
  const image = (await context.chat.lastAnswer()).locator(`.answer-image[data-image-url="${url}"] img.answer-image-img`);
  await image.waitFor({ timeout: STEP_TIMEOUT_MS });
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let src = '';
  while (!(src = (await image.getAttribute('src')) ?? '').startsWith('data:')) {
    if (Date.now() > deadline) throw new Error(`the loaded image of ${url} has no data: src (src="${src.slice(0, 40)}")`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return src;
}

function bytesOf(dataUrl: string): Buffer {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  assert.ok(match, `not a base64 PNG data: URL: ${dataUrl.slice(0, 40)}`);
  return Buffer.from(match[1]!, 'base64');
}

async function waitForUserSetting(file: string, key: string, expected: unknown): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let last: unknown;
  for (;;) {
    if (existsSync(file)) {
      try {
        last = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)[key];
        assert.deepEqual(last, expected);
        return;
      } catch {
        // not written yet, or mid-write
      }
    }
    if (Date.now() > deadline) throw new Error(`${file} never held ${key} = ${JSON.stringify(expected)} (last: ${JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const generatedImageFlow: Flow = {
  name: 'generated image: never fetched before a click; Load image, then Always load from the host',
  async run(context) {
    const { env, chat, step, workbench } = context;
    const { images } = env;
    images.serve('/img.png', CHART).serve('/second.png', SECOND).serve('/third.png', THIRD);
    const chartUrl = `${images.url}/img.png`;
    const secondUrl = `${images.url}/second.png`;
    const thirdUrl = `${images.url}/third.png`;
    await startNewConversation(context);

    env.api.enqueue(textReply(`Here is your chart:\n\n![chart](${chartUrl})\n\nBars are monthly totals.`));
    await step('ask the drawing model; the answer embeds an image link', async () => {
      await chat.ask('Draw a bar chart of the monthly totals.');
      await chat.waitForAnswerDone(1);
    });

    await step('a placeholder names the host; nothing was fetched; no <img> points at a remote URL', async () => {
      const holder = (await chat.lastAnswer()).locator(`.image-placeholder[data-image-url="${chartUrl}"]`);
      await holder.waitFor({ timeout: STEP_TIMEOUT_MS }).catch((error: unknown) => {
        throw new Error(`no placeholder for ${chartUrl}; the image server got ${images.count()} request(s): ${String(error)}`);
      });
      assert.equal((await holder.locator('.image-placeholder-text').innerText()).trim(), `Image from ${images.host} not loaded`);
      await holder.getByRole('button', { name: `Always load images from ${images.host}` }).waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(images.count(), 0, `the image server got ${images.count()} request(s) before any click`);
      const remote = (await imageSources(context)).filter((src) => !src.startsWith('data:'));
      assert.deepEqual(remote, [], 'the webview holds an <img> with a non-data: src');
    });

    const loadButton = async () =>
      (await chat.lastAnswer()).locator(`.image-placeholder[data-image-url="${chartUrl}"]`).getByRole('button', { name: 'Load image', exact: true });
    await step('"Load image" asks in a modal dialog that shows the full URL; Cancel fetches nothing and gives the button back', async () => {
      await (await loadButton()).click();
      const { message, detail } = await workbench.readDialog('Load this image from');
      assert.equal(message, `Load this image from "${images.host}"?`);
      assert.ok(detail.includes(chartUrl), `the dialog does not show the full URL: ${detail}`);
      await workbench.answerDialog('Load this image from', 'Cancel');
      const button = await loadButton();
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      while (!(await button.isEnabled())) {
        if (Date.now() > deadline) throw new Error('the "Load image" button stayed disabled after Cancel');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(images.count(), 0, 'the image was fetched although the user cancelled');
    });

    await step('"Load image" → "Load Image": exactly one request, without token or cookie; the image shows from a data: URL', async () => {
      await (await loadButton()).click();
      await workbench.answerDialog('Load this image from', 'Load Image');
      const src = await loadedImage(context, chartUrl);
      assert.deepEqual(bytesOf(src), Buffer.from(CHART), 'the shown image is not the served bytes');
      assert.equal(images.count('/img.png'), 1);
      assert.equal(images.count(), 1);
      const headers = images.requests[0]!.headers;
      for (const name of ['authorization', 'cookie', 'referer']) assert.equal(headers[name], undefined, `the image request carried ${name}`);
      const shown = (await chat.lastAnswer()).locator(`.answer-image[data-image-url="${chartUrl}"]`);
      await shown.getByRole('button', { name: 'Save to Workspace' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await shown.getByRole('button', { name: 'Copy Link' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(await (await chat.lastAnswer()).locator('.image-placeholder').count(), 0);
    });
    await context.sideBarScreenshot('generated-image');

    env.api.enqueue(textReply(`Another one:\n\n![square](${secondUrl})`));
    await step('a second answer\'s image waits too; "Always load images from <host>" loads it and sets imageHosts', async () => {
      await chat.ask('And a square one?');
      await chat.waitForAnswerDone(2);
      const holder = (await chat.lastAnswer()).locator(`.image-placeholder[data-image-url="${secondUrl}"]`);
      await holder.waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(images.count('/second.png'), 0, 'the second image was fetched before a click');
      await holder.getByRole('button', { name: `Always load images from ${images.host}` }).click();
      const { message } = await workbench.readDialog('Always load images from');
      assert.equal(message, `Always load images from "${images.host}"?`);
      await workbench.answerDialog('Always load images from', 'Always Load');
      assert.deepEqual(bytesOf(await loadedImage(context, secondUrl)), Buffer.from(SECOND));
      assert.equal(images.count('/second.png'), 1);
      await waitForUserSetting(env.userSettingsFile, 'completionsChat.imageHosts', [images.host]);
    });

    env.api.enqueue(textReply(`A tall one:\n\n![tall](${thirdUrl})`));
    await step('a third answer\'s image from that host is fetched with no click', async () => {
      await chat.ask('Now a tall one.');
      await chat.waitForAnswerDone(3);
      assert.deepEqual(bytesOf(await loadedImage(context, thirdUrl)), Buffer.from(THIRD));
      assert.equal(images.count('/third.png'), 1);
      assert.equal(images.count('/img.png'), 1, 'the first image was fetched again');
      assert.equal(images.count(), 3);
      const remote = (await imageSources(context)).filter((src) => !src.startsWith('data:'));
      assert.deepEqual(remote, [], 'the webview holds an <img> with a non-data: src');
    });
  },
};
