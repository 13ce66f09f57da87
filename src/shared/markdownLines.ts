// Line-level tests for the render plan (renderPlan.ts): each looks at one line of an answer
// by character codes, in time linear in what it reads, with no regular expressions. They
// answer cheaply what the markdown parser would otherwise find out expensively.

const SPACE = 0x20;
const TAB = 0x09;
const BACKTICK = 0x60;
const TILDE = 0x7e;
const GREATER = 0x3e;
const LESS = 0x3c;

/** `*` and `_`: emphasis, which the parser matches in time quadratic in their number. */
export function isEmphasisDelimiter(code: number): boolean {
  return code === 0x2a || code === 0x5f;
}

/** `*_[]<>!~\&` and the backtick: what the inline parser works hardest on. */
export function isDelimiter(code: number): boolean {
  return (
    code === 0x2a || code === 0x5f || code === 0x5b || code === 0x5d || code === LESS || code === GREATER ||
    code === 0x21 || code === TILDE || code === 0x5c || code === 0x26 || code === BACKTICK
  );
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * An upper bound on how deeply the line at `start` nests containers: each leading `>` and
 * list marker counts one, and every two columns of indentation count one. Linear in the
 * line's leading part.
 */
export function nestingOf(text: string, start: number, end: number): number {
  let depth = 0;
  let columns = 0;
  let at = start;
  while (at < end) {
    const code = text.charCodeAt(at);
    if (code === SPACE) {
      columns++;
      at++;
    } else if (code === TAB) {
      columns += 4;
      at++;
    } else if (code === GREATER) {
      depth++;
      at++;
    } else if ((code === 0x2d || code === 0x2b || code === 0x2a) && (at + 1 >= end || text.charCodeAt(at + 1) === SPACE || text.charCodeAt(at + 1) === TAB)) {
      depth++;
      at++;
    } else if (isDigit(code)) {
      let next = at;
      while (next < end && next - at < 10 && isDigit(text.charCodeAt(next))) next++;
      const marker = text.charCodeAt(next);
      if ((marker === 0x2e || marker === 0x29) && (next + 1 >= end || text.charCodeAt(next + 1) === SPACE)) {
        depth++;
        at = next + 1;
      } else {
        break;
      }
    } else {
      break;
    }
  }
  return depth + Math.floor(columns / 2);
}

export interface Fence {
  char: number;
  length: number;
}

/**
 * A fence opener as the parser would surely read it: at column 0 (an indented fence may sit
 * in a list item that ends earlier than the fence would), three or more backticks or tildes,
 * and for backticks no backtick in the info string. Being strict here only ever makes text
 * be checked as prose, never lets prose through unchecked as code.
 */
export function fenceOpener(text: string, start: number, end: number): Fence | undefined {
  const char = text.charCodeAt(start);
  if (char !== BACKTICK && char !== TILDE) return undefined;
  let at = start;
  while (at < end && text.charCodeAt(at) === char) at++;
  const length = at - start;
  if (length < 3) return undefined;
  if (char === BACKTICK) {
    for (let rest = at; rest < end; rest++) if (text.charCodeAt(rest) === BACKTICK) return undefined;
  }
  return { char, length };
}

/** Liberal on purpose (any indentation, anything after): leaving code early is the safe side. */
export function closesFence(text: string, start: number, end: number, fence: Fence): boolean {
  let at = start;
  while (at < end && (text.charCodeAt(at) === SPACE || text.charCodeAt(at) === TAB)) at++;
  let run = 0;
  while (at + run < end && text.charCodeAt(at + run) === fence.char) run++;
  return run >= fence.length;
}

export function isBlank(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code !== SPACE && code !== TAB) return false;
  }
  return true;
}

/** An HTML block begins: the parser does not look for fences in it until a blank line. */
export function startsHtml(text: string, start: number, end: number): boolean {
  let at = start;
  while (at < end && at - start < 4 && text.charCodeAt(at) === SPACE) at++;
  return at - start < 4 && text.charCodeAt(at) === LESS;
}

/**
 * Whether the line begins a new inline context for the parser (a list item, a heading or a
 * table row): emphasis is matched within one context, so its delimiter count restarts there.
 * Quote markers do not restart it (a quoted paragraph spans lines).
 */
export function startsInlineContext(text: string, start: number, end: number): boolean {
  let at = start;
  while (at < end) {
    const code = text.charCodeAt(at);
    if (code !== SPACE && code !== TAB && code !== GREATER) break;
    at++;
  }
  if (at >= end) return false;
  const code = text.charCodeAt(at);
  if (code === 0x23 || code === 0x7c) return true; // # heading, | table row
  const next = at + 1 < end ? text.charCodeAt(at + 1) : SPACE;
  if ((code === 0x2d || code === 0x2b || code === 0x2a) && (next === SPACE || next === TAB)) return true;
  let digits = at;
  while (digits < end && digits - at < 10 && isDigit(text.charCodeAt(digits))) digits++;
  return digits > at && (text.charCodeAt(digits) === 0x2e || text.charCodeAt(digits) === 0x29);
}
