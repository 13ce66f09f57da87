// Flow: the panel follows a long answer as it streams, and lets a person read. At the bottom the
// newest text stays in view; scrolled up with the mouse wheel, the text being read stays where
// it is while the answer grows below; scrolled back down, the panel follows again; a new
// question jumps to the bottom; a short conversation sits at the top of the panel.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { manualGate, textReply } from '../../support/fakeApiServer';
import type { FlowContext, Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { startNewConversation } from './common';

/** `count` numbered paragraphs, one delta each. */
function lines(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} line ${index + 1} of the answer, long enough to wrap once or twice in a side bar.\n\n`);
}

/** Whether the last paragraph of the last answer is inside the transcript's visible box. */
function newestTextInView(frame: Frame, text: string): Promise<boolean> {
  return frame.evaluate((expected) => {
    const transcript = document.querySelector('.transcript')!.getBoundingClientRect();
    const last = [...document.querySelectorAll('article.entry.assistant .markdown-body')].at(-1)?.lastElementChild;
    if (!last || !last.textContent?.includes(expected)) return false;
    const box = last.getBoundingClientRect();
    return box.bottom <= transcript.bottom + 1 && box.bottom > transcript.top;
  }, text);
}

async function waitForNewestInView(frame: Frame, text: string, what: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (!(await newestTextInView(frame, text))) {
    if (Date.now() > deadline) throw new Error(`${what}: "${text}" never came into view at the bottom of the panel`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The mouse wheel over the transcript, as a person scrolls; waits until the view has moved and
 * come to rest (a wheel scroll may be animated, and start late on a busy machine).
 */
async function wheel({ env, chat }: FlowContext, deltaY: number): Promise<void> {
  const transcript = await chat.locator('.transcript');
  const box = await transcript.boundingBox();
  assert.ok(box, 'the transcript has no box on screen');
  const scrollTop = () => transcript.evaluate((element) => element.scrollTop);
  const start = await scrollTop();
  await env.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await env.page.mouse.wheel(0, deltaY);
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let last = start;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const top = await scrollTop();
    if (top !== start && top === last) return;
    if (Date.now() > deadline) throw new Error(`the mouse wheel did not scroll the transcript (scrollTop ${start} → ${top})`);
    last = top;
  }
}

export const followAnswerFlow: Flow = {
  name: 'a long answer is followed as it streams; scrolled up, the text being read stays put',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);
    const first = lines('First', 160);
    const gate = manualGate();
    env.api.enqueue(textReply(first.join(''), { tokens: first, pauseAfterTokens: 60, resume: gate.promise, tokenDelayMs: 10 }));
    const frame = await chat.frame();

    await step('ask; while the answer streams past the panel\'s height, its newest line stays in view', async () => {
      await chat.ask('Write a long answer.');
      await waitForNewestInView(frame, 'First line 60 ', 'following a streaming answer');
    });

    let read = { text: '', top: 0 };
    await step('scroll up with the mouse wheel to read: the panel stops following', async () => {
      await wheel(context, -500);
      read = await frame.evaluate(() => {
        const box = document.querySelector('.transcript')!.getBoundingClientRect();
        const paragraph = document.elementFromPoint(box.left + 40, box.top + box.height / 2)?.closest('p');
        if (!paragraph) throw new Error('no paragraph in the middle of the panel');
        paragraph.setAttribute('data-e2e-read', '');
        return { text: paragraph.textContent ?? '', top: paragraph.getBoundingClientRect().top };
      });
      assert.ok(!(await newestTextInView(frame, 'First line 60 ')), 'the newest line is still in view after scrolling up');
    });

    await step('the rest of the answer streams in below: the paragraph being read does not move', async () => {
      gate.open();
      await chat.waitForAnswerDone(1);
      await frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const now = await frame.evaluate(() => {
        const paragraph = document.querySelector('[data-e2e-read]')!;
        return { text: paragraph.textContent ?? '', top: paragraph.getBoundingClientRect().top };
      });
      assert.equal(now.text, read.text);
      assert.ok(Math.abs(now.top - read.top) <= 2, `"${read.text.slice(0, 30)}…" moved from ${read.top} to ${now.top} px while the answer grew below it`);
      assert.ok(!(await newestTextInView(frame, 'First line 160 ')), 'the panel jumped to the end of the answer while the person was reading');
    });

    await step('scroll back down to the bottom: the end of the answer is in view', async () => {
      await wheel(context, 100_000);
      await waitForNewestInView(frame, 'First line 160 ', 'scrolled back to the bottom');
    });

    const second = lines('Second', 80);
    const secondGate = manualGate();
    env.api.enqueue(textReply(second.join(''), { tokens: second, pauseAfterTokens: 40, resume: secondGate.promise, tokenDelayMs: 10 }));
    await step('a new question: the panel jumps to the bottom and follows the new answer to its end', async () => {
      await wheel(context, -800);
      await chat.ask('And another one.');
      await waitForNewestInView(frame, 'Second line 40 ', 'following the second answer');
      secondGate.open();
      await chat.waitForAnswerDone(2);
      await waitForNewestInView(frame, 'Second line 80 ', 'following the second answer to its end');
    });

    await startNewConversation(context);
    env.api.enqueue(textReply('A short answer.'));
    await step('a short conversation sits at the top of the panel, not at its bottom', async () => {
      await chat.ask('Short, please.');
      await chat.waitForAnswerDone(1);
      const gap = await frame.evaluate(() => {
        const transcript = document.querySelector('.transcript')!.getBoundingClientRect();
        const question = document.querySelector('article.entry.user')!.getBoundingClientRect();
        return question.top - transcript.top;
      });
      assert.ok(gap >= 0 && gap < 40, `the question starts ${gap} px below the panel's top`);
    });
  },
};
