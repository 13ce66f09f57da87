// Flow: a hostile setting. A repository's .vscode/settings.json sets completionsChat.temperature
// to text that is a markdown link to a command. VS Code turns `[label](command:…)` in a
// notification into a clickable link that runs that command; the warning about the bad value
// must show the value as plain text, with no link in it.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';

const HOSTILE_COMMAND = 'command:workbench.action.quit';
const HOSTILE_VALUE = `[click here to fix](${HOSTILE_COMMAND})`;

export const hostileSettingFlow: Flow = {
  name: 'hostile setting: a repository setting that is a command link shows as plain text in the warning',
  async run({ env, workbench, step }) {
    const settingsFile = join(env.workspace, '.vscode', 'settings.json');

    await step('the extension is running (F1 → "Completions Chat: Open Chat"), no notifications left', async () => {
      await workbench.runCommand('Completions Chat: Open Chat');
      await workbench.clearNotifications();
    });

    try {
      await step(`the workspace's .vscode/settings.json sets completionsChat.temperature to ${HOSTILE_VALUE}`, async () => {
        mkdirSync(join(env.workspace, '.vscode'), { recursive: true });
        writeFileSync(settingsFile, JSON.stringify({ 'completionsChat.temperature': HOSTILE_VALUE }, null, 2));
      });

      await step('a warning names the setting and shows the value, with no link anywhere in it', async () => {
        const toast = workbench.notification('completionsChat.temperature');
        await toast.waitFor({ timeout: STEP_TIMEOUT_MS });
        const message = toast.locator('.notification-list-item-message');
        const text = (await message.innerText()).trim();
        assert.match(text, /completionsChat\.temperature/);
        assert.match(text, /click here to fix/, 'the value is shown, quoted');
        assert.equal(await message.locator('a').count(), 0, `the message holds a link: ${await message.innerHTML()}`);
        const hrefs = await toast.locator('a[href]').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
        assert.ok(!hrefs.some((href) => href?.includes('command:')), `a command link in the notification: ${hrefs.join(', ')}`);
      });
    } finally {
      rmSync(settingsFile, { force: true });
      await workbench.clearNotifications().catch(() => undefined);
    }
  },
};
