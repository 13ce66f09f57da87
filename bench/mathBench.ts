// Math in answers: what it costs. Figures only (happy-dom for the DOM, the same V8 for marked
// and KaTeX as the webview's):
//  1. bundle sizes: the webview's main bundle and KaTeX's own (dist/math.js, loaded only when
//     an answer holds math), minified and gzipped, built in memory as `npm run package` does;
//  2. the lexer with and without the math extension, on ordinary and on hostile chunks;
//  3. KaTeX per expression, first and cached;
//  4. streaming a math-heavy answer against the same answer without math.
// Run: node esbuild.mjs --tests && node out/bench/mathBench.js

import { ManualFrames } from '../test/unit/webview/setupDom';
import '../test/unit/webview/mathMlShim';
import * as esbuild from 'esbuild';
import katex from 'katex';
import { Lexer } from 'marked';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { lexMarkdown, renderMarkdownInto } from '../src/webview/markdown';
import { registerMathEngine } from '../src/webview/mathRender';
import { StreamingRenderer } from '../src/webview/streamingRenderer';
import { buildAnswer } from './vscode/benchContent';

const ROOT = join(__dirname, '..', '..');

async function bundleSize(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, entry)], bundle: true, minify: true, write: false, platform: 'browser', format: 'iife', target: 'es2022', legalComments: 'none',
  });
  const bytes = result.outputFiles[0]!.contents;
  return `${(bytes.length / 1024).toFixed(0)} KB (${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KB gzipped)`;
}

function median(action: () => void, rounds = 7): number {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    action();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

/** `parts` joined by spaces, ten to a line (a line of 10,000 characters is shown as plain text). */
const lines = (parts: string[]): string => parts.map((part, index) => (index % 10 === 9 ? `${part}\n` : `${part} `)).join('');

const ms = (value: number): string => `${value.toFixed(2).padStart(8)} ms`;

/** A streamed answer's figures: ms per delta over the whole stream, and the worst frame. */
function stream(text: string): { perDelta: number; worst: number } {
  const frames = new ManualFrames();
  const renderer = new StreamingRenderer(document.createElement('div'), { requestFrame: frames.request, now: () => 0 });
  let worst = 0;
  const started = performance.now();
  let deltas = 0;
  for (let at = 0; at < text.length; at += 4, deltas++) {
    renderer.append(text.slice(at, at + 4));
    if (deltas % 4 === 3) {
      const frameStarted = performance.now();
      frames.runFrame();
      worst = Math.max(worst, performance.now() - frameStarted);
    }
  }
  frames.runFrame();
  return { perDelta: (performance.now() - started) / deltas, worst };
}

/** An answer like buildAnswer's with a formula in every paragraph of prose. */
function withMath(text: string): string {
  let count = 0;
  return text.replace(/\.\n\n/g, () => `: $a_{${count}}^2 + b^2 = c_{${count++}}^2$.\n\n`);
}

async function main(): Promise<void> {
  console.log('1. Bundles (minified, as packaged)\n');
  console.log(`   dist/webview.js (main, with the math extension and loader)  ${await bundleSize('src/webview/main.ts')}`);
  console.log(`   dist/math.js (KaTeX, loaded on first math)                   ${await bundleSize('src/webview/mathBundle.ts')}`);

  console.log('\n2. Lexing one chunk, without → with the math extension (median of 7)\n');
  const chunks: Record<string, string> = {
    'prose, 32 KB, no $': buildAnswer(32_000).replace(/\n\n/g, ' '),
    'prose, 32 KB, prices ($5 and $10)': buildAnswer(32_000).replace(/\n\n/g, ' ').replace(/\. /g, '. It costs $5 and $10. '),
    '5,000 emphasis delimiters': '*a* '.repeat(1_250) + '_b_ '.repeat(1_250),
    '6,000 inline formulas, 30 KB': lines(Array.from({ length: 6_000 }, (_, index) => `$x${index % 10}$`)),
    '30 KB of lone $ signs': lines(Array.from({ length: 15_000 }, () => '$')),
    '4,900 unclosed \\( in 30 KB': lines(Array.from({ length: 4_900 }, () => '\\(ab')),
  };
  // Both ways once first, so neither is measured while V8 still compiles it.
  for (const text of Object.values(chunks)) {
    new Lexer({ gfm: true }).lex(text);
    lexMarkdown(text);
  }
  for (const [name, text] of Object.entries(chunks)) {
    const plain = median(() => new Lexer({ gfm: true }).lex(text));
    const math = median(() => lexMarkdown(text));
    console.log(`   ${name.padEnd(36)} ${ms(plain)} → ${ms(math)}`);
  }

  console.log('\n3. KaTeX (MathML output) per expression\n');
  const formula = 'x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}';
  const first = median(() => katex.renderToString(formula, { output: 'mathml', throwOnError: false, trust: false }), 21);
  console.log(`   quadratic formula, rendered          ${ms(first)}`);
  registerMathEngine(katex);
  const cached = median(() => renderMarkdownInto(document.createElement('div'), `$${formula}$`), 21);
  const noMath = median(() => renderMarkdownInto(document.createElement('div'), 'x = b plus or minus the root'), 21);
  console.log(`   the same, whole one-line answer drawn with the cached formula ${ms(cached)} (a line without math: ${ms(noMath)})`);
  const hostile = chunks['6,000 inline formulas, 30 KB']!;
  console.log(`   6,000 inline formulas (10 distinct), one-shot render  ${ms(median(() => renderMarkdownInto(document.createElement('div'), hostile), 3))}`);
  const distinct = lines(Array.from({ length: 3_000 }, (_, index) => `$x^{${index}}$`));
  registerMathEngine(katex);
  const started = performance.now();
  renderMarkdownInto(document.createElement('div'), distinct);
  console.log(`   3,000 distinct inline formulas, one-shot render, cold cache  ${ms(performance.now() - started)}`);

  console.log('\n4. Streaming 50 KB, 4 deltas of 4 chars per frame: ms per delta, worst frame\n');
  const answer = buildAnswer(50_000);
  const mathAnswer = withMath(answer);
  stream(answer); // warm up
  const without = stream(answer);
  registerMathEngine(katex);
  const withFormulas = stream(mathAnswer);
  console.log(`   without math  ${ms(without.perDelta)} per delta, worst frame ${ms(without.worst)}`);
  console.log(`   with ${(mathAnswer.match(/\$a_/g) ?? []).length} formulas ${ms(withFormulas.perDelta)} per delta, worst frame ${ms(withFormulas.worst)}`);
}

void main();
