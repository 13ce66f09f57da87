// After the zh-cn integration run (test/integration/locale/chinese.test.ts), the real panel in
// the browser is read as a person sees and hears it: the page's language, the composer, the
// toolbar's accessible names and the provider's error with its action, all in Chinese. A
// screenshot of it goes to test-results/ (docs/screenshots/chinese.png is a copy).
import type { Frame, Page } from 'playwright-core';

const READY = '#app .chat[data-state="ready"]';

async function chatFrame(page: Page, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (!frame.isDetached() && (await frame.locator(READY).count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error('the chat panel (a webview frame with #app .chat ready) is not shown');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What the panel must show in Chinese; each failure names what was found instead. */
export async function checkChinesePanel(page: Page, screenshotPath: string): Promise<string[]> {
  const frame = await chatFrame(page, 30_000);
  const problems: string[] = [];
  const expect = (what: string, found: string | null, wanted: RegExp) => {
    if (found === null || !wanted.test(found)) problems.push(`${what}: ${JSON.stringify(found)} does not match ${wanted}`);
  };
  expect('the page language', await frame.locator('html').getAttribute('lang'), /^zh-cn$/);
  const input = frame.locator('textarea.composer-input');
  expect('the composer placeholder', await input.getAttribute('placeholder'), /^提问（Shift\+Enter 换行）$/);
  expect('the composer name', await input.getAttribute('aria-label'), /^提问$/);
  expect('the send button', await frame.locator('button.composer-button').getAttribute('aria-label'), /^发送 \(Enter\)$/);
  const toolbar = await frame.locator('header.toolbar button[aria-label]').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')).join(' | '));
  expect('the toolbar', toolbar, /对话历史 \| 新建对话/);
  const error = await frame.locator('.error-box').last().innerText({ timeout: 15_000 }).catch(() => null);
  expect('the error', error, /服务器拒绝了 API 令牌：令牌无效。[\s\S]*错误码 invalid_token[\s\S]*设置 API 令牌/);
  expect('the question\'s name', await frame.locator('article.entry.user').last().getAttribute('aria-label'), /^你的问题$/);
  await frame.locator(READY).screenshot({ path: screenshotPath, timeout: 15_000 }).catch((error: unknown) => problems.push(`screenshot: ${String(error)}`));
  return problems;
}
