// Flow 8, Reload Window: after "Developer: Reload Window" the panel shows the same
// conversation, rebuilt from the extension's workspace state, the token is still set, and a
// follow-up question goes to the same endpoint with the restored turn as context.
import * as assert from 'node:assert/strict';
import { textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { startNewConversation } from './common';

const QUESTION = 'Will you remember this?';
const ANSWER = 'Yes: the conversation is kept with the **workspace**.';
const FOLLOW_UP = 'And after a reload?';

export const reloadFlow: Flow = {
  name: 'reload window: the conversation is still there',
  async run(context) {
    const { env, workbench, chat, step } = context;
    await startNewConversation(context);
    env.api.enqueue(textReply(ANSWER));

    let transcript = '';
    let tokenCardHidden = false;
    await step('ask a question and wait for the answer', async () => {
      await chat.ask(QUESTION);
      await chat.waitForAnswerDone(1);
      transcript = await chat.transcriptText();
      tokenCardHidden = await (await chat.tokenCard()).isHidden();
      assert.match(transcript, /Will you remember this\?/);
    });

    await step('F1 → "Developer: Reload Window"; the workbench comes back', () => workbench.reloadWindow());

    await step('the chat panel shows the same conversation', async () => {
      await workbench.runCommand('Completions Chat: Open Chat');
      await chat.waitForAnswerDone(1);
      assert.equal(await (await chat.questions()).count(), 1);
      assert.equal(await (await chat.answers()).count(), 1);
      assert.equal(await chat.transcriptText(), transcript);
      assert.equal(((await (await chat.lastAnswer()).locator('.markdown-body strong').innerText())).trim(), 'workspace');
    });

    await step('the token survived the reload too (the panel asks for it only if it did before)', async () => {
      const card = await chat.tokenCard();
      await card.waitFor({ state: tokenCardHidden ? 'hidden' : 'visible', timeout: STEP_TIMEOUT_MS });
    });

    env.api.enqueue(textReply('Still here.'));
    await step('a follow-up goes to the same endpoint and carries the restored turn', async () => {
      await chat.ask(FOLLOW_UP);
      const request = await env.api.waitForChatRequest(2, STEP_TIMEOUT_MS);
      const messages = request.body.messages as { role: string; content: string }[];
      assert.deepEqual(messages.slice(1), [
        { role: 'user', content: QUESTION },
        { role: 'assistant', content: ANSWER },
        { role: 'user', content: FOLLOW_UP },
      ]);
      assert.equal(await chat.answerText(await chat.waitForAnswerDone(2)), 'Still here.');
    });
  },
};
