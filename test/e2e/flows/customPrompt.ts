// Flow: a custom prompt from settings. The user's settings get a prompt of their own in
// completionsChat.prompts (the remote user settings, <user-data>/Machine/settings.json, which
// code-server's extension host reads on its own side as a person's Settings editor would write
// them; an outside edit of the browser-side User/settings.json does not reach it); selecting code, right-click → Completions Chat → "Run Prompt on
// Selection…" lists it beside the built-in ones; picking it sends its template with the
// placeholders filled ({language}, {file}, {selection}), the panel shows that question, and
// the answer arrives.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { textReply } from '../../support/fakeApiServer';
import type { Flow, FlowContext } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { SAMPLE_FILE, lastUserContent, linesOf, readSample, squash, startNewConversation } from './common';

const PROMPT_NAME = 'Explain Like a Reviewer';
const PROMPT_TEXT = 'Review this {language} code from {file} as a senior engineer would, in three bullet points:\n\n{selection}';
const ANSWER = '- It recurses without memoization.\n- The name says what it does.\n- Add a test for `n = 0`.';

/** Picks the quick pick item labelled `label`, typing it to filter as a person would. */
async function pickQuickItem({ workbench }: FlowContext, label: string): Promise<boolean> {
  const widget = workbench.quickInput;
  await widget.waitFor({ timeout: STEP_TIMEOUT_MS });
  await workbench.quickInputField().fill(label);
  const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  const found = await row.waitFor({ timeout: 5_000 }).then(() => true, () => false);
  if (!found) return false;
  await row.click();
  await widget.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  return true;
}

export const customPromptFlow: Flow = {
  name: 'a custom prompt from settings',
  async run(context) {
    const { env, workbench, chat, step } = context;
    const settingsFile = join(dirname(dirname(env.userSettingsFile)), 'Machine', 'settings.json');
    const original = readFileSync(settingsFile, 'utf8');
    await startNewConversation(context);
    try {
      await step(`the user's (remote) settings.json gets a prompt "${PROMPT_NAME}" in completionsChat.prompts`, async () => {
        const settings = JSON.parse(original) as Record<string, unknown>;
        settings['completionsChat.prompts'] = [{ name: PROMPT_NAME, text: PROMPT_TEXT }];
        writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
      });

      await step(`open ${SAMPLE_FILE} and select lines 2-5`, async () => {
        await workbench.openFile(SAMPLE_FILE);
        await workbench.selectLines(2, 5);
      });

      env.api.enqueue(textReply(ANSWER));
      await step('right-click → Completions Chat → "Run Prompt on Selection…" → pick the prompt (the settings change may take a moment to arrive)', async () => {
        for (let attempt = 1; ; attempt++) {
          await workbench.contextMenuOnSelection('Completions Chat', 'Run Prompt on Selection…');
          if (await pickQuickItem(context, PROMPT_NAME)) break;
          await workbench.closeQuickInput();
          if (attempt === 3) throw new Error(`"${PROMPT_NAME}" never appeared in the prompt list`);
          await workbench.selectLines(2, 5);
        }
      });

      const code = linesOf(readSample(context), 2, 5);
      const filled = `Review this typescript code from ${SAMPLE_FILE} as a senior engineer would, in three bullet points:\n\n${code}`;
      await step('the server got the template with {language}, {file} and {selection} filled in', async () => {
        const request = await env.api.waitForChatRequest(1, STEP_TIMEOUT_MS);
        assert.equal(lastUserContent(request.body), filled);
      });

      await step('the panel shows that question and the answer', async () => {
        const question = (await chat.questions()).last();
        await question.waitFor({ timeout: STEP_TIMEOUT_MS });
        assert.equal(squash(await question.locator('.user-text').innerText()), squash(filled));
        const answer = await chat.waitForAnswerDone(1);
        assert.match(await chat.answerText(answer), /It recurses without memoization\./);
        assert.equal(await answer.locator('li').count(), 3);
      });
      await context.sideBarScreenshot('custom-prompt');
    } finally {
      writeFileSync(settingsFile, original);
    }
  },
};
