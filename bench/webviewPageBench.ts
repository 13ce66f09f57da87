// The chat webview alone in headless Chromium (no code-server, no extension host): the built
// dist/webview.js and media/chat.css in a page, driven with the host's messages. A quick
// profile of what the real-VS-Code bench (vscodeRenderBench.ts) measures in the webview: how
// long a 500-message, 2 MB conversation takes to draw, where the main thread spends it
// (script, layout, style: CDP Performance metrics), and the main thread's cost per streamed
// delta with 500 messages above the answer against none. Light enough to run without the
// shared lock. Run: `node esbuild.mjs && node esbuild.mjs --tests && node out/bench/webviewPageBench.js`
// (COMPLETIONS_CHAT_PAGE_PROFILE=1 adds the functions that took most time during an open).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../test/support/codeServer';
import { buildAnswer, historyConversation, splitInto } from './vscode/benchContent';
import { mainThreadParts, partsBetween, type MainThreadParts } from './vscode/answerRound';
import { firstStateStart } from '../src/shared/firstState';

const ROOT = join(__dirname, '..', '..');
const ROUNDS = Number(process.env.COMPLETIONS_CHAT_PAGE_ROUNDS ?? 3);

function pageHtml(): string {
  // COMPLETIONS_CHAT_PAGE_CSS: extra rules, to compare (e.g. `.entries > .entry { content-visibility: visible }`).
  const css = readFileSync(join(ROOT, 'media', 'chat.css'), 'utf8') + (process.env.COMPLETIONS_CHAT_PAGE_CSS ?? '');
  const script = readFileSync(join(ROOT, 'dist', 'webview.js'), 'utf8');
  const api = 'window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return undefined; }, setState() {} });';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${css}</style></head>` +
    `<body style="height:100vh;margin:0"><div id="app" style="height:100%"></div><script>${api}</script><script>${script}</script></body></html>`;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const parts = (p: MainThreadParts): string => `main ${p.task.toFixed(0)} ms (script ${p.script.toFixed(0)}, layout ${p.layout.toFixed(0)}, style ${p.style.toFixed(0)})`;

/** A fresh page with the webview; returns its CDP session. */
async function freshPage(page: Page, html: string): Promise<CDPSession> {
  await page.setContent(html);
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable', { timeDomain: 'threadTicks' });
  return session;
}

/** Posts the state with `messages` entries; ms from its dispatch to the next animation frame, and the parts. */
async function open(page: Page, session: CDPSession, messages: number, settle = true): Promise<{ drawnMs: number; parts: MainThreadParts; settledMs: number }> {
  const whole = messages > 0 ? historyConversation('c', messages, 2_000_000).conversation : { id: 'c', title: 't', model: 'm', entries: [], createdAt: 1, updatedAt: 1 };
  // COMPLETIONS_CHAT_PAGE_FIRST=1: only the newest entries, as the host's first `state` holds them.
  const conversation = process.env.COMPLETIONS_CHAT_PAGE_FIRST ? { ...whole, entries: whole.entries.slice(firstStateStart(whole.entries)) } : whole;
  const before = await mainThreadParts([session]);
  const timing = await page.evaluate(
    ({ state, settle }) =>
      new Promise<{ drawnMs: number; settledMs: number }>((resolve) => {
        const start = performance.now();
        window.addEventListener('message', () => {
          requestAnimationFrame(() => {
            const drawnMs = performance.now() - start;
            // Then until no answer waits to be drawn.
            const poll = () => (settle && document.querySelector('.entry-pending') ? setTimeout(poll, 20) : resolve({ drawnMs, settledMs: performance.now() - start }));
            poll();
          });
        }, { once: true });
        window.postMessage({ type: 'state', state }, '*');
      }),
    { state: { conversation, hasToken: true, origin: 'https://x', busy: false }, settle },
  );
  return { ...timing, parts: partsBetween(before, await mainThreadParts([session])) };
}

/**
 * Streams a 50 KB answer in 5,000 deltas, `perFrame` of them in one message per frame (80: a
 * fast stream as the host's pacer joins it; 12: one token per ms, ~420 messages as in the real
 * bench's paced round; 5,000: the answer in one piece); main-thread parts.
 */
async function stream(page: Page, session: CDPSession, perFrame = 80): Promise<MainThreadParts> {
  const deltas = splitInto(buildAnswer(50_000), 5_000);
  const before = await mainThreadParts([session]);
  await page.evaluate(
    ({ all, perFrame }) =>
      new Promise<void>((resolve) => {
        const post = (message: unknown) => window.postMessage(message, '*');
        post({ type: 'entryAdded', entry: { id: 'q-new', role: 'user', text: 'new question', createdAt: 1 } });
        post({ type: 'entryAdded', entry: { id: 'a-new', role: 'assistant', candidates: [{ content: '' }], chosen: 0, status: 'streaming', model: 'm', createdAt: 1 } });
        let at = 0;
        if (perFrame === 0) {
          // Stream off: the answer arrives whole, in the update that finishes it.
          post({ type: 'entryUpdated', entry: { id: 'a-new', role: 'assistant', candidates: [{ content: all.join(''), finishReason: 'stop' }], chosen: 0, status: 'done', model: 'm', createdAt: 1 } });
          requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
          return;
        }
        const frame = () => {
          const parts = all.slice(at, at + perFrame).map((content) => ({ index: 0, content }));
          at += perFrame;
          post({ type: 'delta', entryId: 'a-new', parts });
          if (at < all.length) {
            requestAnimationFrame(frame);
            return;
          }
          post({ type: 'entryUpdated', entry: { id: 'a-new', role: 'assistant', candidates: [{ content: all.join(''), finishReason: 'stop' }], chosen: 0, status: 'done', model: 'm', createdAt: 1 } });
          requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        };
        requestAnimationFrame(frame);
      }),
    { all: deltas, perFrame },
  );
  return partsBetween(before, await mainThreadParts([session]));
}

/** The functions with the most self time from a 500-message state's arrival to the next frame. */
async function profileOpen(page: Page, html: string): Promise<string[]> {
  const session = await freshPage(page, html);
  await session.send('Profiler.enable');
  await session.send('Profiler.start');
  await open(page, session, 500, false);
  const { profile } = await session.send('Profiler.stop');
  const self = new Map<string, number>();
  const counts = new Map<number, number>();
  for (const sample of profile.samples ?? []) counts.set(sample, (counts.get(sample) ?? 0) + 1);
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    const key = `${frame.functionName || '(anonymous)'}:${frame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (counts.get(node.id) ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([key, count]) => `${((100 * count) / total).toFixed(1)}% ${key}`);
}

/** Self time by function of a profile, the top 25, in % of the samples. */
function topSelf(profile: { nodes: { id: number; callFrame: { functionName: string; lineNumber: number } }[]; samples?: number[] }): string[] {
  const self = new Map<string, number>();
  const counts = new Map<number, number>();
  for (const sample of profile.samples ?? []) counts.set(sample, (counts.get(sample) ?? 0) + 1);
  for (const node of profile.nodes) {
    const key = `${node.callFrame.functionName || '(anonymous)'}:${node.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (counts.get(node.id) ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([key, count]) => `${((100 * count) / total).toFixed(1)}% ${key}`);
}

/** A paced answer under Chrome's tracing: the main thread's time by trace event (nested events overlap). */
async function traceStream(page: Page, html: string): Promise<string[]> {
  const session = await freshPage(page, html);
  await open(page, session, 0);
  const events: { name: string; ph: string; dur?: number; tid: number; args?: unknown }[] = [];
  session.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as typeof events)));
  const done = new Promise<void>((resolve) => session.once('Tracing.tracingComplete', () => resolve()));
  // COMPLETIONS_CHAT_PAGE_TRACE_CATEGORIES: more categories (e.g. invalidation tracking);
  // COMPLETIONS_CHAT_PAGE_TRACE_FILE: where to write the raw events, for a closer look.
  const extra = process.env.COMPLETIONS_CHAT_PAGE_TRACE_CATEGORIES ? `,${process.env.COMPLETIONS_CHAT_PAGE_TRACE_CATEGORIES}` : '';
  await session.send('Tracing.start', { categories: `devtools.timeline,blink,v8${extra}`, transferMode: 'ReportEvents' });
  await stream(page, session, 12);
  await session.send('Tracing.end');
  await done;
  if (process.env.COMPLETIONS_CHAT_PAGE_TRACE_FILE) writeFileSync(process.env.COMPLETIONS_CHAT_PAGE_TRACE_FILE, JSON.stringify({ traceEvents: events }));
  const byName = new Map<string, { ms: number; count: number }>();
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const entry = byName.get(event.name) ?? { ms: 0, count: 0 };
    entry.ms += event.dur / 1000;
    entry.count++;
    byName.set(event.name, entry);
  }
  return [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30).map(([name, { ms, count }]) => `${ms.toFixed(0)} ms ×${count} ${name}`);
}

/**
 * The compositor's layers as the paced answer ends (COMPLETIONS_CHAT_PAGE_LAYERS=1): whether
 * the transcript scrolls on a layer of its own (else every scroll repaints what it shows).
 */
async function layersWhileStreaming(page: Page, html: string): Promise<string[]> {
  const session = await freshPage(page, html);
  await open(page, session, 0);
  let layers: { layerId: string; backendNodeId?: number; width: number; height: number; drawsContent: boolean; scrollRects?: unknown[] }[] = [];
  session.on('LayerTree.layerTreeDidChange', (event) => {
    if (event.layers) layers = event.layers;
  });
  await session.send('DOM.getDocument', { depth: -1 });
  await session.send('LayerTree.enable');
  await stream(page, session, 12);
  const names = new Map<number, string>();
  for (const layer of layers) {
    if (!layer.backendNodeId) continue;
    const { nodes } = await session.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [layer.backendNodeId] }).then(
      async ({ nodeIds }) => ({ nodes: await Promise.all(nodeIds.map((nodeId) => session.send('DOM.describeNode', { nodeId }))) }),
      () => ({ nodes: [] }),
    );
    const node = nodes[0]?.node;
    if (node) names.set(layer.backendNodeId, `${node.nodeName}${node.attributes ? `[${node.attributes.join(' ')}]`.slice(0, 60) : ''}`);
  }
  return layers.map((layer) => `${layer.layerId} ${layer.width}×${layer.height} draws ${layer.drawsContent} ${layer.scrollRects?.length ? 'scroll-rects ' : ''}${names.get(layer.backendNodeId ?? -1) ?? ''}`);
}

/**
 * COMPLETIONS_CHAT_PAGE_PACED=1: the real bench's paced round in the webview alone — 50 KB in
 * 5,000 deltas, 12 a message (~420 messages, one per frame) against the answer in one piece,
 * side by side in fresh pages; with COMPLETIONS_CHAT_PAGE_PROFILE=1 also where a paced stream's
 * main thread goes.
 */
async function pacedVsOne(page: Page, html: string): Promise<void> {
  // COMPLETIONS_CHAT_PAGE_AB_CSS: the paced round also with these extra rules, in the same rounds.
  const abCss = process.env.COMPLETIONS_CHAT_PAGE_AB_CSS;
  const htmlB = abCss ? html.replace('</style>', `${abCss}</style>`) : undefined;
  const paced: MainThreadParts[] = [];
  const pacedB: MainThreadParts[] = [];
  const one: MainThreadParts[] = [];
  const run = async (pageHtml: string, perFrame: number) => {
    const session = await freshPage(page, pageHtml);
    await open(page, session, 0);
    return stream(page, session, perFrame);
  };
  for (let round = 0; round < ROUNDS; round++) {
    paced.push(await run(html, 12));
    if (htmlB) pacedB.push(await run(htmlB, 12));
    one.push(await run(html, 0));
    const b = htmlB ? `; with the extra CSS ${parts(pacedB.at(-1)!)}` : '';
    console.log(`paced ${parts(paced.at(-1)!)}; one ${parts(one.at(-1)!)}: ${(paced.at(-1)!.task / one.at(-1)!.task).toFixed(2)}×${b}`);
  }
  const task = (list: MainThreadParts[]) => median(list.map((p) => p.task));
  console.log(`\nwebview alone, medians of ${ROUNDS}: 50 KB paced (12 deltas a message) ${task(paced).toFixed(0)} ms vs one piece ${task(one).toFixed(0)} ms: ${(task(paced) / task(one)).toFixed(2)}×`);
  if (htmlB) console.log(`  with the extra CSS: paced ${task(pacedB).toFixed(0)} ms: ${(task(pacedB) / task(one)).toFixed(2)}×`);
  if (process.env.COMPLETIONS_CHAT_PAGE_LAYERS) console.log(`\ncomposited layers while a paced answer streams:\n  ${(await layersWhileStreaming(page, html)).join('\n  ')}`);
  if (process.env.COMPLETIONS_CHAT_PAGE_TRACE) console.log(`\ntrace of a paced answer (ms by event):\n  ${(await traceStream(page, html)).join('\n  ')}`);
  if (!process.env.COMPLETIONS_CHAT_PAGE_PROFILE) return;
  const session = await freshPage(page, html);
  await open(page, session, 0);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  await stream(page, session, 12);
  const { profile } = await session.send('Profiler.stop');
  console.log(`\nself time while a paced answer streams:\n  ${topSelf(profile).join('\n  ')}`);
}

/**
 * COMPLETIONS_CHAT_PAGE_SPINNER=1: the main thread's ms per second while an answer is
 * streaming and no text arrives (the "Answering…" spinner's animation alone), with VS Code's
 * codicon.css as in the real panel, against the same with the animation off.
 */
async function spinnerCost(page: Page, html: string): Promise<void> {
  const codicons = readFileSync(join(ROOT, 'dist', 'codicons', 'codicon.css'), 'utf8');
  const withSpinner = html.replace('</style>', `${codicons}</style>`);
  const without = html.replace('</style>', `${codicons}.codicon-modifier-spin{animation:none}</style>`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, variant] of [['spinner', withSpinner], ['no animation', without]] as const) {
      const session = await freshPage(page, variant);
      await open(page, session, 0);
      await page.evaluate(() => {
        window.postMessage({ type: 'entryAdded', entry: { id: 'q-new', role: 'user', text: 'q', createdAt: 1 } }, '*');
        window.postMessage({ type: 'entryAdded', entry: { id: 'a-new', role: 'assistant', candidates: [{ content: 'Some text' }], chosen: 0, status: 'streaming', model: 'm', createdAt: 1 } }, '*');
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const before = await mainThreadParts([session]);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const spent = partsBetween(before, await mainThreadParts([session]));
      console.log(`${name}: ${(spent.task / 3).toFixed(1)} ms/s of main thread while streaming with no text (style ${(spent.style / 3).toFixed(1)}, layout ${(spent.layout / 3).toFixed(1)})`);
    }
  }
}

async function main(): Promise<void> {
  // COMPLETIONS_CHAT_PAGE_CHROMIUM_ARGS: extra switches, for a diagnosis (e.g. --enable-prefer-compositing-to-lcd-text).
  const browser = await launchChromium(process.env.COMPLETIONS_CHAT_PAGE_CHROMIUM_ARGS?.split(' ').filter(Boolean));
  if (process.env.COMPLETIONS_CHAT_PAGE_SPINNER) {
    try {
      await spinnerCost(await browser.newPage({ viewport: { width: 460, height: 900 } }), pageHtml());
    } finally {
      await browser.close();
    }
    return;
  }
  if (process.env.COMPLETIONS_CHAT_PAGE_PACED) {
    try {
      await pacedVsOne(await browser.newPage({ viewport: { width: 460, height: 900 } }), pageHtml());
    } finally {
      await browser.close();
    }
    return;
  }
  try {
    const page = await browser.newPage({ viewport: { width: 460, height: 900 } });
    const html = pageHtml();
    const opens: { drawnMs: number; settledMs: number; parts: MainThreadParts }[] = [];
    const streams: Record<'0' | '500', MainThreadParts[]> = { '0': [], '500': [] };
    for (let round = 0; round < ROUNDS; round++) {
      const session = await freshPage(page, html);
      const opened = await open(page, session, 500);
      opens.push(opened);
      if (round === 0 && process.env.COMPLETIONS_CHAT_PAGE_PROFILE) console.log(`\nself time from a 500-message state to the next frame:\n  ${(await profileOpen(page, html)).join('\n  ')}`);
    console.log(`open 500 msgs: drawn ${opened.drawnMs.toFixed(0)} ms, all drawn ${opened.settledMs.toFixed(0)} ms, ${parts(opened.parts)}`);
      streams['500'].push(await stream(page, session));
      const empty = await freshPage(page, html);
      await open(page, empty, 0);
      streams['0'].push(await stream(page, empty));
      console.log(`stream 50 KB / 5,000 deltas: after 500 msgs ${parts(streams['500'].at(-1)!)}; no history ${parts(streams['0'].at(-1)!)}`);
    }
    const perDelta = (list: MainThreadParts[]) => ((median(list.map((p) => p.task)) / 5_000) * 1000).toFixed(0);
    console.log(`\nwebview alone in headless chromium, medians of ${ROUNDS}:`);
    console.log(`  history open (500 msgs, 2 MB): state → drawn ${median(opens.map((o) => o.drawnMs)).toFixed(0)} ms (${opens.map((o) => o.drawnMs.toFixed(0)).join(', ')}); every answer drawn after ${median(opens.map((o) => o.settledMs)).toFixed(0)} ms`);
    console.log(`  main thread per delta (50 KB in 5,000 deltas, 80 a frame): ${perDelta(streams['500'])} µs after 500 msgs vs ${perDelta(streams['0'])} µs without`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
