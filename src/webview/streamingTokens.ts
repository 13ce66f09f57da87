// Pure helpers over marked's top-level tokens for the streaming renderer: which blocks are
// finished, which link definitions they hold, how much text they cover.

import type { Links, Token } from 'marked';

/** Top-level tokens before the second-to-last non-space token: they can no longer change. */
export function countFinishedTokens(tokens: Token[]): number {
  let seen = 0;
  for (let index = tokens.length - 1; index >= 0; index--) {
    if (tokens[index]!.type === 'space') continue;
    seen++;
    if (seen === 2) return index;
  }
  return 0;
}

/** Reference definitions found anywhere inside `tokens` (first one wins, as in the lexer). */
export function addDefinitions(tokens: readonly Token[], into: Links): void {
  for (const token of tokens) {
    if (token.type === 'def' && !Object.hasOwn(into, token.tag)) {
      into[token.tag] = { href: token.href, title: token.title };
    }
    const nested = token as { tokens?: Token[]; items?: Token[] };
    if (nested.items) addDefinitions(nested.items, into);
    if (nested.tokens) addDefinitions(nested.tokens, into);
  }
}

export function sameLinks(a: Links, b: Links): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && a[key]!.href === b[key]!.href && a[key]!.title === b[key]!.title);
}

export function sumRawLength(tokens: readonly Token[]): number {
  let length = 0;
  for (const token of tokens) length += token.raw.length;
  return length;
}
