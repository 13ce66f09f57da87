// One math expression → HTML for the sanitizer: KaTeX's MathML (Chromium draws MathML Core
// itself, so no fonts or CSS ship and the CSP stays as it is), bounded and inert whatever the
// model writes: no \href, \url, \html… or \includegraphics (trust: false), sizes capped, macro
// expansion capped, a cap on the expression's length, and any error shown as the plain source.
//
// KaTeX itself is a separate script (dist/math.js, see mathLoader.ts) that registers itself
// here, loaded the first time an answer holds math. Until it is there, math is drawn as its
// source in a `math-pending` span, and drawn properly once it has loaded.
//
// Each expression is rendered once: the HTML is kept by source, so the open tail of a
// streaming answer, drawn again each frame, does not run KaTeX again for math it has shown.

import { maxMathSourceChars, type MathSpan } from '../shared/mathDelimiters';
import { escapeHtml } from './highlight';
import type { MathEngine } from './mathEngine';
import { formatNumber, t } from '../shared/l10n';

export const mathLimits = {
  /** Longest TeX of one expression (the delimiter rules do not find a longer one). */
  maxTexChars: maxMathSourceChars,
  /** Largest size an expression may ask for (\rule, \kern, \hspace…), in em. */
  maxSizeEm: 10,
  /** Most macro expansions in one expression (KaTeX's default is 1000). */
  maxExpand: 200,
  /** Characters of rendered HTML kept for reuse; the oldest go first. */
  maxCachedChars: 2_000_000,
  /**
   * Most expressions drawn as math in one top-level block (a paragraph, a list, a table); the
   * rest show their source. Each is a small MathML tree: thousands in one block would cost the
   * frame that draws it seconds (bench/mathBench.ts).
   */
  maxExpressionsPerBlock: 200,
} as const;

/** KaTeX's options for every expression (also what test/unit/build/mathBundle.test.ts renders with). */
export const katexOptions = {
  output: 'mathml',
  throwOnError: false,
  trust: false,
  strict: 'ignore',
  maxSize: mathLimits.maxSizeEm,
  maxExpand: mathLimits.maxExpand,
} as const;

let engine: MathEngine | undefined;
let blockBudget: number = mathLimits.maxExpressionsPerBlock;
let engineWanted: (() => void) | undefined;
const cache = new Map<string, string>();
let cachedChars = 0;

/** Called by the loader once the math script has run (undefined: none, for tests). */
export function registerMathEngine(loaded: MathEngine | undefined): void {
  engine = loaded;
  cache.clear();
  cachedChars = 0;
}

export function hasMathEngine(): boolean {
  return engine !== undefined;
}

/** What to call the first time math needs an engine that is not there yet (the loader). */
export function onMathEngineWanted(callback: (() => void) | undefined): void {
  engineWanted = callback;
}

/** The source as text: unrendered (`reason` says why, in the tooltip). */
function sourceHtml(span: MathSpan, className: string, reason: string): string {
  return `<span class="${className}" title="${escapeHtml(reason)}">${escapeHtml(span.raw)}</span>`;
}

function errorMessage(html: string): string {
  const title = /^<span class="katex-error" title="([^"]*)"/.exec(html)?.[1];
  return title ? title.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : t('Not valid TeX');
}

function renderWith(current: MathEngine, span: MathSpan): string {
  let html: string;
  try {
    html = current.renderToString(span.tex, { ...katexOptions, displayMode: span.display });
  } catch (error) {
    // ParseErrors come back as katex-error markup; anything else (a stack overflow) lands here.
    return sourceHtml(span, 'math-source math-error', t('Math not shown: {0}', error instanceof Error ? error.message : String(error)));
  }
  if (html.startsWith('<span class="katex-error"')) return sourceHtml(span, 'math-source math-error', errorMessage(html));
  return `<span class="math ${span.display ? 'math-display' : 'math-inline'}">${html}</span>`;
}

function remember(key: string, html: string): void {
  cache.set(key, html);
  cachedChars += key.length + html.length;
  for (const [oldKey, oldHtml] of cache) {
    if (cachedChars <= mathLimits.maxCachedChars) break;
    cache.delete(oldKey);
    cachedChars -= oldKey.length + oldHtml.length;
  }
}

/** Called before each top-level block is drawn: its expressions count from zero. */
export function startMathBlock(): void {
  blockBudget = mathLimits.maxExpressionsPerBlock;
}

/** Unsanitized HTML for one math span: only ever passed on to the sanitizer with the rest. */
export function renderMathHtml(span: MathSpan): string {
  if (span.tex.length > mathLimits.maxTexChars) {
    return sourceHtml(span, 'math-source', t('Math not shown: longer than {0} characters', formatNumber(mathLimits.maxTexChars)));
  }
  blockBudget--;
  if (blockBudget === -1) {
    return sourceHtml(span, 'math-source', t('Math not shown from here on: more than {0} formulas in one block', formatNumber(mathLimits.maxExpressionsPerBlock)));
  }
  // Past the first one over the count, plain text: thousands of spans would cost what the count saves.
  if (blockBudget < -1) return escapeHtml(span.raw);
  if (!engine) {
    engineWanted?.();
    return sourceHtml(span, 'math-source math-pending', t('Math is loading'));
  }
  const key = `${span.display ? 'D' : 'I'}${span.tex}`;
  const cached = cache.get(key);
  if (cached !== undefined) {
    // Most recently used last, so it is evicted last.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const html = renderWith(engine, span);
  remember(key, html);
  return html;
}

/** How many expressions are kept (for tests). */
export function cachedMathCount(): number {
  return cache.size;
}
