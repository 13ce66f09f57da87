// Issue 11, attach a file: two files of the workspace are attached with the composer's paperclip
// (VS Code's quick pick of the workspace's files, filtered by typing), each shows as a chip
// with its name, lines and size; one is removed before sending; the question goes out with the
// other file quoted whole after it, and the panel shows the question with that file's chip; a
// file attached after that waits for the next question.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { textReply } from '../../support/fakeApiServer';
import type { Flow, FlowContext } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { waitForText } from '../waits';
import { lastUserContent, startNewConversation } from './common';

const UNITS = 'export const metre = 1;\nexport const foot = 0.3048;\nexport const inch = foot / 12;';
const TODO = '# To do\n\n- convert inches\n';
const QUESTION = 'How many inches are in a metre?';

/** Paperclip → the quick pick of the workspace's files → type `name` → Enter on that file. */
async function attachWithPicker({ workbench, chat }: FlowContext, name: string): Promise<void> {
  await (await chat.locator('button.composer-attach-files')).click();
  const picker = workbench.quickInput;
  await waitForText(picker.locator('.quick-input-title'), 'Completions Chat: Attach a File', 'the file picker', 'startsWith');
  const box = picker.locator('.quick-input-box input');
  await box.fill(name);
  await waitForText(picker.locator('.monaco-list-row.focused .label-name').first(), name, `the picker to offer ${name}`);
  await box.press('Enter');
  await picker.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

export const attachFileFlow: Flow = {
  name: 'attach a file: paperclip picker, chips, remove one, send, the request quotes the file',
  async run(context) {
    const { env, chat, step } = context;
    mkdirSync(join(env.workspace, 'notes'), { recursive: true });
    writeFileSync(join(env.workspace, 'src', 'units.ts'), `${UNITS}\n`);
    writeFileSync(join(env.workspace, 'notes', 'todo.md'), TODO);
    await startNewConversation(context);

    await step('the paperclip opens the picker of workspace files; pick units.ts; its chip shows name, lines and size', async () => {
      await attachWithPicker(context, 'units.ts');
      const chip = (await chat.locator('.context-items .context-item')).first();
      await chip.waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal((await chip.locator('.context-label').innerText()).trim(), 'src/units.ts:1-3');
      assert.equal((await chip.locator('.context-size').innerText()).trim(), `${Buffer.byteLength(UNITS)} B`);
    });

    await step('attach todo.md the same way; a second chip shows', async () => {
      await attachWithPicker(context, 'todo.md');
      const chips = await chat.locator('.context-items .context-item');
      await chips.nth(1).waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal((await chips.nth(1).locator('.context-label').innerText()).trim(), 'notes/todo.md:1-3');
    });

    await step('remove todo.md with its chip\'s button; only units.ts is left', async () => {
      await (await chat.locator('.context-items')).getByRole('button', { name: 'Remove notes/todo.md:1-3' }).click();
      const chips = await chat.locator('.context-items .context-item');
      await chips.nth(1).waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
      assert.equal(await chips.count(), 1);
    });

    env.api.enqueue(textReply('About 39.37 inches: 1 / (0.3048 / 12).'));
    await step('send the question; the answer arrives and the question shows the file\'s chip', async () => {
      await chat.ask(QUESTION);
      const answer = await chat.waitForAnswerDone(1);
      assert.match(await chat.answerText(answer), /39\.37 inches/);
      const question = (await chat.questions()).last();
      assert.deepEqual((await question.locator('.context-label').allInnerTexts()).map((text) => text.trim()), ['src/units.ts:1-3']);
      await (await chat.locator('.context-items .context-item')).first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
    });

    await step('the request quotes the question, then units.ts whole in a typescript fence, and not todo.md', async () => {
      const request = await env.api.waitForChatRequest(1, STEP_TIMEOUT_MS);
      assert.equal(lastUserContent(request.body), `${QUESTION}\n\nsrc/units.ts, whole file, lines 1-3:\n\`\`\`typescript\n${UNITS}\n\`\`\``);
    });
    await step('attach todo.md for the next question: its chip waits above the input, the sent question keeps its own', async () => {
      await attachWithPicker(context, 'todo.md');
      const chip = (await chat.locator('.context-items .context-item')).first();
      await chip.waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal((await chip.locator('.context-label').innerText()).trim(), 'notes/todo.md:1-3');
    });
    // The end state, for README (a copy goes to docs/screenshots/attach-file.png).
    await context.sideBarScreenshot('attach-file');
  },
};
