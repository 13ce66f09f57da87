// The code a question carries (selections and whole files), its limits and how it is read
// back from a saved conversation. Pure: the host applies the limits when an item is attached,
// the webview shows them on the chips.

import type { CodeContext, UserEntry } from './conversation';
import { formatNumber, t } from './l10n';

/** Most items one question carries (the selection of "Ask about selection" included). */
export const MAX_CONTEXT_ITEMS = 10;
/** Largest file attached whole, in UTF-8 bytes: about 25,000 tokens. */
export const MAX_CONTEXT_FILE_BYTES = 100_000;
/** Largest total of the items waiting in the composer, in UTF-8 bytes. */
export const MAX_CONTEXT_TOTAL_BYTES = 300_000;
/** Most problems listed with one item; each line is bounded where it is worded (host). */
export const MAX_CONTEXT_PROBLEMS = 20;

/** An item waiting in the composer for the next question; `id` names it for removal. */
export interface PendingContextItem {
  id: string;
  context: CodeContext;
}

/** UTF-8 bytes of `text` (what the file holds, and what a request carries). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Enough of the shape that quoting and drawing it cannot throw (a saved file can hold anything). */
export function isCodeContext(value: unknown): value is CodeContext {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item.path === 'string' &&
    typeof item.languageId === 'string' &&
    typeof item.code === 'string' &&
    Number.isInteger(item.startLine) &&
    Number.isInteger(item.endLine) &&
    (item.problems === undefined || (Array.isArray(item.problems) && item.problems.every((problem) => typeof problem === 'string')))
  );
}

/** Longest path or language id a restored item may name (a path is bounded by the OS far below). */
const MAX_RESTORED_NAME_LENGTH = 4_096;
/** Longest problem line a restored item may carry. */
const MAX_RESTORED_PROBLEM_LENGTH = 4_096;

/**
 * Items the panel hands back after a reload lost the question they went with (webview/sentQuestion.ts):
 * within the composer's limits in count and size, every string bounded, checked in linear time.
 */
export function isRestoredContexts(value: unknown): value is CodeContext[] {
  if (!Array.isArray(value) || value.length > MAX_CONTEXT_ITEMS) return false;
  return value.every((item) => isCodeContext(item)
    && item.path.length <= MAX_RESTORED_NAME_LENGTH
    && item.languageId.length <= MAX_RESTORED_NAME_LENGTH
    && item.code.length <= MAX_CONTEXT_TOTAL_BYTES
    && (item.problems === undefined || (item.problems.length <= MAX_CONTEXT_PROBLEMS && item.problems.every((line) => line.length <= MAX_RESTORED_PROBLEM_LENGTH))));
}

/**
 * Every item a question carried: the one `context` of conversations saved before questions
 * took several, then `contexts`; malformed items of a damaged file are left out.
 */
export function questionContexts(entry: Pick<UserEntry, 'context' | 'contexts'>): CodeContext[] {
  const items: unknown[] = [entry.context, ...(Array.isArray(entry.contexts) ? entry.contexts : [])];
  return items.filter(isCodeContext);
}

/** "Why not": the item would pass a limit; undefined when it fits beside `current`. */
export function contextLimitProblem(current: readonly CodeContext[], item: CodeContext): string | undefined {
  const name = item.path;
  if (current.length >= MAX_CONTEXT_ITEMS) return t('{0} was not attached: a question takes at most {1} items; remove one first.', name, MAX_CONTEXT_ITEMS);
  const size = utf8Length(item.code);
  if (item.kind === 'file' && size > MAX_CONTEXT_FILE_BYTES) return t('{0} was not attached: it is {1}; the limit for a file is {2}.', name, formatSize(size), formatSize(MAX_CONTEXT_FILE_BYTES));
  const total = current.reduce((sum, present) => sum + utf8Length(present.code), 0);
  if (total + size > MAX_CONTEXT_TOTAL_BYTES) {
    return t('{0} was not attached: it is {1}, and the attached items would come to {2}; the limit is {3} in all.', name, formatSize(size), formatSize(total + size), formatSize(MAX_CONTEXT_TOTAL_BYTES));
  }
  return undefined;
}

/** Sizes as a person reads them: 812 B, 14.2 KB, 1.1 MB (decimal, as the limits are written). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${formatNumber(bytes)} B`;
  if (bytes < 1_000_000) return `${formatNumber(Number((bytes / 1000).toFixed(1)), { maximumFractionDigits: 1 })} KB`;
  return `${formatNumber(Number((bytes / 1_000_000).toFixed(1)), { maximumFractionDigits: 1 })} MB`;
}

/** `src/a.ts:3-9` (the workspace-relative path: two files can share a name), `(trimmed)` when cut. */
export function contextChipLabel(context: CodeContext): string {
  const lines = context.startLine === context.endLine ? `${context.startLine}` : `${context.startLine}-${context.endLine}`;
  return `${context.path}:${lines}${context.truncated ? t(' (trimmed)') : ''}`;
}
