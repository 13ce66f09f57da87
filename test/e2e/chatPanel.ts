// The Completions Chat panel as a person sees it. The webview is two iframes deep (VS Code's
// host frame, then the content frame), so it is found among `page.frames()` by the chat app's
// root, and found again for every step: the webview is rebuilt whenever the panel is hidden
// or the window reloads, and a stale Frame would only time out.
//
// Selectors follow src/webview (composer.ts, tokenCard.ts, transcript.ts, assistantEntry.ts,
// markdown.ts): the same names and aria-labels a screen reader user gets.
import type { Frame, Locator, Page } from 'playwright-core';
import { STEP_TIMEOUT_MS, waitForAttribute, waitForValue } from './waits';

const APP_ROOT = '#app .chat';
/** The panel marks its root once it has drawn the host's state (src/webview/chatView.ts). */
const READY_ROOT = `${APP_ROOT}[data-state="ready"]`;

export class ChatPanel {
  constructor(private readonly page: Page) {}

  /**
   * The frame holding the chat app, once the app has drawn the host's state: before that the
   * panel is an empty shell whose token card, transcript and model are not the real ones.
   */
  async frame(timeoutMs = STEP_TIMEOUT_MS): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    let built = false;
    for (;;) {
      const found = await this.findFrame(READY_ROOT);
      if (found) return found;
      built ||= (await this.findFrame(APP_ROOT)) !== undefined;
      if (Date.now() > deadline) {
        throw new Error(
          built
            ? 'the chat panel was built but never drew the extension\'s state (no #app .chat[data-state=ready]): the extension host did not answer'
            : 'the chat panel (a webview frame with #app .chat) did not appear',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private async findFrame(selector: string): Promise<Frame | undefined> {
    for (const frame of this.page.frames()) {
      if (frame.isDetached()) continue;
      const found = await frame.locator(selector).count().catch(() => 0);
      if (found > 0) return frame;
    }
    return undefined;
  }

  /**
   * True when the panel is on screen and ready. The view does not keep its webview while
   * hidden (no retainContextWhenHidden), so a ready, visible app means the view is showing.
   */
  async isShown(): Promise<boolean> {
    const frame = await this.findFrame(READY_ROOT);
    if (!frame) return false;
    return frame.locator(READY_ROOT).isVisible().catch(() => false);
  }

  /** Waits until the panel is on screen and ready (after a click, a command or a reload). */
  async waitUntilShown(timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.isShown())) {
      if (Date.now() > deadline) {
        const built = (await this.findFrame(APP_ROOT)) !== undefined;
        throw new Error(
          built
            ? 'the chat panel is there but not shown and ready (#app .chat[data-state=ready] visible)'
            : 'the chat panel (a webview frame with #app .chat) did not appear',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The panel's visible text as a person reads it, for failure reports ('' when not shown). */
  async visibleText(timeoutMs: number): Promise<string> {
    const frame = (await this.findFrame(READY_ROOT)) ?? (await this.findFrame(APP_ROOT));
    if (!frame) return '(no chat panel shown)';
    const ready = (await frame.locator(READY_ROOT).count()) > 0;
    const text = await frame.locator(APP_ROOT).innerText({ timeout: timeoutMs });
    return ready ? text : `(not ready yet) ${text}`;
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

  /**
   * Clicks into the composer, types `text` key by key into it and presses Enter, as a person
   * does once the button says Send: while the previous answer is still winding down the panel
   * keeps Enter's text for later (the button says Stop), so Enter waits for Send. Done when the
   * composer has handed the text on (it empties).
   */
  async ask(text: string): Promise<void> {
    const input = await this.composerInput();
    await input.click();
    await input.pressSequentially(text);
    await waitForValue(input, text, 'the composer to hold the typed question');
    await waitForAttribute(await this.composerButton(), 'aria-label', 'Send (Enter)', 'the composer button to say Send (no answer running)');
    await input.press('Enter');
    await waitForValue(input, '', 'the composer to send the question (and empty)');
  }

  async answers(): Promise<Locator> {
    return this.locator('article.entry.assistant');
  }

  async questions(): Promise<Locator> {
    return this.locator('article.entry.user');
  }

  /**
   * Answer `index` (0-based), drawn. A long conversation draws its older answers when they come
   * into view (or in idle time), so it is scrolled to first, as a person would.
   */
  async drawnAnswer(index: number): Promise<Locator> {
    const answer = (await this.answers()).nth(index);
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      // The placeholder is replaced by the drawn answer as it comes into view (and a long
      // conversation's older entries arrive after its first paint): an element that goes away
      // mid-scroll is looked up again.
      const scrolled = await answer.scrollIntoViewIfNeeded({ timeout: STEP_TIMEOUT_MS }).then(() => true, (error: unknown) => {
        if (error instanceof Error && /not attached to the DOM/.test(error.message) && Date.now() < deadline) return false;
        throw error;
      });
      if (!scrolled) continue;
      const pending = await answer.evaluate((element) => element.classList.contains('entry-pending')).catch(() => true);
      if (!pending) {
        await this.shown(answer);
        return answer;
      }
      if (Date.now() > deadline) throw new Error(`answer #${index + 1} was never drawn, even in view`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
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

  /**
   * Waits until the browser renders `entry`'s content, scrolling it into view: entries but the
   * newest two are skipped while off screen (content-visibility: auto), and a skipped entry's
   * innerText is empty until a frame has drawn it in view.
   */
  async shown(entry: Locator): Promise<void> {
    await entry.evaluate(
      (element) =>
        new Promise<void>((resolve, reject) => {
          const started = performance.now();
          const content = element.firstElementChild ?? element;
          const check = () => {
            if (content.checkVisibility({ contentVisibilityAuto: true } as CheckVisibilityOptions)) return resolve();
            if (performance.now() - started > 10_000) return reject(new Error('the entry stayed skipped (content-visibility) though scrolled into view'));
            element.scrollIntoView({ block: 'nearest' });
            requestAnimationFrame(check);
          };
          check();
        }),
    );
  }

  /** The visible text of an answer's markdown (scrolled into view first if the browser skips it off screen). */
  async answerText(answer: Locator): Promise<string> {
    await this.shown(answer);
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
