// A long conversation reaches a new panel in two messages: the newest entries first, in the
// `state` the panel draws at once, and the older ones just after (`olderEntries`), which the
// panel puts above as placeholders drawn in idle time (src/webview/deferredEntries.ts). A
// 2 MB conversation then costs the first draw only what the newest few entries weigh: the
// workbench relays every message through two frames, cloning it each time, on the same main
// thread that draws the panel.

import type { Entry } from './conversation';

/** The newest entries whose text adds up to about this many characters travel first… */
const firstStateChars = 16_000;
/** …and at least this many of them (the last questions and answers), however short. */
const firstStateEntries = 4;

/** Characters of an entry's text; anything malformed counts as none. */
export function textLength(entry: Entry): number {
  if (entry.role === 'user') return typeof entry.text === 'string' ? entry.text.length : 0;
  if (!Array.isArray(entry.candidates)) return 0;
  let chars = 0;
  for (const candidate of entry.candidates) if (typeof candidate?.content === 'string') chars += candidate.content.length;
  return chars;
}

/**
 * Index of the first of the newest entries that add up to `chars` characters of text, and are
 * at least `count` entries: what a long conversation shows or sends first.
 */
export function newestEntriesStart(entries: readonly Entry[], count: number, chars: number): number {
  let total = 0;
  let index = entries.length;
  while (index > 0 && (entries.length - index < count || total < chars)) {
    index--;
    total += textLength(entries[index]!);
  }
  return index;
}

/**
 * Index of the first entry that goes in the first `state`; the entries before it follow in
 * `olderEntries`. 0 when the conversation is small enough to go whole.
 */
export function firstStateStart(entries: readonly Entry[]): number {
  return newestEntriesStart(entries, firstStateEntries, firstStateChars);
}
