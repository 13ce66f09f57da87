// Flow 7, errors: a rejected token (AceData's 401 invalid_token) shows a clear message in the
// answer with the action that fixes it, "Set API Token", which opens the token box. A 429
// with retry-after is waited out (the answer counts the seconds down) and retried, and the
// answer arrives with no error shown.
import * as assert from 'node:assert/strict';
import { aceDataError, rateLimited, textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { startNewConversation } from './common';

export const errorsFlow: Flow = {
  name: 'errors: a rejected token offers Set API Token; a 429 with retry-after is retried',
  async run(context) {
    const { env, workbench, chat, step } = context;
    await startNewConversation(context);

    env.api.enqueue(aceDataError('invalid_token', 'The token is invalid.'));
    await step('ask; the server answers 401 invalid_token', () => chat.ask('Hello?'));

    await step('the answer shows a clear message with a "Set API Token" action; the question stays', async () => {
      const answer = await chat.waitForAnswerDone(1);
      const error = answer.locator('.error-box[role=alert]');
      await error.waitFor({ timeout: STEP_TIMEOUT_MS });
      const message = (await error.locator('.error-message').innerText()).trim();
      assert.match(message, /The server rejected the API token/);
      assert.match(message, /Set a valid API token/);
      assert.match(message, /HTTP 401/);
      await error.getByRole('button', { name: 'Set API Token' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.deepEqual(await (await chat.questions()).locator('.user-text').allInnerTexts(), ['Hello?']);
    });

    await step('the action opens the API token box (then Escape)', async () => {
      await (await chat.lastAnswer()).locator('.error-box').getByRole('button', { name: 'Set API Token' }).click();
      await workbench.quickInput.locator('.quick-input-title', { hasText: 'Completions Chat: API token' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await workbench.closeQuickInput();
    });

    await startNewConversation(context);
    env.api.reset();
    env.api.enqueue(rateLimited(3), textReply('Here after the wait.'));
    await step('ask; the server answers 429 with retry-after: 3, then the answer', () => chat.ask('Are you busy?'));

    await step('while the client waits, the answer says so with the seconds left', async () => {
      const countdown = (await chat.lastAnswer()).locator('.retry-countdown[role=status]', { hasText: /HTTP 429; trying again \(attempt 2\) in [1-3] s…/ });
      await countdown.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    });

    await step('the answer arrives after one retry of the same request, and no error is shown', async () => {
      const answer = await chat.waitForAnswerDone(1);
      assert.equal(await chat.answerText(answer), 'Here after the wait.');
      assert.equal(await answer.locator('.error-box').count(), 0);
      const requests = env.api.chatRequests();
      assert.equal(requests.length, 2, 'expected the 429 and one retry');
      assert.equal(requests[1]!.rawBody, requests[0]!.rawBody, 'the retry sent a different request');
    });
  },
};
