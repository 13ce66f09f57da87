// Flow: Show Diff and Accept. Select lines, ask for a rewrite; the answer's code block has
// "Show Diff with Selection", which opens VS Code's diff editor with the file on the left and
// the file with the block in place of the selection on the right; "Accept Proposed Change" in
// the diff's title bar writes the block into the file and closes the diff.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/codeServer';
import { textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { SAMPLE_FILE, linesOf, readSample, startNewConversation } from './common';

const REWRITE = 'export function fibonacci(n: number): number {\n  // Plain and linear: two running values instead of two calls per step.\n  let [a, b] = [0, 1];\n  for (let i = 0; i < n; i++) [a, b] = [b, a + b];\n  return a;\n}';
const ANSWER = `A clearer version:\n\n\`\`\`ts\n${REWRITE}\n\`\`\`\n`;
const FIRST = 2;
const LAST = 5;

export const showDiffFlow: Flow = {
  name: 'Show Diff and Accept',
  async run(context) {
    const { env, workbench, chat, step } = context;
    const fileName = SAMPLE_FILE.split('/').pop()!;
    await startNewConversation(context);

    await step(`open ${SAMPLE_FILE} and select lines ${FIRST}-${LAST}`, async () => {
      await workbench.openFile(SAMPLE_FILE);
      await workbench.selectLines(FIRST, LAST);
    });
    const before = readSample(context);

    env.api.enqueue(textReply(ANSWER));
    await step('ask for a rewrite; the answer has one code block', async () => {
      await chat.ask('Rewrite the selected function more clearly.');
      const answer = await chat.waitForAnswerDone(1);
      assert.equal(await answer.locator('.code-block').count(), 1);
    });

    const diff = workbench.page.locator('.monaco-diff-editor').first();
    await step('click "Show Diff with Selection": VS Code\'s diff editor opens, the block on the right', async () => {
      await (await chat.lastAnswer()).getByRole('button', { name: 'Show Diff with Selection (code block 1)', exact: true }).click();
      await workbench.page.locator('.tabs-container .tab.active', { hasText: `${fileName} ↔ Completions Chat` }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await diff.waitFor({ timeout: STEP_TIMEOUT_MS });
      await diff.locator('.editor.modified .view-lines', { hasText: 'Plain and linear' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(readSample(context), before, 'showing the diff changed the file');
      const resultsDir = join(REPO_ROOT, 'test-results', 'e2e');
      mkdirSync(resultsDir, { recursive: true });
      await workbench.page.screenshot({ path: join(resultsDir, 'show-diff.png') });
    });

    await step('click "Accept Proposed Change" in the diff\'s title bar: the diff closes, the file holds the block', async () => {
      await workbench.page.getByRole('button', { name: 'Accept Proposed Change' }).first().click();
      await diff.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
      await workbench.page.locator('.tabs-container .tab.active.dirty', { hasText: fileName }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await workbench.saveActiveEditor(fileName);
      const lines = before.split('\n');
      const expected = [...lines.slice(0, FIRST - 1), REWRITE, ...lines.slice(LAST)].join('\n');
      assert.ok(linesOf(before, FIRST, LAST).length > 0);
      assert.equal(readSample(context), expected);
    });
  },
};
