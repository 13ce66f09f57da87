// Where math starts and ends in an answer's inline text: `$…$` and `\(…\)` inline, `$$…$$`
// and `\[…\]` displayed. Pure rules, used by the webview's marked extension (the parser only
// asks inside paragraphs, headings, list items and table cells: never inside code spans or
// fenced code, which it has taken out first).
//
// Dollar signs are also money and shell variables, so a single `$` opens math only as pandoc
// has it, a little stricter: a character other than a space or `$` right after the opening
// `$`, none right before the closing one, no letter, digit or `{` right after the closing
// one, no letter or digit right before the opening one, all on one line. The first unescaped `$`
// after the opener decides: if it cannot close, there is no math (so in `$5 and $10` and in
// `$HOME/$USER` nothing is). `\$` is a dollar sign everywhere (marked takes it as an escape
// before these rules see it). A backtick inside ends the attempt, so a code span that holds
// a `$` stays a code span. `\[…\]` also writes escaped brackets in markdown (`a\[0\]`), so it
// is math only when its text looks like math (see `looksDisplayed`).

/**
 * Longest TeX looked for between two delimiters. A longer one is not math (it stays text): the
 * search for a closer stops there, so a paragraph of thousands of unclosed `\(` costs each of
 * them this much, not the rest of the paragraph.
 */
export const maxMathSourceChars = 2_000;

export interface MathSpan {
  /** The whole source, delimiters included. */
  raw: string;
  /** The TeX between the delimiters. */
  tex: string;
  display: boolean;
}

const isSpace = (char: string | undefined): boolean => char === ' ' || char === '\t' || char === '\n' || char === '\r';
const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/**
 * Index of the first unescaped `closer` in `src` at or after `from`, or -1. A backslash takes
 * the next character with it (`\$` inside math is a dollar sign, `\\` a line break). Stops
 * at a backtick (code span) and, unless `multiline`, at a newline.
 */
function findCloser(src: string, from: number, closer: string, multiline: boolean): number {
  const end = Math.min(src.length, from + maxMathSourceChars + 1);
  for (let at = from; at < end; at++) {
    const char = src[at];
    if (src.startsWith(closer, at)) return at;
    if (char === '\\') {
      at++;
      continue;
    }
    if (char === '`') return -1;
    if (char === '\n') {
      if (!multiline) return -1;
      // A blank line ends a paragraph; the parser never hands one over, but stay safe.
      if (src[at + 1] === '\n') return -1;
    }
  }
  return -1;
}

function inlineDollar(src: string, before: string | undefined): MathSpan | undefined {
  if (isWordChar(before)) return undefined;
  const first = src[1];
  if (first === undefined || isSpace(first) || first === '$') return undefined;
  const close = findCloser(src, 1, '$', false);
  // After the closer: no letter or digit (`$HOME/$USER`), no brace (`${HOME}/${USER}`).
  if (close < 0 || isSpace(src[close - 1]) || isWordChar(src[close + 1]) || src[close + 1] === '{') return undefined;
  return { raw: src.slice(0, close + 1), tex: src.slice(1, close), display: false };
}

function delimited(src: string, opener: string, closer: string, display: boolean): MathSpan | undefined {
  const close = findCloser(src, opener.length, closer, true);
  if (close < 0) return undefined;
  const tex = src.slice(opener.length, close);
  if (tex.trim() === '') return undefined;
  return { raw: src.slice(0, close + closer.length), tex, display };
}

/** `\[…\]` is math when it begins with a space or line break or holds a TeX-ish character. */
function looksDisplayed(tex: string): boolean {
  return isSpace(tex[0]) || /[\\^_={}+]/.test(tex);
}

/**
 * The math at the very start of `src`, or undefined. `before` is the character just before
 * `src` in the text (undefined at its start).
 */
export function matchMath(src: string, before: string | undefined): MathSpan | undefined {
  if (src.startsWith('$$')) return delimited(src, '$$', '$$', true);
  if (src.startsWith('$')) return inlineDollar(src, before);
  if (src.startsWith('\\(')) return delimited(src, '\\(', '\\)', false);
  if (src.startsWith('\\[')) {
    const span = delimited(src, '\\[', '\\]', true);
    return span && looksDisplayed(span.tex) ? span : undefined;
  }
  return undefined;
}

const candidatePattern = /\$|\\[[(]/g;

/** Every index of `text` where math could start (a `$`, `\(` or `\[`), ascending. */
export function mathCandidates(text: string): number[] {
  const found: number[] = [];
  candidatePattern.lastIndex = 0;
  for (let match = candidatePattern.exec(text); match; match = candidatePattern.exec(text)) found.push(match.index);
  return found;
}

/** The first of `candidates` (ascending) at or after `from`: its position in the list. */
export function firstCandidateFrom(candidates: readonly number[], from: number): number {
  let low = 0;
  let high = candidates.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (candidates[middle]! < from) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether a `$` right after `before` could open inline math (not US$5, not a$b). */
export function mayOpenAfter(before: string | undefined): boolean {
  return !isWordChar(before);
}

/** The delimiters of a math span, to show it as its source again. */
export function mathSource(tex: string, display: boolean): string {
  return display ? `$$${tex}$$` : `$${tex}$`;
}
