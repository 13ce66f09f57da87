// Waits on what the page shows, polled, each bounded and saying in its error what it saw last.
// The e2e tests wait only like this (or with Playwright's own waitFor): never a fixed sleep.
import type { Locator } from 'playwright-core';

/**
 * How long a single UI step may take before the flow fails. Generous on purpose: a shared CI
 * machine with two cores under load draws the workbench many times slower than a laptop.
 */
export const STEP_TIMEOUT_MS = Number(process.env.COMPLETIONS_CHAT_E2E_STEP_TIMEOUT_MS || 45_000);

/** Waits until `locator`'s attribute `name` is `expected`; the error says what it was. */
export async function waitForAttribute(locator: Locator, name: string, expected: string, what: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  while ((last = await locator.getAttribute(name, { timeout: 1_000 }).catch(() => '(not shown)')) !== expected) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; ${name} is "${last}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until an input's value is `expected`. */
export async function waitForValue(input: Locator, expected: string, what: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while ((last = await input.inputValue().catch(() => '(not shown)')) !== expected) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the input holds "${last}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `locator`'s text equals (or starts with) `expected`; the error says what was shown. */
export async function waitForText(
  locator: Locator,
  expected: string | RegExp,
  what: string,
  match: 'equals' | 'startsWith' | 'matches' = 'equals',
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '(not shown)';
  for (;;) {
    const text = await locator.innerText({ timeout: 1_000 }).catch(() => undefined);
    if (text !== undefined) {
      last = text.trim();
      if (typeof expected !== 'string' ? expected.test(last) : match === 'equals' ? last === expected : last.startsWith(expected)) return;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last shown: "${last}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
