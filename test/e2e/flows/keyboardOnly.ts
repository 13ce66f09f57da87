// Flow: the panel with the keyboard alone, and in a high-contrast theme. From the editor, the
// Open Chat key puts the caret in the question box; Enter sends and the caret stays there;
// Escape stops a running answer; Tab and Shift+Tab reach every control of the panel, each
// showing where the focus is; and in VS Code's high-contrast theme every control has a visible
// edge (or, for icon buttons, a visible icon), as VS Code's own views do.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { textReply } from '../../support/fakeApiServer';
import type { Flow, FlowContext } from '../harness';
import { STEP_TIMEOUT_MS, waitForAttribute } from '../workbench';
import { SAMPLE_FILE, startNewConversation } from './common';
import { focusedControl, focusIndicatorShown, highContrastMisses, reachableByTab, unreachedControls } from './focusProbes';

const ANSWER = 'Here is a block:\n\n```ts\nconst answer = 42;\n```\n\nAnd a [link](https://example.com/docs).';

export const keyboardOnlyFlow: Flow = {
  name: 'keyboard only: open, ask, stop and reach every control with the keyboard; high contrast shows every control',
  async run(context) {
    const { env, workbench, chat, step } = context;
    const page = workbench.page;
    await startNewConversation(context);

    await step(`from the editor (${SAMPLE_FILE}), Ctrl+Alt+J puts the caret in the question box`, async () => {
      await workbench.openFile(SAMPLE_FILE);
      await workbench.editorFocused();
      await page.keyboard.press('Control+Alt+J');
      await waitForFocus(await chat.frame(), 'textarea.composer-input', 'the question box to have the focus');
    });

    await step('type and press Enter: the question is sent and the caret stays in the question box', async () => {
      env.api.enqueue(textReply(ANSWER));
      await page.keyboard.type('Show me a block.');
      await page.keyboard.press('Enter');
      await chat.waitForAnswerDone(1);
      await waitForFocus(await chat.frame(), 'textarea.composer-input', 'the focus to stay in the question box after sending');
    });

    await step('Escape while an answer streams stops it', async () => {
      env.api.enqueue(textReply('one two three four five six seven eight', { tokenDelayMs: 50, pauseAfterTokens: 3 }));
      await page.keyboard.type('Count.');
      await page.keyboard.press('Enter');
      const button = await chat.composerButton();
      await waitForAttribute(button, 'aria-label', 'Stop answer', 'the answer to be running (Send turned into Stop)');
      await page.keyboard.press('Escape');
      const answer = await chat.waitForAnswerDone(2);
      await answer.locator('.status-stopped').waitFor({ timeout: STEP_TIMEOUT_MS });
      await waitForFocus(await chat.frame(), 'textarea.composer-input', 'the focus to stay in the question box after Escape');
    });

    await step('Shift+Tab from the question box reaches every control of the panel, each with a visible focus', async () => {
      await checkTabOrder(context);
    });

    const settingsFile = join(env.workspace, '.vscode', 'settings.json');
    try {
      await step('in the high-contrast theme every control of the panel has a visible edge or icon', async () => {
        mkdirSync(join(env.workspace, '.vscode'), { recursive: true });
        writeFileSync(settingsFile, JSON.stringify({ 'workbench.colorTheme': 'Default High Contrast' }, null, 2));
        await page.locator('.monaco-workbench.hc-black').waitFor({ timeout: STEP_TIMEOUT_MS });
        const frame = await chat.frame();
        await frame.waitForFunction(() => document.body.classList.contains('vscode-high-contrast'), undefined, { timeout: STEP_TIMEOUT_MS });
        const misses = await highContrastMisses(frame);
        assert.deepEqual(misses, [], `controls with no visible edge in high contrast: ${misses.join('; ')}`);
        await context.sideBarScreenshot('high-contrast');
      });
    } finally {
      rmSync(settingsFile, { force: true });
      await page.locator('.monaco-workbench.hc-black').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS }).catch(() => undefined);
    }
  },
};

async function checkTabOrder({ chat, workbench }: FlowContext): Promise<void> {
  const frame = await chat.frame();
  const visited = await reachableByTab(frame, workbench.page);
  const unreached = await unreachedControls(frame, visited);
  assert.deepEqual(unreached, [], `controls Tab never reaches: ${unreached.join('; ')} (reached: ${[...visited].join('; ')})`);
  // Each stop shows where the focus is: Tab to each again and compare with the look unfocused.
  const missing: string[] = [];
  for (const name of visited) {
    if (!(await focusIndicatorShown(frame, name))) missing.push(name);
  }
  assert.deepEqual(missing, [], `controls that look the same focused and unfocused: ${missing.join('; ')}`);
}

async function waitForFocus(frame: Frame, selector: string, what: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const focused = await focusedControl(frame);
    const matches = await frame.evaluate((wanted) => document.hasFocus() && document.activeElement?.matches(wanted) === true, selector);
    if (matches) return;
    if (Date.now() > deadline) throw new Error(`${what}; the focus is on ${focused ?? 'nothing in the panel'}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
