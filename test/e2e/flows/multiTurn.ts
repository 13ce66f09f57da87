// Flow 5, multi-turn: the second question's request carries the first question and answer,
// in order, after the system prompt; the panel shows both turns.
import * as assert from 'node:assert/strict';
import { textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { startNewConversation } from './common';

const FIRST_QUESTION = 'What is a closure?';
const FIRST_ANSWER = 'A function together with the variables it captured.';
const SECOND_QUESTION = 'Show me one in TypeScript.';
const SECOND_ANSWER = '```typescript\nconst counter = () => { let n = 0; return () => ++n; };\n```';

export const multiTurnFlow: Flow = {
  name: 'multi-turn: the second request carries the first question and answer',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);
    env.api.enqueue(textReply(FIRST_ANSWER), textReply(SECOND_ANSWER));

    await step('ask the first question and wait for its answer', async () => {
      await chat.ask(FIRST_QUESTION);
      assert.equal(await chat.answerText(await chat.waitForAnswerDone(1)), FIRST_ANSWER);
    });

    await step('ask the second question and wait for its answer', async () => {
      await chat.ask(SECOND_QUESTION);
      await chat.waitForAnswerDone(2);
    });

    await step('the second request holds system, first question, first answer, second question', async () => {
      const second = await env.api.waitForChatRequest(2, STEP_TIMEOUT_MS);
      const messages = second.body.messages as { role: string; content: string }[];
      assert.deepEqual(messages.map((message) => message.role), ['system', 'user', 'assistant', 'user']);
      assert.deepEqual(messages.slice(1).map((message) => message.content), [FIRST_QUESTION, FIRST_ANSWER, SECOND_QUESTION]);
      const first = await env.api.waitForChatRequest(1, STEP_TIMEOUT_MS);
      assert.deepEqual((first.body.messages as { role: string }[]).map((message) => message.role), ['system', 'user']);
    });

    await step('the panel shows both turns in order', async () => {
      assert.deepEqual(await (await chat.questions()).locator('.user-text').allInnerTexts(), [FIRST_QUESTION, SECOND_QUESTION]);
      assert.equal(await (await chat.answers()).count(), 2);
    });
  },
};
