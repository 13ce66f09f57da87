// Fenced and indented code blocks of an answer, in document order. The webview numbers the
// blocks it renders in the same order, so "block 2" means the same code on both sides of the
// bridge and the host never takes code text from the webview.
//
// Both sides follow the same render plan (renderPlan.ts): only markdown segments are parsed,
// each on its own, and a plain segment (too nested or too long to format) has no code blocks.

import { Lexer, type Token, type Tokens } from 'marked';
import { normalizeLineEndings, planMarkdown } from './renderPlan';

export interface CodeBlock {
  /** The info string's first word (`ts` in ```ts), or '' when none. */
  language: string;
  code: string;
}

/** The code blocks inside `tokens` (at any depth), appended to `into` in document order. */
export function collectCodeBlocks(tokens: readonly Token[], into: CodeBlock[] = []): CodeBlock[] {
  for (const token of tokens) {
    if (token.type === 'code') {
      const code = token as Tokens.Code;
      into.push({ language: (code.lang ?? '').trim().split(/\s+/)[0] ?? '', code: code.text });
    }
    const nested = token as { tokens?: Token[]; items?: Token[] };
    if (nested.items) collectCodeBlocks(nested.items, into);
    if (nested.tokens) collectCodeBlocks(nested.tokens, into);
  }
  return into;
}

/** Block tokens of one markdown segment, or undefined if the parser fails on it (then it has no blocks). */
export function lexSegment(text: string): Token[] | undefined {
  try {
    return new Lexer({ gfm: true }).lex(text);
  } catch {
    return undefined;
  }
}

export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const text = normalizeLineEndings(markdown);
  const blocks: CodeBlock[] = [];
  for (const segment of planMarkdown(text)) {
    if (segment.kind !== 'markdown') continue;
    const tokens = lexSegment(text.slice(segment.start, segment.end));
    if (tokens) collectCodeBlocks(tokens, blocks);
  }
  return blocks;
}
