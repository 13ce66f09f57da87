// Flow: the browser tab is reloaded (F5 in code-server: no graceful shutdown of VS Code) right
// after an answer finished, and right after a question was sent. Before conversations were
// files written by the extension host, they lived in workspaceState, which code-server keeps
// in the browser's storage: an answer that finished just before the reload was gone after it.
import * as assert from 'node:assert/strict';
import { textReply } from '../../support/fakeApiServer';
import type { Flow, FlowContext } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { squash, startNewConversation } from './common';

const QUESTION = 'Will this survive F5?';
const ANSWER = 'It will: the **host** writes every answer to a file the moment it ends, long before any reload.';
const FOLLOW_UP = 'And a question sent just before the reload?';

/** Playwright's reload: the page goes away as a browser reload does, VS Code is not asked. */
async function reloadBrowserTab({ workbench }: FlowContext): Promise<void> {
  await workbench.page.reload({ waitUntil: 'domcontentloaded', timeout: 4 * STEP_TIMEOUT_MS });
  await workbench.waitUntilReady();
  await workbench.runCommand('Completions Chat: Open Chat');
}

export const reloadAfterAnswerFlow: Flow = {
  name: 'reload after answer: a browser reload loses neither answer nor question',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);
    env.api.enqueue(textReply(ANSWER));

    await step('ask; the moment the answer is done, reload the browser tab (no graceful shutdown)', async () => {
      await chat.ask(QUESTION);
      await chat.waitForAnswerDone(1);
      await reloadBrowserTab(context);
    });

    await step('the question and the whole answer are back', async () => {
      const answer = await chat.waitForAnswerDone(1);
      assert.equal(await (await chat.questions()).count(), 1, 'questions after the reload');
      assert.equal(await (await chat.answers()).count(), 1, 'answers after the reload');
      assert.match(await chat.transcriptText(), /Will this survive F5\?/);
      assert.equal(squash(await chat.answerText(answer)), squash(ANSWER.replace(/\*\*/g, '')));
      assert.equal((await answer.locator('.markdown-body strong').innerText()).trim(), 'host');
    });

    // The server never answers this one: the reload comes while it is outstanding.
    env.api.enqueue({ type: 'hang' });
    await step('ask a follow-up; as soon as the server has the request, reload the browser tab', async () => {
      await chat.ask(FOLLOW_UP);
      await env.api.waitForChatRequest(2, STEP_TIMEOUT_MS);
      await reloadBrowserTab(context);
    });

    await step('the follow-up question is back, after the first turn', async () => {
      const questions = await chat.questions();
      await questions.nth(1).waitFor({ timeout: STEP_TIMEOUT_MS }).catch(async () => {
        throw new Error(`the follow-up is not back: the panel shows ${await questions.count()} question(s): "${await chat.transcriptText()}"`);
      });
      assert.equal(await questions.count(), 2);
      assert.match(squash(await questions.nth(1).innerText()), /And a question sent just before the reload\?/);
      assert.equal(squash(await chat.answerText(await chat.waitForAnswerDone(1))), squash(ANSWER.replace(/\*\*/g, '')));
    });
  },
};
