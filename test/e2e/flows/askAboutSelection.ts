// Flow 3, ask about the selection: open a file, select lines with the keyboard, right-click,
// "Ask About Selection…", type the question in the input box. The server gets the question
// with the path, the line range and the code in a fence tagged with the language id; the
// panel shows the question (with its code chip) and the answer.
import * as assert from 'node:assert/strict';
import { textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { SAMPLE_FILE, lastUserContent, linesOf, readSample, startNewConversation } from './common';

const QUESTION = 'Why is this slow for large n?';
const ANSWER = 'It computes the same values again and again. Memoize it:\n\n```typescript\nconst memo = new Map<number, number>();\n```';

export const askAboutSelectionFlow: Flow = {
  name: 'ask about selection from the editor context menu',
  async run(context) {
    const { env, workbench, chat, step } = context;
    await startNewConversation(context);

    await step(`open ${SAMPLE_FILE} and select lines 2-5`, async () => {
      await workbench.openFile(SAMPLE_FILE);
      await workbench.selectLines(2, 5);
    });

    env.api.enqueue(textReply(ANSWER));
    await step('right-click the selection → Completions Chat → "Ask About Selection…" → type the question → Enter', async () => {
      await workbench.contextMenuOnSelection('Completions Chat', 'Ask About Selection…');
      await workbench.answerInputBox(`Completions Chat: ask about ${SAMPLE_FILE}:2-5`, QUESTION);
    });

    await step('the server got the question, then the path, lines and a typescript fence with the code', async () => {
      const request = await env.api.waitForChatRequest(1, STEP_TIMEOUT_MS);
      const code = linesOf(readSample(context), 2, 5);
      assert.equal(lastUserContent(request.body), `${QUESTION}\n\n${SAMPLE_FILE}, lines 2-5:\n\`\`\`typescript\n${code}\n\`\`\``);
    });

    await step('the panel shows the question with its code and the answer', async () => {
      const question = (await chat.questions()).last();
      await question.waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal((await question.locator('.context-label').innerText()).trim(), `${SAMPLE_FILE}:2-5`);
      assert.equal((await question.locator('.user-text').innerText()).trim(), QUESTION);
      const answer = await chat.waitForAnswerDone(1);
      assert.match(await chat.answerText(answer), /Memoize it:/);
      await answer.locator('.code-block pre code span.hljs-keyword').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    });
  },
};
