// Flow: an oversized answer. A server streams text without end; at the 4 MB cap the client
// stops the request (the server sees the connection closed), the panel shows the text that
// came and says why it stopped, and the panel goes on working: the next question is answered.
// A real 4+ MB answer is streamed: the cap is not lowered for the test.
import * as assert from 'node:assert/strict';
import { sseReply, textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { startNewConversation } from './common';

/** One paragraph of 1 KB with its blank line, so the cap falls after about 4,096 of them. */
const PARAGRAPH = `${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(18).slice(0, 1022)}\n\n`;
/** 64 paragraphs per SSE event: 64 KB of text each. */
const EVENT = `data: ${JSON.stringify({ id: 'big', object: 'chat.completion.chunk', model: 'big-model', choices: [{ index: 0, delta: { content: PARAGRAPH.repeat(64) }, finish_reason: null }] })}\n\n`;
/** 64 MB, paced by the client's reading: a client that stopped at the cap leaves most unsent. */
const EVENTS = 1024;

export const oversizedAnswerFlow: Flow = {
  name: 'oversized answer: stopped at 4 MB with a notice, the text kept, the panel still works',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);
    env.api.reset();
    env.api.enqueue(sseReply(Array.from({ length: EVENTS }, () => EVENT), 5));

    await step('ask; the server streams an answer that never ends', () => chat.ask('Write everything you know.'));

    await step('the client closes the connection once the answer passes 4 MB', async () => {
      const request = await env.api.waitForChatRequest(1, STEP_TIMEOUT_MS);
      await Promise.race([
        request.settled,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the request never settled')), 4 * STEP_TIMEOUT_MS)),
      ]);
      assert.equal(request.clientClosedEarly, true, 'the server sent all 64 MB: the client did not stop at the cap');
    });

    await step('the answer says why it stopped, offers no Retry, and keeps the text up to the cap', async () => {
      const answer = await chat.waitForAnswerDone(1);
      const error = answer.locator('.error-box[role=alert]');
      await error.waitFor({ timeout: 4 * STEP_TIMEOUT_MS });
      const message = (await error.locator('.error-message').innerText()).trim();
      assert.match(message, /The answer passed the 4 MB limit and was stopped; the text so far is kept\./);
      assert.equal(await error.getByRole('button', { name: 'Retry' }).count(), 0, 'a retry would bring the same oversized answer');
      const paragraphs = answer.locator('.markdown-body p');
      const count = await paragraphs.count();
      // 4 MB of 1 KB paragraphs: 4,096, the last possibly cut.
      assert.ok(count >= 4_090 && count <= 4_097, `${count} paragraphs shown`);
      assert.equal((await paragraphs.first().innerText()).trim(), PARAGRAPH.trim());
    });

    await step('the panel still works: the next question is answered', async () => {
      env.api.enqueue(textReply('Still here.'));
      await chat.ask('Short answer, please.');
      const answer = await chat.waitForAnswerDone(2);
      assert.equal(await chat.answerText(answer), 'Still here.');
    });
  },
};
