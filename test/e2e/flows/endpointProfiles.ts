// Issue 12, endpoint profiles: switching profiles mid-session. A second loopback server with its
// own model and answers is added as a profile (completionsChat.profiles in the workspace's
// settings); the panel's toolbar then shows the profile picker. A first conversation is asked on
// the Default profile (the first server); in a new one the toolbar switches to the second
// profile and the answer comes from the second server, with its model; reopened from the
// history, the first conversation goes to its own profile (the first server) again. The
// picker is reached by Tab with a visible focus and has a visible edge in high contrast; the
// palette's "Switch Endpoint Profile…" switches back.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { FakeApiServer, textReply } from '../../support/fakeApiServer';
import type { Flow, FlowContext } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { startNewConversation } from './common';
import { focusIndicatorShown, highContrastMisses, reachableByTab } from './focusProbes';

const SECOND = { name: 'Second Server', model: 'second-model', token: 'second-profile-token' };
const FIRST_QUESTION = 'Which server answers the first conversation?';
const SECOND_QUESTION = 'Which server answers after the switch?';
const PICKER_TITLE = 'Completions Chat: Switch Endpoint Profile';

/** Waits until `locator`'s text (trimmed) is `text`; the error names what it showed last. */
async function waitForText(locator: Locator, text: string, what: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const shown = (await locator.innerText({ timeout: 1000 }).catch(() => '')).trim();
    if (shown === text) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: it shows ${JSON.stringify(shown)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The quick pick titled PICKER_TITLE: filters to `label` and accepts it once it is the focused row. */
async function choosePickerItem({ workbench }: FlowContext, label: string): Promise<void> {
  const page = workbench.page;
  const widget = page.locator('.quick-input-widget');
  await waitForText(widget.locator('.quick-input-title'), PICKER_TITLE, 'the profile picker');
  await widget.locator('.quick-input-box input').fill(label);
  await waitForText(widget.locator('.monaco-list-row.focused .label-name').first(), label, `the picker to offer "${label}"`);
  await widget.locator('.quick-input-box input').press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

export const endpointProfilesFlow: Flow = {
  name: 'endpoint profiles: switching profiles mid-session, from the toolbar and the palette; a reopened conversation keeps its own',
  async run(context) {
    const { env, workbench, chat, step } = context;
    // Answers only with the second profile's own token.
    const second = await new FakeApiServer({ models: [SECOND.model], requiredToken: SECOND.token }).start();
    const settingsFile = join(env.workspace, '.vscode', 'settings.json');
    const profiles = [{ name: SECOND.name, id: 'second', baseUrl: `${second.url}/v1`, model: SECOND.model }];
    const writeSettings = (extra: object = {}) => {
      mkdirSync(join(env.workspace, '.vscode'), { recursive: true });
      writeFileSync(settingsFile, JSON.stringify({ 'completionsChat.profiles': profiles, ...extra }, null, 2));
    };
    try {
      await startNewConversation(context);
      const profileButton = await chat.locator('header.toolbar button.profile-button');
      const profileName = profileButton.locator('.profile-name');

      await step(`completionsChat.profiles adds "${SECOND.name}": the toolbar shows the picker with the Default profile`, async () => {
        writeSettings();
        await profileButton.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
        await waitForText(profileName, 'Default', 'the toolbar to show the Default profile');
      });

      await step('the picker is reached by Tab and shows where the focus is', async () => {
        const frame = await chat.frame();
        const visited = await reachableByTab(frame, workbench.page);
        const picker = [...visited].find((name) => name.includes('Endpoint profile: Default'));
        assert.ok(picker, `Tab never reaches the profile picker (reached: ${[...visited].join('; ')})`);
        assert.equal(await focusIndicatorShown(frame, picker), true, 'the picker looks the same focused and unfocused');
      });

      await step(`conversation 1, on the Default profile: "${FIRST_QUESTION}" is answered by the first server`, async () => {
        env.api.enqueue(textReply('The **first** server answers.'));
        await chat.ask(FIRST_QUESTION);
        assert.match(await chat.answerText(await chat.waitForAnswerDone(1)), /The first server answers/);
        assert.equal(env.api.chatRequests().length, 1);
      });

      await step(`a new conversation; the toolbar's picker switches to "${SECOND.name}": its model is shown`, async () => {
        await chat.newConversation();
        await profileButton.click();
        await choosePickerItem(context, SECOND.name);
        await waitForText(profileName, SECOND.name, 'the toolbar to show the second profile');
        await waitForText(await chat.locator('header.toolbar .model-name'), SECOND.model, "the toolbar to show the second profile's model");
      });

      await step(`the panel's "Set API Token" asks for the token of "${SECOND.name}" (its own, in a password box)`, async () => {
        await (await chat.tokenCard()).getByRole('button', { name: 'Set API Token' }).click();
        const title = `Completions Chat: API token for the profile "${SECOND.name}"`;
        await workbench.quickInput.locator('.quick-input-title', { hasText: title }).waitFor({ timeout: STEP_TIMEOUT_MS });
        assert.equal(await workbench.quickInputField().getAttribute('type'), 'password', 'the token box hides what is typed');
        await workbench.answerInputBox(title, SECOND.token);
        await (await chat.tokenCard()).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
        await workbench.clearNotifications();
      });

      await step(`"${SECOND_QUESTION}" is answered by the second server, asked with its model and token`, async () => {
        second.enqueue(textReply('The **second** server answers.'));
        await chat.ask(SECOND_QUESTION);
        assert.match(await chat.answerText(await chat.waitForAnswerDone(1)), /The second server answers/);
        const requests = second.chatRequests();
        assert.equal(requests.length, 1);
        assert.equal(requests[0]!.body.model, SECOND.model);
        assert.equal(requests[0]!.headers.authorization, `Bearer ${SECOND.token}`);
        assert.equal(env.api.chatRequests().length, 1, 'the first server got nothing more');
      });
      await context.sideBarScreenshot('endpoint-profiles');

      await step('conversation 1 reopened from the history shows the Default profile, and its next question goes to the first server', async () => {
        await (await chat.locator('header.toolbar button[aria-label="Conversation History"]')).click();
        const row = (await chat.locator('.history-view .history-row')).filter({ hasText: FIRST_QUESTION });
        await row.first().locator('.history-open').click();
        await (await chat.locator('.history-view')).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
        await waitForText(profileName, 'Default', 'the toolbar to show the reopened conversation\'s profile');
        env.api.enqueue(textReply('The first server again.'));
        await chat.ask('And now?');
        assert.match(await chat.answerText(await chat.waitForAnswerDone(2)), /The first server again/);
        const first = env.api.chatRequests();
        assert.equal(first.length, 2);
        assert.notEqual(first[1]!.headers.authorization, `Bearer ${SECOND.token}`, "the second profile's token stays with it");
        assert.equal(second.chatRequests().length, 1);
      });

      await step('in the high-contrast theme the picker has a visible edge', async () => {
        writeSettings({ 'workbench.colorTheme': 'Default High Contrast' });
        const frame = await chat.frame();
        await frame.waitForFunction(() => document.body.classList.contains('vscode-high-contrast'), undefined, { timeout: STEP_TIMEOUT_MS });
        const misses = await highContrastMisses(frame);
        assert.deepEqual(misses.filter((miss) => miss.includes('profile')), [], `controls without an edge: ${misses.join('; ')}`);
        writeSettings();
        await frame.waitForFunction(() => !document.body.classList.contains('vscode-high-contrast'), undefined, { timeout: STEP_TIMEOUT_MS });
      });

      await step(`F1 → "Completions Chat: Switch Endpoint Profile…" → "${SECOND.name}", then back to Default`, async () => {
        await workbench.runCommand('Completions Chat: Switch Endpoint Profile…');
        await choosePickerItem(context, SECOND.name);
        await waitForText(profileName, SECOND.name, 'the toolbar to follow the palette');
        await workbench.runCommand('Completions Chat: Switch Endpoint Profile…');
        await choosePickerItem(context, 'Default');
        await waitForText(profileName, 'Default', 'the toolbar to show Default again');
      });
    } finally {
      rmSync(settingsFile, { force: true });
      await second.stop();
    }
  },
};
