// Fenced and indented code blocks of an answer, in document order. The webview numbers the
// blocks it renders in the same order, so "block 2" means the same code on both sides of the
// bridge and the host never takes code text from the webview.

import { Lexer, type Token, type Tokens } from 'marked';

export interface CodeBlock {
  /** The info string's first word (`ts` in ```ts), or '' when none. */
  language: string;
  code: string;
}

function collect(tokens: Token[], into: CodeBlock[]): void {
  for (const token of tokens) {
    if (token.type === 'code') {
      const code = token as Tokens.Code;
      into.push({ language: (code.lang ?? '').trim().split(/\s+/)[0] ?? '', code: code.text });
    }
    const nested = token as { tokens?: Token[]; items?: Token[] };
    if (nested.items) collect(nested.items, into);
    if (nested.tokens) collect(nested.tokens, into);
  }
}

export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  collect(new Lexer({ gfm: true }).lex(markdown), blocks);
  return blocks;
}
