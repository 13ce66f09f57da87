// Flow 4, code into the editor: put the cursor somewhere, click a code block's "Insert at
// Cursor": the file holds exactly that code there. Select lines, click "Replace Selection":
// exactly the selection is replaced. The editor is saved (Ctrl+S) and the file read from disk,
// which is exact where reading Monaco's DOM (virtualised, with rendered whitespace) is not.
import * as assert from 'node:assert/strict';
import { textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { SAMPLE_FILE, linesOf, offsetOf, readSample, startNewConversation } from './common';

const INSERTED = 'export const ANSWER = 42;';
// `$1` and `${name}` would be expanded if the text went in as a snippet: it must not.
const REPLACEMENT = 'export function greet(name: string): string {\n  return `Hi, ${name}! $1`;\n}';
const ANSWER = `Two snippets:\n\n\`\`\`ts\n${INSERTED}\n\`\`\`\n\nand\n\n\`\`\`typescript\n${REPLACEMENT}\n\`\`\`\n`;

export const insertCodeFlow: Flow = {
  name: 'insert at cursor and replace selection from a code block',
  async run(context) {
    const { env, workbench, chat, step } = context;
    const fileName = SAMPLE_FILE.split('/').pop()!;
    await startNewConversation(context);

    await step(`open ${SAMPLE_FILE} and put the cursor at line 6, column 1`, async () => {
      await workbench.openFile(SAMPLE_FILE);
      await workbench.goToLine(6);
    });

    env.api.enqueue(textReply(ANSWER));
    await step('ask for code in the panel; the answer has two code blocks', async () => {
      await chat.ask('Give me a constant and a friendlier greet.');
      const answer = await chat.waitForAnswerDone(1);
      assert.equal(await answer.locator('.code-block').count(), 2);
    });

    const before = readSample(context);
    await step('click "Insert at Cursor" on code block 1, save: the file has exactly that code at the cursor', async () => {
      await (await chat.lastAnswer()).getByRole('button', { name: 'Insert at Cursor (code block 1)', exact: true }).click();
      await workbench.page.locator('.tabs-container .tab.active.dirty', { hasText: fileName }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await workbench.saveActiveEditor(fileName);
      const offset = offsetOf(before, 6, 1);
      assert.equal(readSample(context), before.slice(0, offset) + INSERTED + before.slice(offset));
    });

    const afterInsert = readSample(context);
    await step('select lines 7-9 (greet), click "Replace Selection" on code block 2, save: exactly the selection is replaced', async () => {
      await workbench.selectLines(7, 9);
      await (await chat.lastAnswer()).getByRole('button', { name: 'Replace Selection (code block 2)', exact: true }).click();
      await workbench.page.locator('.tabs-container .tab.active.dirty', { hasText: fileName }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await workbench.saveActiveEditor(fileName);
      const lines = afterInsert.split('\n');
      const expected = [...lines.slice(0, 6), REPLACEMENT, ...lines.slice(9)].join('\n');
      assert.equal(linesOf(afterInsert, 7, 9).startsWith('export function greet'), true, 'lines 7-9 were greet before');
      assert.equal(readSample(context), expected);
    });
  },
};
