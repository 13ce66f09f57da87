// Case-insensitive matching of a search's terms in a text, with the ranges in the original
// text: the host filters conversations with it and the webview highlights the same ranges, so
// both sides agree on what matched.

/** A match in the original text: `text.slice(start, end)`. */
export interface MatchRange {
  start: number;
  end: number;
}

/** A query longer than this is cut: no term of a real search is longer. */
export const MAX_QUERY_CHARS = 200;
/** More terms than this are ignored. */
export const MAX_QUERY_TERMS = 8;

/**
 * Lower-cases `text` keeping every offset: a character whose lower case is longer (`İ` becomes
 * `i̇`) is kept as it is, so a range found in the folded text is the same range in the original.
 */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let folded = '';
  for (const char of text) {
    const lowerChar = char.toLowerCase();
    folded += lowerChar.length === char.length ? lowerChar : char;
  }
  return folded;
}

/**
 * The terms of a query, folded: words split at white space, `"a phrase"` kept together,
 * duplicates dropped; empty when nothing is searched for.
 */
export function searchTerms(query: string): string[] {
  const terms = new Set<string>();
  // Control characters are dropped: nobody searches for one.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const cleaned = query.slice(0, MAX_QUERY_CHARS).replace(/[\u0000-\u001f\u007f]/g, ' ');
  for (const match of cleaned.matchAll(/"([^"]*)"|([^\s"]+)/g)) {
    const term = foldCase((match[1] ?? match[2] ?? '').trim());
    if (term) terms.add(term);
    if (terms.size === MAX_QUERY_TERMS) break;
  }
  return [...terms];
}

/**
 * Where any of the terms occurs in the text (`folded` is `foldCase(text)`, passed when the
 * caller keeps it), in order and without overlaps; at most `limit` ranges.
 */
export function matchRanges(text: string, terms: readonly string[], limit = 1000, folded = foldCase(text)): MatchRange[] {
  const found: MatchRange[] = [];
  for (const term of terms) {
    for (let at = folded.indexOf(term); at !== -1 && found.length < limit * 2; at = folded.indexOf(term, at + term.length)) {
      found.push({ start: at, end: at + term.length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const ranges: MatchRange[] = [];
  for (const range of found) {
    const last = ranges.at(-1);
    if (last && range.start < last.end) last.end = Math.max(last.end, range.end);
    else if (ranges.length < limit) ranges.push({ ...range });
  }
  return ranges;
}
