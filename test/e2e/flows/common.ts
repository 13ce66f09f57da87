// Small steps several flows share.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import type { FlowContext } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';

export const SAMPLE_FILE = 'src/sample.ts';

/** F1 → "Completions Chat: New Conversation": a clean transcript, with the panel shown. */
export async function startNewConversation({ workbench, chat, step }: FlowContext): Promise<void> {
  await step('start a new conversation from the command palette', async () => {
    await workbench.runCommand('Completions Chat: New Conversation');
    await (await chat.emptyState()).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    // Each flow starts from an empty composer, so text a failed flow left behind cannot turn
    // every later flow's question into a different one.
    await (await chat.composerInput()).fill('');
  });
}

/** The sample file as it is on disk now. */
export function readSample({ env }: FlowContext): string {
  return readFileSync(join(env.workspace, SAMPLE_FILE), 'utf8');
}

/** Offset of `line`:`column` (1-based) in `text`. */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  return lines.slice(0, line - 1).reduce((sum, current) => sum + current.length + 1, 0) + column - 1;
}

/** Lines `first`..`last` (1-based, inclusive) of `text`, joined. */
export function linesOf(text: string, first: number, last: number): string {
  return text.split('\n').slice(first - 1, last).join('\n');
}

/** The content of the last user message of a recorded request body. */
export function lastUserContent(body: { messages: { role: string; content: unknown }[] }): unknown {
  return body.messages.filter((message) => message.role === 'user').at(-1)?.content;
}

/** Whitespace collapsed, for comparing rendered text with the markdown it came from. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What a paste needs from the webview's window (test code is type-checked without the DOM lib). */
interface PageGlobals {
  atob(base64: string): string;
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
  ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => Parameters<Element['dispatchEvent']>[0];
}

/** Pastes a PNG file into the composer's input, as Ctrl+V of a screenshot does. */
export async function pastePng(input: Locator, bytes: Uint8Array, name: string): Promise<void> {
  await input.click();
  await input.evaluate((element, [base64, fileName]) => {
    const page = globalThis as unknown as PageGlobals;
    const data = new page.DataTransfer();
    data.items.add(new page.File([Uint8Array.from(page.atob(base64!), (c) => c.charCodeAt(0))], fileName!, { type: 'image/png' }));
    element.dispatchEvent(new page.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [Buffer.from(bytes).toString('base64'), name]);
}
