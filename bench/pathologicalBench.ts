// What the markdown pipeline costs on answers it cannot handle, and what the render plan
// (src/shared/renderPlan.ts) makes of them. Three tables, in happy-dom (slower than a browser
// for DOM work, the same V8 for marked and highlight.js):
//  1. each stage unguarded (marked lex, marked parse, DOMPurify + DOM, highlight.js) at growing
//     sizes, to see how each grows and where it breaks (stack overflow, seconds);
//  2. the same inputs just inside the limits: what a chunk the plan lets through can cost;
//  3. the cases at full size through the guarded one-shot render and the streaming
//     renderer (worst frame), which must both stay short.
// Run: node esbuild.mjs --tests && node out/bench/pathologicalBench.js

import { ManualFrames } from '../test/unit/webview/setupDom';
import { performance } from 'node:perf_hooks';
import { Lexer } from 'marked';
import { renderLimits } from '../src/shared/renderPlan';
import { planMarkdown } from '../src/shared/renderPlan';
import { highlightCode } from '../src/webview/highlight';
import { renderMarkdownInto, renderTokens } from '../src/webview/markdown';
import { sanitizeToFragment } from '../src/webview/sanitize';
import { StreamingRenderer } from '../src/webview/streamingRenderer';
import { pathologicalCases, type PathologicalCase } from '../test/support/pathologicalAnswers';

function time(action: () => void): number | string {
  const started = performance.now();
  try {
    action();
  } catch (error) {
    return `throws (${(error as Error).name})`;
  }
  return performance.now() - started;
}

function show(value: number | string): string {
  return (typeof value === 'number' ? `${value.toFixed(0)} ms` : value).padStart(24);
}

function stages(text: string): string {
  let tokens: ReturnType<Lexer['lex']> | undefined;
  const lex = time(() => {
    tokens = new Lexer({ gfm: true }).lex(text);
  });
  let html = '';
  const parse = tokens ? time(() => {
    html = renderTokens(tokens!).html;
  }) : '-';
  const dom = html ? time(() => document.createElement('div').append(sanitizeToFragment(html))) : '-';
  return `lex ${show(lex)}  parse ${show(parse)}  sanitize+DOM ${show(dom)}`;
}

console.log('1. Unguarded stages at growing sizes (stops a case once a stage passes 2 s or throws)\n');
for (const testCase of pathologicalCases) {
  for (const size of testCase.growth) {
    const text = testCase.build(size);
    const line = stages(text);
    console.log(`${testCase.name.padEnd(22)} n=${String(size).padStart(7)} ${String(text.length).padStart(9)} chars  ${line}`);
    if (/throws|[2-9]\d{3,} ms|\d{5,} ms/.test(line)) break;
  }
}

console.log('\n   highlight.js on a TypeScript block');
for (const lines of [1_000, 5_000, 20_000]) {
  const code = 'const value: number = compute(1, "two", [3]); // note\n'.repeat(lines);
  console.log(`${'hljs typescript'.padEnd(22)} ${String(lines).padStart(7)} lines ${String(code.length).padStart(9)} chars  ${show(time(() => highlightCode(code, 'typescript')))}`);
}

console.log('\n2. Just inside the limits (what one chunk the plan lets through costs at worst)\n');
/** Lines of `line` up to `chars`, so a case fills a chunk exactly to a limit. */
function fill(line: string, chars: number): string {
  return line.repeat(Math.max(1, Math.floor(chars / line.length)));
}

const nestedList8 = Array.from({ length: 8 }, (_, depth) => `${'  '.repeat(depth)}- item`).join('\n') + '\n';
const insideLimits: Record<string, string> = {
  'nested quotes x16 lines, to the nesting work limit': fill(`${'> '.repeat(16)}quoted text\n`, renderLimits.maxNestingWork / 16),
  'nested list x8 (2-space), to the nesting work limit': fill(nestedList8, renderLimits.maxNestingWork / 10),
  'nested list x16 (2-space), 32 KB (over the limit)': fill(Array.from({ length: 16 }, (_, depth) => `${'  '.repeat(depth)}- item`).join('\n') + '\n', renderLimits.maxTextChunkChars),
  [`'_*x' up to ${renderLimits.maxEmphasisDelimiters} emphasis delimiters`]: fill('_*x', renderLimits.maxEmphasisDelimiters * 1.5),
  [`'*a' up to ${renderLimits.maxEmphasisDelimiters} emphasis delimiters`]: fill('*a', renderLimits.maxEmphasisDelimiters * 2),
  [`'[a](' up to ${renderLimits.maxDelimiters} delimiters`]: fill('[a](', renderLimits.maxDelimiters * 2),
  [`'~<' up to ${renderLimits.maxDelimiters} delimiters`]: fill('~<a ', renderLimits.maxDelimiters * 2),
  [`table of ${renderLimits.maxTextChunkChars} chars`]: '| a | b | c |\n|---|---|---|\n' + fill('| x | y | z |\n', renderLimits.maxTextChunkChars - 40),
  [`prose of ${renderLimits.maxTextChunkChars} chars, one chunk`]: fill('Some **ordinary** words in a `sentence`, [linked](https://example.com).\n', renderLimits.maxTextChunkChars - 100),
};
for (const [name, text] of Object.entries(insideLimits)) {
  const plan = planMarkdown(text);
  const verdict = plan.length === 1 && plan[0]!.kind === 'markdown' ? 'markdown' : plan.map((segment) => segment.kind).join('+');
  console.log(`${name.padEnd(48)} ${String(text.length).padStart(7)} chars (${verdict})  ${stages(text)}`);
}

function guarded(testCase: PathologicalCase): string {
  const text = testCase.build(testCase.full);
  const plan = time(() => planMarkdown(text));
  const oneShot = time(() => renderMarkdownInto(document.createElement('div'), text));
  const frames = new ManualFrames();
  const renderer = new StreamingRenderer(document.createElement('div'), { requestFrame: frames.request, now: () => 0 });
  let worst = 0;
  const step = Math.max(64, Math.ceil(text.length / 200));
  for (let at = 0; at < text.length; at += step) {
    renderer.append(text.slice(at, at + step));
    const started = performance.now();
    frames.runFrame();
    worst = Math.max(worst, performance.now() - started);
  }
  return `${String(text.length).padStart(9)} chars  plan ${show(plan)}  one-shot ${show(oneShot)}  streamed worst frame ${show(worst)}`;
}

console.log('\n3. Full-size cases through the guarded renderers\n');
for (const testCase of pathologicalCases) console.log(`${testCase.name.padEnd(22)} ${guarded(testCase)}`);
