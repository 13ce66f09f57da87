// Issue 5, token usage: streaming, the extension asks for usage (`stream_options.include_usage`)
// and the loopback server then sends its numbers in a last chunk: the answer shows "N tokens"
// with exactly the server's total, and the Parameters row the conversation's total. A server
// that sends no usage gets an estimate, labelled as estimated, in the answer and the total.
import * as assert from 'node:assert/strict';
import { splitIntoTokens, textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS, waitForText } from '../workbench';
import { startNewConversation } from './common';

const FIRST_ANSWER = 'A `Map` keeps insertion order and takes any key; an object only strings and symbols.';
const SECOND_ANSWER = 'Use a `WeakMap` when the keys are objects that may be collected.';

const count = (tokens: number) => tokens.toLocaleString('en-US');

export const usageFlow: Flow = {
  name: 'usage: the server\'s token count per answer and per conversation, else an estimate',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);

    // No usage given: the server computes its own numbers and sends them only if asked.
    env.api.enqueue(textReply(FIRST_ANSWER));
    let serverTotal = 0;
    await step('ask with streaming on; the request asks for usage (stream_options.include_usage)', async () => {
      await chat.ask('Map or object?');
      const request = await env.api.waitForChatRequest(1, STEP_TIMEOUT_MS);
      assert.equal(request.body.stream, true);
      assert.deepEqual(request.body.stream_options, { include_usage: true });
      // The loopback server's numbers (see estimateUsage in fakeApiServer.ts).
      serverTotal = Math.ceil(request.rawBody.length / 4) + splitIntoTokens(FIRST_ANSWER).length;
    });

    await step('the answer shows the server\'s total; the Parameters row the conversation\'s', async () => {
      const answer = await chat.waitForAnswerDone(1);
      await waitForText(answer.locator('.entry-footer .usage'), `${count(serverTotal)} tokens`, 'the answer\'s token count');
      assert.equal(await answer.locator('.usage.is-estimated').count(), 0);
      await waitForText(await chat.conversationUsage(), `${count(serverTotal)} tokens`, 'the conversation\'s token count');
    });

    env.api.enqueue(textReply(SECOND_ANSWER, { usage: false }));
    await step('a server reply without usage: the answer shows an estimate, labelled estimated', async () => {
      await chat.ask('And for object keys?');
      const answer = await chat.waitForAnswerDone(2);
      const usage = answer.locator('.entry-footer .usage.is-estimated');
      await usage.waitFor({ timeout: STEP_TIMEOUT_MS });
      const text = (await usage.innerText()).trim();
      const match = /^≈([\d,]+) tokens \(estimated\)$/.exec(text);
      assert.ok(match, `the estimate reads "${text}"`);
      const estimate = Number(match[1]!.replace(/,/g, ''));
      assert.ok(estimate > 0);
      await waitForText(await chat.conversationUsage(), `≈${count(serverTotal + estimate)} tokens (estimated)`, 'the conversation\'s total with the estimate');
    });
    await context.sideBarScreenshot('usage');
  },
};
