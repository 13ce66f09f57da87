// Flow: a model answer the markdown parser cannot handle (thousands of nested quotes, a 50,000
// asterisk line, 20,000 open links, 3,000 list markers) streams into the panel. The bad parts
// show as plain text with a notice while everything else is drawn as usual; the panel keeps
// working (a new question goes out and is answered); Stop during such a stream closes the
// connection within 1 s; and after a window reload the stored answer still draws.
import * as assert from 'node:assert/strict';
import { textReply } from '../../support/fakeApiServer';
import { mixedPathologicalAnswer } from '../../support/pathologicalAnswers';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { squash, startNewConversation } from './common';

const FIRST_ANSWER = 'An ordinary **first** answer.';
const NOTICE = /Shown as plain text: too (deeply nested|long) to format/;
/** The requirement: Stop takes effect within a second, even while such text streams. */
const STOP_WITHIN_MS = 1_000;

/** `text` cut into deltas of `size` characters. */
function deltas(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += size) parts.push(text.slice(at, at + size));
  return parts;
}

/** A stream that would take minutes: nested quotes, then one line of open links that keeps growing. */
function endlessPathologicalStream(): string[] {
  return ['Start of a bad answer.\n\n', `${'>'.repeat(5_000)} deep\n\n`, ...Array.from({ length: 3_000 }, () => '[a]('.repeat(100))];
}

export const pathologicalAnswerFlow: Flow = {
  name: 'pathological answer: plain-text fallback, the panel keeps working, Stop within 1 s, survives a reload',
  async run(context) {
    const { env, workbench, chat, step } = context;
    await startNewConversation(context);

    await step('an ordinary first answer', async () => {
      env.api.enqueue(textReply(FIRST_ANSWER));
      await chat.ask('First question.');
      await chat.waitForAnswerDone(1);
    });

    const answerText = mixedPathologicalAnswer();
    await step('a pathological answer streams in (deltas of 2,000 characters)', async () => {
      env.api.enqueue(textReply(answerText, { tokens: deltas(answerText, 2_000), tokenDelayMs: 5 }));
      await chat.ask('Now something odd.');
      await chat.waitForAnswerDone(2);
    });

    const checkDrawn = async (label: string) => {
      const answers = await chat.answers();
      assert.equal(await answers.count(), 2, `${label}: two answers`);
      assert.equal(squash(await chat.answerText(answers.nth(0))), 'An ordinary first answer.', `${label}: the earlier answer is drawn`);
      assert.equal(await answers.nth(0).locator('.markdown-body strong').innerText(), 'first');
      const bad = answers.nth(1);
      const notices = bad.locator('.plain-fallback-notice');
      assert.ok((await notices.count()) >= 3, `${label}: a notice per bad part (got ${await notices.count()})`);
      assert.match(await notices.first().innerText(), NOTICE);
      assert.equal(await bad.locator('.code-block').count(), 3, `${label}: the three code blocks are drawn`);
      assert.equal(await bad.locator('.code-block').nth(2).getAttribute('data-block'), '2');
      assert.equal((await bad.locator('.markdown-body p').last().innerText()).trim(), 'The end, drawn as usual.');
    };
    await step('the earlier answer, the notices and the good parts are drawn', () => checkDrawn('after streaming'));
    await context.sideBarScreenshot('pathological-answer');

    await step('a new question can be sent and is answered', async () => {
      env.api.enqueue(textReply('Still working.'));
      await chat.ask('Are you still there?');
      assert.equal(await chat.answerText(await chat.waitForAnswerDone(3)), 'Still working.');
    });

    /**
     * Clicks Stop and returns the milliseconds from the click to the server seeing the
     * connection closed. Playwright's actionability checks (scrolling, waiting for the button to
     * be stable over animation frames) run first, untimed; then the click itself is timed.
     */
    const timeStop = async (requestNumber: number): Promise<number> => {
      const request = await env.api.waitForChatRequest(requestNumber, STEP_TIMEOUT_MS);
      const button = await chat.composerButton();
      assert.equal(await button.getAttribute('aria-label'), 'Stop answer');
      await button.click({ trial: true });
      const clicked = Date.now();
      await button.click({ force: true });
      await Promise.race([
        request.settled,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the request never settled')), STEP_TIMEOUT_MS)),
      ]);
      assert.equal(request.clientClosedEarly, true, 'the server finished its reply: Stop did not close the connection');
      return Date.now() - clicked;
    };

    let ordinaryStopMs = 0;
    await step('for comparison: Stop during an ordinary slow answer', async () => {
      env.api.enqueue(textReply(Array.from({ length: 600 }, (_, index) => `word${index}`).join(' '), { tokenDelayMs: 20 }));
      await chat.ask('Count slowly.');
      const answer = (await chat.answers()).nth(3);
      await answer.locator('.markdown-body', { hasText: 'word20' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      ordinaryStopMs = await timeStop(4);
      await answer.locator('.status-stopped').waitFor({ timeout: STEP_TIMEOUT_MS });
    });

    await step('Stop while a pathological answer streams: the connection closes within 1 s', async () => {
      env.api.enqueue(textReply('', { tokens: endlessPathologicalStream(), tokenDelayMs: 20 }));
      await chat.ask('Once more, slowly.');
      const answer = (await chat.answers()).nth(4);
      // Both bad parts have arrived: the nested quotes and a link line past the length limit.
      await answer.locator('.plain-fallback-notice').nth(1).waitFor({ timeout: STEP_TIMEOUT_MS });
      const elapsed = await timeStop(5);
      console.log(`[e2e]     Stop closed the connection after ${elapsed} ms (ordinary answer: ${ordinaryStopMs} ms)`);
      assert.ok(elapsed < STOP_WITHIN_MS, `Stop took ${elapsed} ms to close the connection (during an ordinary answer: ${ordinaryStopMs} ms)`);
      await answer.locator('.status-stopped', { hasText: 'Stopped' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    });

    await step('F1 → "Developer: Reload Window"; the workbench comes back', () => workbench.reloadWindow());

    await step('the stored pathological answer still draws, and so does everything around it', async () => {
      await workbench.runCommand('Completions Chat: Open Chat');
      await chat.waitForAnswerDone(5);
      const answers = await chat.answers();
      assert.equal(await answers.count(), 5);
      // Older answers of a long conversation are drawn as they come into view: scrolled to first.
      assert.equal(squash(await chat.answerText(await chat.drawnAnswer(0))), 'An ordinary first answer.');
      const bad = await chat.drawnAnswer(1);
      assert.ok((await bad.locator('.plain-fallback-notice').count()) >= 3);
      assert.equal(await bad.locator('.code-block').count(), 3);
      assert.equal((await bad.locator('.markdown-body p').last().innerText()).trim(), 'The end, drawn as usual.');
      assert.equal(await chat.answerText(await chat.drawnAnswer(2)), 'Still working.');
      assert.ok((await (await chat.drawnAnswer(4)).locator('.plain-fallback-notice').count()) >= 1, 'the stopped answer keeps its partial text');
    });
  },
};
