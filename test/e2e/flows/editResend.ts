// Issue 11, edit and resend: ask two questions, edit the first in place (its Edit button, the
// box, Enter), confirm that the later turn is replaced (VS Code's modal names how many), see the
// new answer with the later turn gone, then Undo in the panel brings the old turns back.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS, waitForText } from '../workbench';
import { startNewConversation } from './common';

const FIRST_QUESTION = 'How do I read a file in Node?';
const FIRST_ANSWER = 'Use `fs.readFile` from `node:fs/promises`.';
const SECOND_QUESTION = 'And write one?';
const SECOND_ANSWER = 'Use `fs.writeFile`.';
const EDITED_QUESTION = 'How do I read a file line by line in Node?';
const EDITED_ANSWER = 'Use `readline.createInterface` over `fs.createReadStream`.';

/** Waits until the questions shown are `expected`, in order. */
async function waitForQuestions(questions: Locator, expected: string[], what: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let shown: string[] = [];
  while (Date.now() < deadline) {
    shown = (await questions.locator('.user-text').allInnerTexts().catch(() => [])).map((text) => text.trim());
    if (JSON.stringify(shown) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: the panel shows ${JSON.stringify(shown)}, expected ${JSON.stringify(expected)}`);
}

export const editResendFlow: Flow = {
  name: 'edit and resend: edit the first question, confirm, new answer, Undo brings the old turns back',
  async run(context) {
    const { env, workbench, chat, step } = context;
    await startNewConversation(context);
    env.api.enqueue(textReply(FIRST_ANSWER), textReply(SECOND_ANSWER));

    await step('ask two questions and wait for both answers', async () => {
      await chat.ask(FIRST_QUESTION);
      await chat.waitForAnswerDone(1);
      await chat.ask(SECOND_QUESTION);
      await chat.waitForAnswerDone(2);
    });

    await step('Edit on the first question opens its text in an edit box, focused', async () => {
      const first = (await chat.questions()).first();
      await first.getByRole('button', { name: 'Edit Question' }).click();
      const box = first.getByRole('textbox', { name: 'Edit question' });
      await box.waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(await box.inputValue(), FIRST_QUESTION);
      assert.ok(await box.evaluate((element) => element === document.activeElement), 'the box has the focus');
    });
    await context.sideBarScreenshot('edit-question-box');

    env.api.enqueue(textReply(EDITED_ANSWER));
    await step('type the new question and press Enter: VS Code asks to replace the 1 later turn; Replace', async () => {
      const box = (await chat.questions()).first().getByRole('textbox', { name: 'Edit question' });
      await box.fill(EDITED_QUESTION);
      await box.press('Enter');
      const { message } = await workbench.readDialog('Resend the edited question');
      assert.equal(message, 'Resend the edited question and replace the 1 later turn?');
      await workbench.answerDialog('Resend the edited question', 'Replace');
    });

    await step('the edited question is answered anew; the later turn is gone; the request carries only the new question', async () => {
      await waitForQuestions(await chat.questions(), [EDITED_QUESTION], 'after the edit');
      const answer = await chat.waitForAnswerDone(1);
      assert.equal(await chat.answerText(answer), EDITED_ANSWER.replace(/`/g, ''));
      assert.equal(await (await chat.answers()).count(), 1);
      const request = await env.api.waitForChatRequest(3, STEP_TIMEOUT_MS);
      const messages = request.body.messages as { role: string; content: string }[];
      assert.deepEqual(messages.map((message) => message.role), ['system', 'user']);
      assert.equal(messages[1]!.content, EDITED_QUESTION);
      await waitForText(await chat.locator('.undo-bar .undo-text'), 'Question edited: 2 turns replaced.', 'the Undo bar');
    });
    await context.sideBarScreenshot('edit-question');

    await step('Undo in the panel brings back the old question, its answer and the later turn', async () => {
      await (await chat.locator('.undo-bar')).getByRole('button', { name: /^Undo/ }).click();
      await waitForQuestions(await chat.questions(), [FIRST_QUESTION, SECOND_QUESTION], 'after Undo');
      const answers = await chat.answers();
      assert.equal(await answers.count(), 2);
      assert.equal(await chat.answerText(answers.nth(1)), SECOND_ANSWER.replace(/`/g, ''));
      await (await chat.locator('.undo-bar')).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
    });
  },
};
