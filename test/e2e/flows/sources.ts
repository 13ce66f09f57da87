// Issue 5, Sources: an answer with links (as browsing models answer) renders them as links and
// lists each linked site once under it: two links to one site and one to another make a
// Sources strip of two entries, each with its host and the first link's title.
import * as assert from 'node:assert/strict';
import { textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { startNewConversation } from './common';

const ANSWER = [
  'From the docs: [Array.prototype.map](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/map)',
  'returns a new array, and [Array.prototype.forEach](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/forEach)',
  'returns nothing. Node follows the same rules: see [the Node.js API](https://nodejs.org/api/).',
].join(' ');

export const sourcesFlow: Flow = {
  name: 'sources: each linked site once under the answer',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);
    env.api.enqueue(textReply(ANSWER, { model: 'gpt-4-browsing' }));

    await step('ask; the answer renders its three links as links', async () => {
      await chat.ask('map or forEach?');
      const answer = await chat.waitForAnswerDone(1);
      assert.equal(await answer.locator('.markdown-body a[href^="https://"]').count(), 3);
    });

    await step('a Sources strip lists the two sites once each, with the first link\'s title', async () => {
      const strip = (await chat.lastAnswer()).locator('nav.sources[aria-label="Sources"]');
      await strip.waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal((await strip.locator('.sources-heading').innerText()).trim(), 'Sources (2)');
      assert.deepEqual(
        (await strip.locator('.source-host').allInnerTexts()).map((text) => text.trim()),
        ['developer.mozilla.org', 'nodejs.org'],
      );
      assert.deepEqual(
        (await strip.locator('.source-title').allInnerTexts()).map((text) => text.trim()),
        ['Array.prototype.map', 'the Node.js API'],
      );
      assert.deepEqual(await strip.locator('a.source-link').evaluateAll((links) => links.map((link) => (link as unknown as { getAttribute(name: string): string }).getAttribute('href'))), [
        'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/map',
        'https://nodejs.org/api/',
      ]);
    });
    await context.sideBarScreenshot('sources');
  },
};
