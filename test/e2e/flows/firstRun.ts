// Flow 1, first run: the panel says how to start; the token is set through the command
// palette into a password box; afterwards the token is nowhere a person could find it by
// accident (no file of the run, no browser storage in plain text, no webview DOM), and the
// first question carries it to the endpoint.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { textReply } from '../../support/fakeApiServer';
import { readBrowserStorage } from '../browserStorage';
import type { Flow } from '../harness';
import { findSecretInFiles } from '../secretScan';
import { STEP_TIMEOUT_MS } from '../workbench';

export const firstRunFlow: Flow = {
  name: 'first run: how to start, set the token, the token stays secret',
  async run({ env, workbench, chat, step }) {
    const token = `e2e-secret-${randomUUID()}`;
    const origin = env.api.url;

    await step('open the Completions Chat view from the activity bar', () => workbench.showViewContainer('Completions Chat', () => chat.isShown()));

    await step('the panel says how to start: set the token for this endpoint', async () => {
      const card = await chat.tokenCard();
      await card.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      assert.equal((await card.locator('.token-card-title').innerText()).trim(), `Set your API token for ${origin} to start`);
      assert.equal(await card.getByRole('button', { name: 'Set API Token' }).isVisible(), true, 'the card offers "Set API Token"');
      assert.match(await (await chat.emptyState()).innerText(), /Ask a question about your code\./);
    });

    await step('F1 → "Completions Chat: Set API Token" → type the token into the password box → Enter', async () => {
      await workbench.runCommand('Completions Chat: Set API Token');
      await workbench.quickInput.locator('.quick-input-title', { hasText: 'Completions Chat: API token' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(await workbench.quickInputField().getAttribute('type'), 'password', 'the token box hides what is typed');
      await workbench.answerInputBox('Completions Chat: API token', token);
    });

    await step('VS Code confirms, and the panel stops asking for a token', async () => {
      await workbench.notification(`API token saved for ${origin}.`).waitFor({ timeout: STEP_TIMEOUT_MS });
      await (await chat.tokenCard()).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
      await workbench.clearNotifications(); // read it; later screenshots need not show it
    });

    await step('the first question carries the token to the endpoint', async () => {
      env.api.enqueue(textReply('Pong.'));
      await chat.ask('Ping?');
      const request = await env.api.waitForChatRequest(1, STEP_TIMEOUT_MS);
      assert.equal(request.headers.authorization, `Bearer ${token}`);
      const answer = await chat.waitForAnswerDone(1);
      assert.equal(await chat.answerText(answer), 'Pong.');
    });

    await step('the token is in no file of the user-data, extensions or workspace folders', () => {
      const { hits, filesScanned } = findSecretInFiles(env.tempRoot, token);
      assert.ok(filesScanned > 10, `only ${filesScanned} files were scanned under ${env.tempRoot}: the scan proves nothing`);
      assert.deepEqual(hits, [], 'the token was written to disk in the clear');
      return Promise.resolve();
    });

    await step('the browser keeps it only encrypted (secret storage in localStorage), nowhere in the clear', async () => {
      const stored = await readBrowserStorage(env.page);
      // code-server 4.100's web workbench keeps VS Code's SecretStorage here, AES-GCM encrypted
      // with a key whose other half code-server holds (<user-data-dir>/serve-web-key-half).
      // Checking that the entry exists keeps this step honest: the token did get stored, and
      // it is there (and anywhere else in the browser) only in encrypted form.
      assert.ok(stored.some((item) => item.where === 'localStorage/secrets.provider'), 'no secret storage entry in localStorage');
      const inClear = stored.filter((item) => item.text.includes(token));
      assert.deepEqual(inClear.map((item) => item.where), [], 'the token is readable in the browser storage');
    });

    await step('the token is in no frame of the page: not in the chat webview DOM, not in the workbench', async () => {
      assert.ok(!(await chat.html()).includes(token), 'the chat webview DOM holds the token');
      for (const frame of env.page.frames()) {
        const html = await frame.content().catch(() => '');
        assert.ok(!html.includes(token), `frame ${frame.url().slice(0, 80)} holds the token`);
      }
    });
  },
};
