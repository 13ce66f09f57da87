// Issue 11, history: three conversations (New Conversation keeps each), Show History from the
// palette lists them newest first; a search finds the one whose answer has the word, opening
// the hit shows that conversation with the word highlighted; back in the history, one is
// deleted and Undo brings it back.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { textReply } from '../../support/fakeApiServer';
import type { Flow, FlowContext } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { startNewConversation } from './common';

const CONVERSATIONS = [
  { question: 'How do I speed up a recursive fibonacci?', answer: 'Cache each result: **memoisation** makes it linear in n.' },
  { question: 'What is a closure in JavaScript?', answer: 'A function together with the variables it captured.' },
  { question: 'Why debounce keystrokes in a search box?', answer: 'So one search runs after the typing pauses, not one per key.' },
] as const;
// A word no other flow's conversations hold (the history keeps every flow's conversations).
const SEARCH = 'memoisation';

/** The history rows' titles, top to bottom. */
async function rowTitles(rows: Locator): Promise<string[]> {
  return (await rows.locator('.history-title').allInnerTexts()).map((title) => title.trim());
}

/** Waits until the rows shown satisfy `check`; the error names what was listed last. */
async function waitForRows(rows: Locator, check: (titles: string[]) => boolean, what: string): Promise<string[]> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const titles = await rowTitles(rows).catch(() => []);
    if (check(titles)) return titles;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the list shows ${JSON.stringify(titles)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function askInNewConversations({ env, chat, step }: FlowContext): Promise<void> {
  env.api.enqueue(...CONVERSATIONS.map((each) => textReply(each.answer)));
  for (const [index, { question }] of CONVERSATIONS.entries()) {
    await step(`conversation ${index + 1}: ask "${question}" and wait for the answer`, async () => {
      if (index > 0) await chat.newConversation();
      await chat.ask(question);
      await chat.waitForAnswerDone(1);
    });
  }
}

export const historyFlow: Flow = {
  name: 'history: three conversations, search, open a hit, delete, undo',
  async run(context) {
    const { workbench, chat, step } = context;
    await startNewConversation(context);
    await askInNewConversations(context);
    const rows = await chat.locator('.history-view .history-row');
    const titles = CONVERSATIONS.map((each) => each.question);

    await step('F1 → "Completions Chat: Show Conversation History"; the three are listed, newest first, the shown one marked', async () => {
      await workbench.runCommand('Completions Chat: Show Conversation History');
      await (await chat.locator('.history-view')).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      const shown = await waitForRows(rows, (listed) => titles.every((title) => listed.includes(title)), 'the three conversations in the history');
      const order = titles.map((title) => shown.indexOf(title));
      assert.ok(order[2]! < order[1]! && order[1]! < order[0]!, `newest first: ${JSON.stringify(shown)}`);
      assert.equal((await rows.filter({ hasText: titles[2] }).getAttribute('class'))?.includes('is-current'), true);
    });

    await step(`search "${SEARCH}": only the first conversation matches, the word marked in its snippet`, async () => {
      await (await chat.locator('.history-view input.history-search')).fill(SEARCH);
      await waitForRows(rows, (listed) => listed.length === 1 && listed[0] === titles[0], 'one hit');
      assert.equal((await rows.first().locator('.history-snippet mark').first().innerText()).trim(), SEARCH);
    });

    await step('open the hit: the chat shows that conversation with the word highlighted', async () => {
      await rows.first().locator('.history-open').click();
      await (await chat.locator('.history-view')).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
      const mark = await chat.locator('main.transcript mark.search-hit');
      await mark.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      assert.equal((await mark.first().innerText()).trim(), SEARCH);
      assert.equal((await (await chat.questions()).locator('.user-text').allInnerTexts())[0], titles[0]);
    });

    await step('back to the history (toolbar), clear the search, delete the second conversation: it leaves the list, Undo is offered', async () => {
      await (await chat.locator('header.toolbar button[aria-label="Conversation History"]')).click();
      const search = await chat.locator('.history-view input.history-search');
      await search.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      await search.fill('');
      await waitForRows(rows, (listed) => titles.every((title) => listed.includes(title)), 'the whole list again');
      await rows.filter({ hasText: titles[1] }).getByRole('button', { name: `Delete "${titles[1]}"`, exact: true }).click();
      await waitForRows(rows, (listed) => !listed.includes(titles[1]) && listed.includes(titles[0]), 'the deleted conversation to leave the list');
      await (await chat.locator('.history-undo')).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    });

    await step('Undo: the conversation is back in the list', async () => {
      await (await chat.locator('.history-undo button')).click();
      await waitForRows(rows, (listed) => titles.every((title) => listed.includes(title)), 'the conversation back after Undo');
      await (await chat.locator('.history-undo')).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
    });
    await context.sideBarScreenshot('history');

    await step('Escape goes back to the chat', async () => {
      await (await chat.locator('.history-view input.history-search')).press('Escape');
      await (await chat.locator('.history-view')).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
    });
  },
};
