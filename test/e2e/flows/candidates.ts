// Issue 5, candidates: Candidates set to 3 in the Parameters panel; the request asks for
// `n: 3`; the three answers show as tabs, each with its own text; "Use This Answer" on the
// second makes it the one the conversation continues with, so the follow-up request's
// assistant message is candidate 2's text (not the first one's).
import * as assert from 'node:assert/strict';
import { textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS, waitForText } from '../workbench';
import { startNewConversation } from './common';

const QUESTION = 'Name this function that sums a list.';
const CANDIDATES = [
  'Call it **sumAll**: short and plain.',
  'Call it **total**: it reads well at the call site.',
  'Call it **addEverything**, if you like being explicit.',
];
const FOLLOW_UP = 'Why that one?';

export const candidatesFlow: Flow = {
  name: 'candidates: n = 3 from the Parameters panel, tabs, Use This Answer carries candidate 2',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);

    await step('open Parameters and set Candidates to 3', async () => {
      await chat.openParameters();
      await (await chat.parameter('n')).selectOption('3');
      await waitForText(await chat.parametersSummary(), '3 candidates', 'the Parameters summary to say "3 candidates"');
    });
    await context.sideBarScreenshot('parameters');
    await step('close the Parameters form', () => chat.closeParameters());

    env.api.enqueue(textReply(CANDIDATES));
    await step('ask; the request asks for n: 3', async () => {
      await chat.ask(QUESTION);
      const request = await env.api.waitForChatRequest(1, STEP_TIMEOUT_MS);
      assert.equal(request.body.n, 3);
    });

    await step('three tabs appear; each shows its own candidate', async () => {
      const answer = await chat.waitForAnswerDone(1);
      const tabs = answer.getByRole('tab');
      assert.equal(await tabs.count(), 3);
      assert.equal(await tabs.nth(0).getAttribute('aria-selected'), 'true', 'the first candidate is not shown first');
      const texts: string[] = [];
      for (let index = 0; index < 3; index++) {
        await tabs.nth(index).click();
        const panel = answer.locator(`.candidate[data-candidate="${index}"]`);
        await panel.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
        texts.push((await panel.locator('.markdown-body').innerText()).trim());
        // One at a time: the other candidates are hidden.
        assert.equal(await answer.locator('.candidate:visible').count(), 1);
      }
      assert.deepEqual(texts, CANDIDATES.map((text) => text.replace(/\*\*/g, '')));
      assert.equal(await answer.locator('.candidate-tab.is-chosen').count(), 1);
      assert.match((await answer.locator('.candidate-tab.is-chosen').getAttribute('aria-label')) ?? '', /^Candidate 1 of 3/);
    });

    await step('switch to tab 2 and click "Use This Answer"', async () => {
      const answer = await chat.lastAnswer();
      await answer.getByRole('tab').nth(1).click();
      const second = answer.locator('.candidate[data-candidate="1"]');
      await second.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      await second.getByRole('button', { name: 'Use This Answer' }).click();
      await second.locator('.candidate-chosen', { hasText: 'Used in the conversation' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.match((await answer.locator('.candidate-tab.is-chosen').getAttribute('aria-label')) ?? '', /^Candidate 2 of 3, used in the conversation/);
    });

    await step('Compare shows all three side by side', async () => {
      const answer = await chat.lastAnswer();
      await answer.getByRole('button', { name: 'Compare Candidates Side by Side' }).click();
      await answer.locator('.candidate').nth(2).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      assert.equal(await answer.locator('.candidate:visible').count(), 3);
      assert.match(await answer.getAttribute('class') ?? '', /\bis-comparing\b/);
    });
    await context.sideBarScreenshot('candidates-compare');

    env.api.enqueue(textReply('Because it reads well where it is called.'));
    await step('ask a follow-up; its request carries candidate 2 as the assistant message', async () => {
      await chat.ask(FOLLOW_UP);
      const request = await env.api.waitForChatRequest(2, STEP_TIMEOUT_MS);
      const messages = request.body.messages as { role: string; content: string }[];
      assert.deepEqual(messages.slice(1), [
        { role: 'user', content: QUESTION },
        { role: 'assistant', content: CANDIDATES[1] },
        { role: 'user', content: FOLLOW_UP },
      ]);
      await chat.waitForAnswerDone(2);
    });
  },
};
