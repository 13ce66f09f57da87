// Flow 2, chat: type a question in the panel, Enter; the answer streams in (seen part-way,
// while the panel says "Answering…") and ends as rendered markdown with a highlighted code block.
import * as assert from 'node:assert/strict';
import { manualGate, textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS, waitForText } from '../workbench';
import { lastUserContent, startNewConversation, squash } from './common';

const QUESTION = 'How do I double every number in an array?';
const CODE = 'const doubled = [1, 2, 3].map((n) => n * 2);\nconsole.log(doubled); // [2, 4, 6]';
const ANSWER = [
  'Use **Array.prototype.map** to transform each item:',
  '',
  '```typescript',
  CODE,
  '```',
  '',
  'It returns a *new* array and leaves the old one as it was.',
].join('\n');

/** What this check needs from the page's window (test code is type-checked without the DOM lib). */
interface BrowserGlobals {
  getComputedStyle(element: unknown): { backgroundColor: string };
}

export const chatFlow: Flow = {
  name: 'chat: a question, a streamed markdown answer with highlighted code',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);

    // The server holds after a few deltas until the half-written answer has been seen, so the
    // check does not race the server's pace on a slow machine; then the rest streams in.
    const rest = manualGate();
    env.api.enqueue(textReply(ANSWER, { tokenDelayMs: 20, pauseAfterTokens: 8, resume: rest.promise }));
    await step('type the question in the composer, Enter', () => chat.ask(QUESTION));

    await step('the server got a streaming request with the question', async () => {
      const request = await env.api.waitForChatRequest(1, STEP_TIMEOUT_MS);
      assert.equal(request.body.stream, true);
      assert.equal(request.body.model, 'e2e-model');
      assert.equal(lastUserContent(request.body), QUESTION);
    });

    await step('the answer streams in: part of it shows while the panel says "Answering…"', async () => {
      const answer = await chat.lastAnswer();
      const indicator = answer.locator('.streaming-indicator');
      await indicator.waitFor({ timeout: STEP_TIMEOUT_MS });
      await waitForText(answer.locator('.markdown-body').first(), /\S/, 'the first words of the answer');
      const partial = squash(await answer.locator('.markdown-body').first().innerText());
      assert.equal(await indicator.count(), 1, 'the panel stopped saying "Answering…" while the server still held the rest');
      assert.ok(partial.length < squash(ANSWER).length, `the text seen while streaming is already complete: "${partial}"`);
      rest.open();
    });

    await step('the finished answer is rendered markdown', async () => {
      const answer = await chat.waitForAnswerDone(1);
      const body = answer.locator('.markdown-body').first();
      assert.equal((await body.locator('strong').first().innerText()).trim(), 'Array.prototype.map');
      assert.equal((await body.locator('em').first().innerText()).trim(), 'new');
      assert.equal(await body.locator('p', { hasText: '**' }).count(), 0, 'markdown syntax is shown raw');
      assert.equal((await (await chat.questions()).last().locator('.user-text').innerText()).trim(), QUESTION);
    });

    await step('the code block is highlighted TypeScript with its action buttons', async () => {
      const block = (await chat.lastAnswer()).locator('.code-block').first();
      assert.equal((await block.locator('.code-block-language').innerText()).trim(), 'typescript');
      const code = block.locator('pre code');
      assert.match((await code.getAttribute('class')) ?? '', /\bhljs\b.*\blanguage-typescript\b/);
      assert.equal((await code.innerText()).replace(/\n$/, ''), CODE, 'the code block shows the code exactly');
      assert.equal((await code.locator('span.hljs-keyword', { hasText: 'const' }).count()) > 0, true, 'no hljs keyword span for "const"');
      assert.ok((await code.locator('span[class^="hljs-"]').count()) >= 4, 'too few highlighted spans');
      // A block is one surface: no inline-code pill painted behind each line.
      const background = await code.evaluate((element) => (globalThis as unknown as BrowserGlobals).getComputedStyle(element).backgroundColor);
      assert.equal(background, 'rgba(0, 0, 0, 0)', 'the code block paints a background behind each line');
      for (const label of ['Copy', 'Insert at Cursor', 'Replace Selection', 'Show Diff with Selection', 'New File']) {
        await block.getByRole('button', { name: `${label} (code block 1)`, exact: true }).waitFor({ timeout: STEP_TIMEOUT_MS });
      }
    });
  },
};
