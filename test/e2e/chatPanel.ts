// The Completions Chat panel as a person sees it. The webview is two iframes deep (VS Code's
// host frame, then the content frame), so it is found among `page.frames()` by the chat app's
// root, and found again for every step: the webview is rebuilt whenever the panel is hidden
// or the window reloads, and a stale Frame would only time out.
//
// Selectors follow src/webview (composer.ts, tokenCard.ts, transcript.ts, assistantEntry.ts,
// markdown.ts): the same names and aria-labels a screen reader user gets.
import type { Frame, Locator, Page } from 'playwright-core';
import { STEP_TIMEOUT_MS } from './workbench';

const APP_ROOT = '#app .chat';

export class ChatPanel {
  constructor(private readonly page: Page) {}

  /** The frame holding the chat app; waits for it to be built. */
  async frame(timeoutMs = STEP_TIMEOUT_MS): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (frame.isDetached()) continue;
        const found = await frame.locator(APP_ROOT).count().catch(() => 0);
        if (found > 0) return frame;
      }
      if (Date.now() > deadline) throw new Error('the chat panel (a webview frame with #app .chat) did not appear');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async locator(selector: string): Promise<Locator> {
    return (await this.frame()).locator(selector);
  }

  async tokenCard(): Promise<Locator> {
    return this.locator('section.token-card');
  }

  async emptyState(): Promise<Locator> {
    return this.locator('.empty-state');
  }

  async composerInput(): Promise<Locator> {
    return this.locator('textarea.composer-input');
  }

  /** The Send / Stop button; its accessible name says which it is. */
  async composerButton(): Promise<Locator> {
    return this.locator('button.composer-button');
  }

  /** Clicks into the composer, types `text` key by key into it and presses Enter. */
  async ask(text: string): Promise<void> {
    const input = await this.composerInput();
    await input.click();
    await input.pressSequentially(text);
    await input.press('Enter');
  }

  async answers(): Promise<Locator> {
    return this.locator('article.entry.assistant');
  }

  async questions(): Promise<Locator> {
    return this.locator('article.entry.user');
  }

  async lastAnswer(): Promise<Locator> {
    return (await this.answers()).last();
  }

  /** Waits until the `count`-th answer (1-based) has finished: its status left "Answering…". */
  async waitForAnswerDone(count: number): Promise<Locator> {
    const answers = await this.answers();
    const answer = answers.nth(count - 1);
    await answer.waitFor({ timeout: STEP_TIMEOUT_MS }).catch(async () => {
      throw new Error(`answer #${count} never appeared in the panel (it shows ${await answers.count()})`);
    });
    await answer.locator('.streaming-indicator').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS }).catch(async () => {
      throw new Error(`answer #${count} is still "Answering…"; its text so far: "${await this.answerText(answer).catch(() => '')}"`);
    });
    return answer;
  }

  /** The visible text of an answer's markdown. */
  async answerText(answer: Locator): Promise<string> {
    return (await answer.locator('.markdown-body').first().innerText()).trim();
  }

  /** The toolbar's New Conversation button; waits until the transcript is empty again. */
  async newConversation(): Promise<void> {
    const button = await this.locator('header.toolbar button[aria-label="New Conversation"]');
    await button.click();
    await (await this.emptyState()).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  }

  /** Opens the "Parameters" row under the toolbar (unless open) and returns its form. */
  async openParameters(): Promise<Locator> {
    const toggle = await this.locator('section.parameters button.parameters-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const form = await this.locator('section.parameters .parameters-form');
    await form.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    return form;
  }

  /** Closes the Parameters form (unless closed). */
  async closeParameters(): Promise<void> {
    const toggle = await this.locator('section.parameters button.parameters-toggle');
    if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
    await (await this.locator('section.parameters .parameters-form')).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  }

  /** A control of the Parameters form by its option name (temperature, maxTokens, n, stream, jsonMode, systemPrompt). */
  async parameter(name: string): Promise<Locator> {
    return this.locator(`section.parameters [data-option="${name}"]`);
  }

  /** The Parameters row's summary ("3 candidates · JSON", "from settings"). */
  async parametersSummary(): Promise<Locator> {
    return this.locator('section.parameters .parameters-summary');
  }

  /** The Parameters row's token total for the conversation. */
  async conversationUsage(): Promise<Locator> {
    return this.locator('section.parameters .conversation-usage');
  }

  /** The whole transcript's text, for comparing before and after a reload. */
  async transcriptText(): Promise<string> {
    return (await (await this.locator('main.transcript .entries')).innerText()).trim();
  }

  /** The chat app's full HTML (for checks that something is NOT in the DOM). */
  async html(): Promise<string> {
    return (await this.frame()).content();
  }
}
