// Flow: a browser reload right after a message. The question is sent and the tab reloaded as
// soon as the server has it, while the answer is still streaming (or not even begun): afterwards the question is
// there, once, and so is the answer, either whole or as a clear partial (marked "Interrupted by
// a reload", its text the start of what the server sent). Nothing is lost, nothing doubled.
import * as assert from 'node:assert/strict';
import { splitIntoTokens, textReply } from '../../support/fakeApiServer';
import type { Flow, FlowContext } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { squash, startNewConversation } from './common';

const QUESTION = 'Is a question sent just before F5 kept?';
const ANSWER = Array.from({ length: 12 }, (_, index) => `Sentence ${index + 1} of an answer that takes a few seconds to stream.`).join(' ');

async function reloadBrowserTab({ workbench }: FlowContext): Promise<void> {
  await workbench.page.reload({ waitUntil: 'domcontentloaded', timeout: 4 * STEP_TIMEOUT_MS });
  await workbench.waitUntilReady();
  await workbench.runCommand('Completions Chat: Open Chat');
}

export const reloadRightAfterMessageFlow: Flow = {
  name: 'a browser reload right after a message',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);
    // About 150 deltas 40 ms apart: several seconds of streaming, so the reload lands mid-answer.
    env.api.enqueue(textReply(ANSWER, { tokens: splitIntoTokens(ANSWER), tokenDelayMs: 40 }));

    await step('send a question and reload the browser tab as soon as the server has it (no graceful shutdown)', async () => {
      const before = env.api.chatRequests().length;
      await chat.ask(QUESTION);
      // The question is saved before it is sent; a reload in the milliseconds before the panel's
      // message reaches the extension host is another case (the next session's: the panel would
      // have to keep the text until the host has it).
      await env.api.waitForChatRequest(before + 1, STEP_TIMEOUT_MS);
      await reloadBrowserTab(context);
    });

    await step('the question is back, once', async () => {
      const questions = await chat.questions();
      await questions.first().waitFor({ timeout: STEP_TIMEOUT_MS }).catch(async () => {
        throw new Error(`the question was lost: the panel shows "${await chat.transcriptText()}"`);
      });
      assert.equal(await questions.count(), 1);
      assert.equal(squash(await questions.first().locator('.user-text').innerText()), QUESTION);
    });

    await step('the answer is there: whole, or the start of it marked "Interrupted by a reload"', async () => {
      const answers = await chat.answers();
      const answer = answers.first();
      await answer.waitFor({ timeout: STEP_TIMEOUT_MS });
      // Whichever comes first: the answer finishes in the panel, or it shows it was cut.
      await answer.locator('.streaming-indicator').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
      assert.equal(await answers.count(), 1);
      const text = squash(await chat.answerText(answer));
      const interrupted = await answer.locator('.status-interrupted').count();
      if (interrupted > 0) {
        assert.ok(ANSWER.startsWith(text), `the partial answer is not the start of the server's: "${text}"`);
        assert.match(await answer.locator('.status-interrupted').innerText(), /Interrupted by a reload/);
      } else {
        assert.equal(text, ANSWER);
      }
    });
  },
};
