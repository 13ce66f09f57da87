// Streaming a long answer token by token: the streaming renderer (frozen blocks + open tail)
// against a naive full re-render of the whole markdown on every frame, in happy-dom.
// Prints figures only; happy-dom is far slower than a browser, so compare the two columns,
// not the absolute numbers. Run: node esbuild.mjs --tests && node out/bench/renderBench.js

import { ManualFrames } from '../test/unit/webview/setupDom';
import { performance } from 'node:perf_hooks';
import { renderMarkdownInto } from '../src/webview/markdown';
import { StreamingRenderer } from '../src/webview/streamingRenderer';
import { buildAnswer } from './vscode/benchContent';

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (let at = 0; at < text.length; at += 4) tokens.push(text.slice(at, at + 4));
  return tokens;
}

interface Figures {
  deltas: number;
  frames: number;
  totalMs: number;
  worstFrameMs: number;
  /** Each frame's render time, to see whether it grows as the answer does. */
  frameMs: number[];
}

function average(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

function streamWithRenderer(tokens: string[], deltasPerFrame: number): Figures {
  const frames = new ManualFrames();
  const container = document.createElement('div');
  const renderer = new StreamingRenderer(container, { requestFrame: frames.request, now: () => 0 });
  const frameMs: number[] = [];
  const started = performance.now();
  tokens.forEach((token, index) => {
    renderer.append(token);
    if ((index + 1) % deltasPerFrame === 0 || index === tokens.length - 1) {
      const frameStarted = performance.now();
      frames.runFrame();
      frameMs.push(performance.now() - frameStarted);
    }
  });
  return { deltas: tokens.length, frames: frameMs.length, totalMs: performance.now() - started, worstFrameMs: Math.max(...frameMs), frameMs };
}

function streamNaively(tokens: string[], deltasPerFrame: number): Figures {
  const container = document.createElement('div');
  let text = '';
  const frameMs: number[] = [];
  const started = performance.now();
  tokens.forEach((token, index) => {
    text += token;
    if ((index + 1) % deltasPerFrame === 0 || index === tokens.length - 1) {
      const frameStarted = performance.now();
      renderMarkdownInto(container, text);
      frameMs.push(performance.now() - frameStarted);
    }
  });
  return { deltas: tokens.length, frames: frameMs.length, totalMs: performance.now() - started, worstFrameMs: Math.max(...frameMs), frameMs };
}

function timeFullRender(text: string): number {
  const container = document.createElement('div');
  const started = performance.now();
  renderMarkdownInto(container, text);
  return performance.now() - started;
}

function row(label: string, figures: Figures): string {
  return `${label.padEnd(34)} ${String(figures.deltas).padStart(7)} deltas ${String(figures.frames).padStart(6)} frames  ` +
    `${(figures.totalMs / figures.deltas).toFixed(3).padStart(8)} ms/delta  ${(figures.totalMs / 1000).toFixed(2).padStart(8)} s total  ` +
    `worst frame ${figures.worstFrameMs.toFixed(1)} ms`;
}

const deltasPerFrame = 4;
console.log(`Streaming render benchmark (happy-dom; ${deltasPerFrame} deltas of ~4 chars per frame)\n`);

// Warm the JIT up first so the first measured run is not penalised.
streamWithRenderer(tokenize(buildAnswer(5_000)), deltasPerFrame);

// Small enough for the naive way to finish in a minute or so.
const small = tokenize(buildAnswer(5_000));
console.log(row('5 KB, streaming renderer', streamWithRenderer(small, deltasPerFrame)));
console.log(row('5 KB, naive full re-render', streamNaively(small, deltasPerFrame)));

const long = buildAnswer(200_000);
const streamed = streamWithRenderer(tokenize(long), deltasPerFrame);
console.log(row('200 KB, streaming renderer', streamed));
const tenth = Math.floor(streamed.frameMs.length / 10);
console.log(`${''.padEnd(35)}mean frame: first 10% ${average(streamed.frameMs.slice(0, tenth)).toFixed(2)} ms, ` +
  `last 10% ${average(streamed.frameMs.slice(-tenth)).toFixed(2)} ms (flat = cost does not grow with the answer)`);

// The naive way at 200 KB would take hours here; estimate it from measured full renders at
// a few sizes (a frame's cost grows with the text), integrated over the same frames.
const sizes = [25_000, 50_000, 100_000, 200_000];
const costs = sizes.map((size) => timeFullRender(long.slice(0, size)));
const msPerChar = costs.reduce((sum, cost, index) => sum + cost / sizes[index]!, 0) / sizes.length;
const averageLength = long.length / 2;
const projectedMs = streamed.frames * averageLength * msPerChar;
console.log(`200 KB, naive full re-render       one full render at ${sizes.map((size, index) => `${size / 1000} KB: ${costs[index]!.toFixed(0)} ms`).join(', ')}`);
console.log(`${''.padEnd(35)}projected ${(projectedMs / streamed.deltas).toFixed(1)} ms/delta, ${(projectedMs / 1000 / 60).toFixed(0)} min total for ${streamed.frames} frames`);
