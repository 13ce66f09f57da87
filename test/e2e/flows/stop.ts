// Flow 6, Stop: while a slow answer streams, click Stop. The server sees the connection closed
// before its reply was complete, the panel says "Stopped", and the text that had arrived stays.
import * as assert from 'node:assert/strict';
import { splitIntoTokens, textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS, waitForAttribute } from '../workbench';
import { squash, startNewConversation } from './common';

const WORDS = Array.from({ length: 80 }, (_, index) => `word${index + 1}`);
const ANSWER = WORDS.join(' ');

export const stopFlow: Flow = {
  name: 'stop mid-answer: the connection closes, the partial text stays',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);
    // The server sends five words, then holds the rest until the client hangs up: however slow
    // the machine, the answer is still streaming when Stop is clicked.
    env.api.enqueue(textReply(ANSWER, { tokenDelayMs: 50, pauseAfterTokens: 5 }));

    await step('ask; wait until a few words have streamed in', async () => {
      await chat.ask('Count slowly.');
      const answer = await chat.lastAnswer();
      await answer.locator('.markdown-body', { hasText: 'word3' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    });

    let shownWhenStopped = '';
    await step('click Stop (the Send button turned into Stop)', async () => {
      const button = await chat.composerButton();
      await waitForAttribute(button, 'aria-label', 'Stop answer', 'the Send button to turn into Stop');
      await button.click();
    });

    await step('the server sees the connection closed before the reply was complete', async () => {
      const request = await env.api.waitForChatRequest(1, STEP_TIMEOUT_MS);
      await Promise.race([
        request.settled,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the request never settled')), STEP_TIMEOUT_MS)),
      ]);
      assert.equal(request.clientClosedEarly, true, 'the server finished its reply: Stop did not close the connection');
    });

    await step('the panel says "Stopped", and the partial text stays', async () => {
      const answer = await chat.waitForAnswerDone(1);
      await answer.locator('.status-stopped', { hasText: 'Stopped' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      shownWhenStopped = squash(await chat.answerText(answer));
      const words = shownWhenStopped.split(' ');
      assert.ok(words.length >= 3, `only "${shownWhenStopped}" stayed`);
      assert.ok(words.length < splitIntoTokens(ANSWER).length, 'the whole answer arrived: nothing was stopped');
      assert.deepEqual(words, WORDS.slice(0, words.length), 'the partial text is not the start of the answer');
      await waitForAttribute(await chat.composerButton(), 'aria-label', 'Send (Enter)', 'the Stop button to turn back into Send');
    });
  },
};
