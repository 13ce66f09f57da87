// The math delimiters (src/shared/mathDelimiters.ts) as an inline marked extension. Inline
// only: block structure, and so the code blocks the host numbers from the same text, is what
// it was without math. Display math written on lines of its own (`$$` / `\[` lines) sits in a
// paragraph, where the inline rules find it; KaTeX draws it as a block.
//
// Marked asks an extension where it might start after every piece of text it takes, handing it
// the rest of the paragraph, and calls its tokenizer at every position. Searching that rest each
// time, or reading the character before from the growing text token, costs the paragraph's
// length each time: quadratic over a chunk of lone `$` signs or thousands of formulas. So the
// lexer tells the extension which inline text it is working through (trackInlineSources), whose
// candidates are found once; each question is then a binary search and a character lookup.

import type { Lexer, Token, TokenizerAndRendererExtension, TokenizerThis, Tokens } from 'marked';
import { firstCandidateFrom, mathCandidates, matchMath, mayOpenAfter } from '../shared/mathDelimiters';
import { renderMathHtml } from './mathRender';

interface MathToken extends Tokens.Generic {
  type: 'math';
  raw: string;
  tex: string;
  display: boolean;
}

interface InlineSource {
  text: string;
  /** Where math could start in `text`, found on first need. */
  candidates?: number[];
}

const inlineSources = new WeakMap<object, InlineSource[]>();

/** Makes `lexer` tell the math extension which inline text it is lexing (nested texts included). */
export function trackInlineSources(lexer: Lexer): void {
  const stack: InlineSource[] = [];
  inlineSources.set(lexer, stack);
  const inlineTokens = lexer.inlineTokens.bind(lexer);
  lexer.inlineTokens = (src: string, tokens?: Token[]): Token[] => {
    stack.push({ text: src });
    try {
      return inlineTokens(src, tokens);
    } finally {
      stack.pop();
    }
  };
}

/** The inline text `rest` is the end of, and where `rest` begins in it. */
function locate(lexer: object, rest: string): { source: InlineSource; offset: number } | undefined {
  const source = inlineSources.get(lexer)?.at(-1);
  return source && rest.length <= source.text.length ? { source, offset: source.text.length - rest.length } : undefined;
}

/** Candidates of `source`, less a `$` right after a letter or digit (it opens nothing). */
function candidatesOf(source: InlineSource): number[] {
  source.candidates ??= mathCandidates(source.text).filter((at) => source.text[at] !== '$' || mayOpenAfter(source.text[at - 1]));
  return source.candidates;
}

export const mathExtension: TokenizerAndRendererExtension = {
  name: 'math',
  level: 'inline',
  start(this: TokenizerThis, src: string): number | undefined {
    const where = locate(this.lexer, src);
    if (!where) return mathCandidates(src)[0];
    const candidates = candidatesOf(where.source);
    const next = candidates[firstCandidateFrom(candidates, where.offset)];
    return next === undefined ? undefined : next - where.offset;
  },
  tokenizer(this: TokenizerThis, src: string): MathToken | undefined {
    if (src[0] !== '$' && src[0] !== '\\') return undefined;
    const where = locate(this.lexer, src);
    const before = where && where.offset > 0 ? where.source.text[where.offset - 1] : undefined;
    const span = matchMath(src, before);
    return span ? { type: 'math', raw: span.raw, tex: span.tex, display: span.display } : undefined;
  },
  renderer(token: Tokens.Generic): string {
    const { raw, tex, display } = token as MathToken;
    return renderMathHtml({ raw, tex, display });
  },
};
