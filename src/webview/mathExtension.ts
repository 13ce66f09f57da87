// The math delimiters (src/shared/mathDelimiters.ts) as an inline marked extension. Inline
// only: block structure, and so the code blocks the host numbers from the same text, is what
// it was without math. Display math written on lines of its own (`$$` / `\[` lines) sits in a
// paragraph, where the inline rules find it; KaTeX draws it as a block.

import type { TokenizerAndRendererExtension, Tokens } from 'marked';
import { matchMath, nextMathStart } from '../shared/mathDelimiters';
import { renderMathHtml } from './mathRender';

interface MathToken extends Tokens.Generic {
  type: 'math';
  raw: string;
  tex: string;
  display: boolean;
}

export const mathExtension: TokenizerAndRendererExtension = {
  name: 'math',
  level: 'inline',
  start(src: string): number | undefined {
    const index = nextMathStart(src);
    return index < 0 ? undefined : index;
  },
  tokenizer(src: string, tokens: Tokens.Generic[]): MathToken | undefined {
    // The character before: a `$` right after a letter or digit (US$5) opens nothing.
    const before = tokens.at(-1)?.raw.at(-1);
    const span = matchMath(src, before);
    return span ? { type: 'math', raw: span.raw, tex: span.tex, display: span.display } : undefined;
  },
  renderer(token: Tokens.Generic): string {
    const { raw, tex, display } = token as MathToken;
    return renderMathHtml({ raw, tex, display });
  },
};
