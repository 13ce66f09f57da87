// Issue 11, Continue after a cut: the loopback server stops the answer at the token limit
// (`finish_reason: "length"`); the panel says so and offers Continue; one click asks for the
// rest (the history with the cut answer, then a short instruction that is no question in the
// panel), and the continuation is appended to the same answer. It works again when the rest is
// cut too; Stop during a continuation keeps every word so far and Continue is offered again;
// the answer ends whole.
import * as assert from 'node:assert/strict';
import { textReply } from '../../support/fakeApiServer';
import type { Flow, FlowContext } from '../harness';
import { STEP_TIMEOUT_MS, waitForAttribute, waitForText } from '../workbench';
import { startNewConversation } from './common';

const QUESTION = 'List the planets of the solar system.';
const PARTS = ['The planets, from the Sun: Mercury, Venus, Ea', 'rth, Mars, Jupiter, Sat', 'urn,', ' Uranus and Neptune.'];
const WHOLE = PARTS.join('');

/** Clicks Continue on the answer; checks request `index` carries the answer `sofar` and the instruction. */
async function clickContinue({ env, chat }: FlowContext, index: number, sofar: string): Promise<void> {
  const answer = await chat.lastAnswer();
  await answer.getByRole('button', { name: 'Continue' }).click();
  const request = await env.api.waitForChatRequest(index, STEP_TIMEOUT_MS);
  const messages = request.body.messages as { role: string; content: string }[];
  assert.deepEqual(messages.map((message) => message.role), ['system', 'user', 'assistant', 'user']);
  assert.equal(messages[1]!.content, QUESTION);
  assert.equal(messages[2]!.content, sofar, 'the cut answer, as the assistant turn');
  assert.match(messages[3]!.content, /^Continue exactly where your previous message stopped/);
}

export const continueAnswerFlow: Flow = {
  name: 'Continue after a cut: the answer cut at the token limit is continued in place until whole',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);
    env.api.enqueue(
      textReply(PARTS[0]!, { finishReason: 'length' }),
      textReply(PARTS[1]!, { finishReason: 'length' }),
      // Written up to its first word, then held until the client hangs up (Stop).
      textReply(PARTS[2]! + PARTS[3]!, { pauseAfterTokens: 1 }),
      textReply(PARTS[3]!),
    );

    await step('ask; the answer stops at the token limit: the panel says so and offers Continue', async () => {
      await chat.ask(QUESTION);
      const answer = await chat.waitForAnswerDone(1);
      await waitForText(answer.locator('.finish-length'), 'Answer cut at the token limit', 'the cut notice');
      await answer.getByRole('button', { name: 'Continue' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    });

    await step('click Continue: the rest is appended to the same answer, which is cut again', async () => {
      await clickContinue(context, 2, PARTS[0]!);
      const answer = await chat.lastAnswer();
      await waitForText(answer.locator('.markdown-body'), PARTS[0]! + PARTS[1]!, 'the answer with the continuation appended');
      await answer.getByRole('button', { name: 'Continue' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    });

    await step('click Continue again, and Stop while it streams: every word so far stays, Continue is offered again', async () => {
      await clickContinue(context, 3, PARTS[0]! + PARTS[1]!);
      const answer = await chat.lastAnswer();
      await waitForText(answer.locator('.markdown-body'), PARTS[0]! + PARTS[1]! + PARTS[2]!, 'the first word of the continuation');
      const button = await chat.composerButton();
      await waitForAttribute(button, 'aria-label', 'Stop answer', 'the Send button to turn into Stop');
      await button.click();
      await answer.locator('.status-stopped', { hasText: 'Stopped' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(await chat.answerText(answer), PARTS[0]! + PARTS[1]! + PARTS[2]!);
      await answer.getByRole('button', { name: 'Continue' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    });

    await step('Continue once more: one answer that reads whole, no cut notice, no Continue, no extra question', async () => {
      await clickContinue(context, 4, PARTS[0]! + PARTS[1]! + PARTS[2]!);
      const answer = await chat.lastAnswer();
      await waitForText(answer.locator('.markdown-body'), WHOLE, 'the whole answer');
      await chat.waitForAnswerDone(1);
      assert.equal(await (await chat.answers()).count(), 1);
      assert.equal(await (await chat.questions()).count(), 1);
      assert.equal(await answer.locator('.finish-length').count(), 0);
      assert.equal(await answer.getByRole('button', { name: 'Continue' }).count(), 0);
      await answer.locator('.entry-footer .usage').waitFor({ timeout: STEP_TIMEOUT_MS });
    });
    await context.sideBarScreenshot('continue');
  },
};
