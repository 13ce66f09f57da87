// Flow: a browser reload right after a message. The question is sent and the tab reloaded as
// soon as the server has it, while the answer is still streaming (or not even begun): afterwards the question is
// there, once, and so is the answer, either whole or as a clear partial (marked "Interrupted by
// a reload", its text the start of what the server sent). Nothing is lost, nothing doubled.
// Then a second question and a reload right after Enter, before the server (or even the
// extension host) may have it: afterwards it is in the conversation or back in the input
// (webview/sentQuestion.ts), never gone, never both. Then the case that race only sometimes
// makes, made every time: the webview's host frame drops the panel's messages after Enter, so
// the question (with a pasted image) never reaches the extension host; after the reload it is back in
// the input with its image attached again (webview/sentImages.ts), and Enter sends both.
// Last, a draft typed just before a reload is back too.
import * as assert from 'node:assert/strict';
import { splitIntoTokens, textReply } from '../../support/fakeApiServer';
import type { Frame } from 'playwright-core';
import type { ChatPanel } from '../chatPanel';
import type { Flow, FlowContext } from '../harness';
import { waitForAttribute, waitForValue } from '../waits';
import { STEP_TIMEOUT_MS } from '../workbench';
import { pngImage } from '../../support/imageFixtures';
import { lastUserContent, pastePng, squash, startNewConversation } from './common';

const QUESTION = 'Is a question sent just before F5 kept?';
const SECOND = 'And one sent a moment before the reload?';
const SECOND_ANSWER = 'Kept as well.';
const THIRD = 'And one whose message never left the page?';
const THIRD_ANSWER = 'Asked again from the input.';
const SHOT = pngImage(6, 4);
const SHOT_URL = `data:image/png;base64,${Buffer.from(SHOT).toString('base64')}`;
const DRAFT = 'A draft typed just before the reload, not sent';
const ANSWER = Array.from({ length: 12 }, (_, index) => `Sentence ${index + 1} of an answer that takes a few seconds to stream.`).join(' ');

async function reloadBrowserTab({ workbench }: FlowContext): Promise<void> {
  await workbench.page.reload({ waitUntil: 'domcontentloaded', timeout: 4 * STEP_TIMEOUT_MS });
  await workbench.waitUntilReady();
  await workbench.runCommand('Completions Chat: Open Chat');
}

/**
 * Drops what the panel posts to the extension from now on, in the webview's host frame (VS Code's
 * pre/index.html, the content frame's parent): its messages leave through a MessagePort there,
 * so a patched `MessagePort.prototype.postMessage` keeps back `onmessage` (the panel's messages;
 * `do-update-state` still passes). The frame goes with the reload.
 */
async function dropPanelMessages(panel: Frame): Promise<void> {
  const host = panel.parentFrame();
  assert.ok(host, 'the chat panel has a host frame');
  await host.evaluate(() => {
    const original = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: unknown[]) {
      if ((message as { channel?: unknown } | null)?.channel === 'onmessage') return;
      return (original as (...args: unknown[]) => void).call(this, message, ...rest);
    } as typeof MessagePort.prototype.postMessage;
  });
}

/** Types `text` into the composer and presses Enter, as chat.ask does, but returns at once. */
async function typeAndEnter(chat: ChatPanel, text: string, beforeEnter: () => Promise<void> = async () => undefined): Promise<void> {
  const input = await chat.composerInput();
  await input.click();
  await input.pressSequentially(text);
  await waitForValue(input, text, 'the composer to hold the typed question');
  await waitForAttribute(await chat.composerButton(), 'aria-label', 'Send (Enter)', 'the composer button to say Send (no answer running)');
  await beforeEnter();
  await input.press('Enter');
}

/** Where the second question is after the reload: in the conversation, back in the input, or (a failure) neither. */
async function whereIsSecond(chat: ChatPanel): Promise<'conversation' | 'input'> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const texts = (await (await chat.questions()).locator('.user-text').allInnerTexts().catch(() => [])).map(squash);
    const input = await (await chat.composerInput()).inputValue().catch(() => '');
    if (texts.includes(SECOND)) {
      assert.equal(input, '', 'the question is in the conversation and back in the input: it would be asked twice');
      return 'conversation';
    }
    if (input === SECOND) return 'input';
    if (Date.now() > deadline) throw new Error(`the second question was lost: the questions are ${JSON.stringify(texts)}, the input holds "${input}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The last answer ends and says `expected`, or its start when the reload cut it, marked
 * "Interrupted by a reload" — never "Stopped": the old extension host, shut down by the reload,
 * marks the answer it was writing as interrupted and saves what it had (a Stop is the user's).
 */
async function lastAnswerEnds(chat: ChatPanel, count: number, expected: string): Promise<void> {
  const answers = await chat.answers();
  const answer = answers.nth(count - 1);
  await answer.waitFor({ timeout: STEP_TIMEOUT_MS });
  await answer.locator('.streaming-indicator').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
  assert.equal(await answers.count(), count);
  const text = squash(await chat.answerText(answer));
  assert.equal(await answer.locator('.status-stopped').count(), 0, 'a reload reads as the user\'s Stop');
  if ((await answer.locator('.status-interrupted').count()) > 0) assert.ok(expected.startsWith(text), `the partial answer is not the start of the server's: "${text}"`);
  else assert.equal(text, expected);
}

export const reloadRightAfterMessageFlow: Flow = {
  name: 'a browser reload right after a message',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);
    // About 150 deltas 40 ms apart: several seconds of streaming, so the reload lands mid-answer.
    env.api.enqueue(textReply(ANSWER, { tokens: splitIntoTokens(ANSWER), tokenDelayMs: 40 }));

    await step('send a question and reload the browser tab as soon as the server has it (no graceful shutdown)', async () => {
      const before = env.api.chatRequests().length;
      await chat.ask(QUESTION);
      // The question is saved before it is sent; a reload in the milliseconds before the panel's
      // message reaches the extension host is another case (the next session's: the panel would
      // have to keep the text until the host has it).
      await env.api.waitForChatRequest(before + 1, STEP_TIMEOUT_MS);
      await reloadBrowserTab(context);
    });

    await step('the question is back, once', async () => {
      const questions = await chat.questions();
      await questions.first().waitFor({ timeout: STEP_TIMEOUT_MS }).catch(async () => {
        throw new Error(`the question was lost: the panel shows "${await chat.transcriptText()}"`);
      });
      assert.equal(await questions.count(), 1);
      assert.equal(squash(await questions.first().locator('.user-text').innerText()), QUESTION);
    });

    await step('the answer is there: whole, or the start of it marked "Interrupted by a reload"', async () => {
      const answers = await chat.answers();
      const answer = answers.first();
      await answer.waitFor({ timeout: STEP_TIMEOUT_MS });
      // Whichever comes first: the answer finishes in the panel, or it shows it was cut.
      await answer.locator('.streaming-indicator').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
      assert.equal(await answers.count(), 1);
      assert.equal(await answer.locator('.status-stopped').count(), 0, 'a reload reads as the user\'s Stop');
      const text = squash(await chat.answerText(answer));
      const interrupted = await answer.locator('.status-interrupted').count();
      if (interrupted > 0) {
        assert.ok(ANSWER.startsWith(text), `the partial answer is not the start of the server's: "${text}"`);
        assert.match(await answer.locator('.status-interrupted').innerText(), /Interrupted by a reload/);
      } else {
        assert.equal(text, ANSWER);
      }
    });

    await step('send a second question and reload the tab right after Enter (the host may not have it yet)', async () => {
      env.api.enqueue(textReply(SECOND_ANSWER));
      // As chat.ask, but the reload follows Enter at once: no wait for the composer to empty.
      await typeAndEnter(chat, SECOND);
      await reloadBrowserTab(context);
    });

    await step('the second question is in the conversation or back in the input: never gone, never both', async () => {
      const where = await whereIsSecond(chat);
      console.log(`[e2e]      the second question was ${where === 'input' ? 'put back in the input (the host never had it)' : 'in the conversation (the host had it)'}`);
      if (where === 'input') {
        assert.equal(await (await chat.questions()).count(), 1, 'not in the conversation as well');
        // Put back, not sent on its own: Enter asks it.
        const input = await chat.composerInput();
        await input.press('Enter');
        await (await chat.questions()).nth(1).waitFor({ timeout: STEP_TIMEOUT_MS });
      }
      assert.equal(await (await chat.questions()).count(), 2);
      await lastAnswerEnds(chat, 2, SECOND_ANSWER);
    });

    await step('a third question, with a pasted image, whose message never reaches the extension host, then a reload', async () => {
      // The second answer's reply may still be queued (the reload stopped it before its request went out).
      env.api.reset();
      env.api.enqueue(textReply(THIRD_ANSWER));
      const before = env.api.chatRequests().length;
      await pastePng(await chat.composerInput(), SHOT, 'shot.png');
      // Its bytes reached the panel (the host hands them back as a data: URL): what the panel keeps.
      await waitForAttribute((await chat.locator('.attachments img.attachment-thumbnail')).first(), 'src', SHOT_URL, 'the thumbnail to show the pasted bytes');
      const panel = await chat.frame();
      await typeAndEnter(chat, THIRD, () => dropPanelMessages(panel));
      await waitForValue(await chat.composerInput(), '', 'the composer to empty (the panel sent it)');
      await reloadBrowserTab(context);
      assert.equal(env.api.chatRequests().length, before, 'the server never got it');
    });

    await step('the third question is back in the input with its image, not in the conversation; Enter asks it', async () => {
      const input = await chat.composerInput();
      await waitForValue(input, THIRD, 'the lost question to be put back in the input');
      const thumbnail = (await chat.locator('.attachments .attachment')).first();
      await thumbnail.waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.match((await thumbnail.getAttribute('title')) ?? '', /^shot\.png · 6 × 4 · /, 'the image attached again');
      // The older entries of the conversation may come in a second message (shared/firstState.ts).
      await (await chat.questions()).nth(1).waitFor({ timeout: STEP_TIMEOUT_MS });
      const texts = (await (await chat.questions()).locator('.user-text').allInnerTexts()).map(squash);
      assert.deepEqual(texts, [QUESTION, SECOND]);
      await input.press('Enter');
      await (await chat.questions()).nth(2).waitFor({ timeout: STEP_TIMEOUT_MS });
      await lastAnswerEnds(chat, 3, THIRD_ANSWER);
      const content = lastUserContent(env.api.chatRequests().at(-1)!.body) as { type: string; image_url?: { url: string } }[];
      const url = content.find((part) => part.type === 'image_url')?.image_url?.url ?? '';
      assert.equal(url, SHOT_URL, 'the exact bytes went with it');
    });

    await step('a draft typed just before a reload is in the input again after it', async () => {
      const input = await chat.composerInput();
      await input.click();
      await input.pressSequentially(DRAFT);
      await waitForValue(input, DRAFT, 'the composer to hold the draft');
      await reloadBrowserTab(context);
      const again = await chat.composerInput();
      await waitForValue(again, DRAFT, 'the draft to be back');
      // Emptied, so the flows after this one start with an empty composer.
      await again.fill('');
      await waitForValue(again, '', 'the composer to empty');
    });
  },
};
