// Issue 11, Continue after a cut: the loopback server stops the answer at the token limit
// (`finish_reason: "length"`); the panel says so and offers Continue; one click asks for the
// rest (the history with the cut answer, then a short instruction that is no question in the
// panel), and the continuation is appended to the same answer, twice, until it reads whole.
import * as assert from 'node:assert/strict';
import { textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS, waitForText } from '../workbench';
import { startNewConversation } from './common';

const QUESTION = 'List the planets of the solar system.';
const PARTS = ['The planets, from the Sun: Mercury, Venus, Ea', 'rth, Mars, Jupiter, Sat', 'urn, Uranus and Neptune.'];

export const continueAnswerFlow: Flow = {
  name: 'Continue after a cut: the answer cut at the token limit is continued in place until whole',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);
    env.api.enqueue(
      textReply(PARTS[0]!, { finishReason: 'length' }),
      textReply(PARTS[1]!, { finishReason: 'length' }),
      textReply(PARTS[2]!),
    );

    await step('ask; the answer stops at the token limit: the panel says so and offers Continue', async () => {
      await chat.ask(QUESTION);
      const answer = await chat.waitForAnswerDone(1);
      await waitForText(answer.locator('.finish-length'), 'Answer cut at the token limit', 'the cut notice');
      await answer.getByRole('button', { name: 'Continue' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    });

    for (const [index, sofar] of [[2, PARTS[0]! + PARTS[1]!], [3, PARTS.join('')]] as const) {
      await step(`click Continue: request ${index} carries the cut answer and the instruction; the text is appended`, async () => {
        const answer = await chat.lastAnswer();
        await answer.getByRole('button', { name: 'Continue' }).click();
        const request = await env.api.waitForChatRequest(index, STEP_TIMEOUT_MS);
        const messages = request.body.messages as { role: string; content: string }[];
        assert.deepEqual(messages.map((message) => message.role), ['system', 'user', 'assistant', 'user']);
        assert.equal(messages[1]!.content, QUESTION);
        assert.equal(messages[2]!.content, sofar.slice(0, sofar.length - PARTS[index - 1]!.length));
        assert.match(messages[3]!.content, /^Continue exactly where your previous message stopped/);
        await waitForText(answer.locator('.markdown-body'), sofar, 'the answer with the continuation appended');
      });
    }

    await step('one answer that reads whole: no cut notice, no Continue, no extra question', async () => {
      const answer = await chat.waitForAnswerDone(1);
      assert.equal(await chat.answerText(answer), PARTS.join(''));
      assert.equal(await (await chat.answers()).count(), 1);
      assert.equal(await (await chat.questions()).count(), 1);
      assert.equal(await answer.locator('.finish-length').count(), 0);
      assert.equal(await answer.getByRole('button', { name: 'Continue' }).count(), 0);
      await answer.locator('.entry-footer .usage').waitFor({ timeout: STEP_TIMEOUT_MS });
    });
    await context.sideBarScreenshot('continue');
  },
};
