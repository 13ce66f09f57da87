// The bench's parts, each adding rows to one table: streamed against one-delta answers
// (interleaved pairs), socket-to-screen latency, and a long history (open time, and the cost of
// a new answer's deltas with that history on screen).
import type { Frame } from 'playwright-core';
import type { ChatPanel } from '../../test/e2e/chatPanel';
import type { E2eEnvironment } from '../../test/e2e/environment';
import type { Workbench } from '../../test/e2e/workbench';
import type { FakeApiServer } from '../../test/support/fakeApiServer';
import { epochNow, mainThreadParts, partsBetween, runRound, type LatencyStages, type MainThreadParts, type Meter, type RoundResult } from './answerRound';
import { buildAnswer, splitInto } from './benchContent';
import { markerText, readFirstDraw, watchFirstDraw, type FirstDraw } from './frameProbes';
import { seedHistory } from './historySeed';

export interface Table {
  rows: [string, string][];
  notes: string[];
}

export interface BenchContext {
  api: FakeApiServer;
  chat: ChatPanel;
  meter: Meter;
  table: Table;
  log(line: string): void;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number | undefined): string => (value === undefined || Number.isNaN(value) ? 'n/a' : `${Math.round(value)} ms`);
const int = (value: number): string => Math.round(value).toLocaleString('en-US');
/** "script 1 ms, layout 2 ms, style 3 ms": medians of the main thread's parts. */
const partsText = (parts: MainThreadParts[]): string =>
  (['script', 'layout', 'style'] as const).map((key) => `${key} ${ms(median(parts.map((part) => part[key])))}`).join(', ');

async function answersShown(chat: ChatPanel): Promise<number> {
  return (await chat.frame()).evaluate(() => document.querySelectorAll('article.entry.assistant').length);
}

/** Asks and measures one answer; `fresh` starts a new conversation first (no history). */
async function measureOne(context: BenchContext, deltas: string[], fresh: boolean, timeoutMs: number, extra: Partial<Parameters<typeof runRound>[3]> = {}): Promise<RoundResult> {
  if (fresh && (await answersShown(context.chat)) > 0) await context.chat.newConversation();
  const answerCount = (await answersShown(context.chat)) + 1;
  return runRound(context.api, context.chat, context.meter, { deltas, answerCount, timeoutMs, ...extra }, `bench question ${answerCount}`);
}

function describe(result: RoundResult[], deltas: number): string {
  const main = median(result.map((r) => r.mainThreadMs));
  const host = median(result.flatMap((r) => (r.extensionHostMs === undefined ? [] : [r.extensionHostMs])));
  const wall = median(result.map((r) => r.wallMs));
  const messages = median(result.map((r) => r.messages));
  const types = Object.entries(result[result.length - 1]!.byType)
    .filter(([, count]) => count > 0)
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
  const unfinished = result.filter((r) => !r.finished).length;
  return (
    `main ${ms(main)} (${partsText(result.map((r) => r.parts))}) · ext host ${ms(host)} · ${int(messages)} messages (${types}) · wall ${ms(wall)}` +
    (deltas > 1 ? ` · ${int(deltas / (wall / 1000))} deltas/s` : '') +
    (unfinished ? ` · ${unfinished} round(s) NOT finished in time (stopped)` : '')
  );
}

export interface PairSpec {
  label: string;
  streamed: string[];
  /** Also stream the same deltas one per timer tick (~1 ms): each arrives in a read of its own. */
  paced?: boolean;
  rounds: number;
  /** A new conversation before each answer (no history); else answers add to the one shown. */
  fresh: boolean;
  timeoutMs: number;
}

interface Variant {
  name: string;
  deltas: string[];
  tokenDelayMs?: number;
  results: RoundResult[];
}

/**
 * The answer streamed (as fast as the socket takes it, and paced if asked) and in one delta,
 * the order rotating each round so load drifting over the run falls on all alike. Returns the
 * main thread's µs per delta of the fast stream.
 */
export async function measurePairs(context: BenchContext, spec: PairSpec): Promise<number> {
  const n = spec.streamed.length;
  const single: Variant = { name: 'in one delta', deltas: [spec.streamed.join('')], results: [] };
  const variants: Variant[] = [{ name: `streamed, ${int(n)} deltas`, deltas: spec.streamed, results: [] }];
  if (spec.paced) variants.push({ name: `paced ~1 ms, ${int(n)} deltas`, deltas: spec.streamed, tokenDelayMs: 1, results: [] });
  variants.push(single);
  for (let round = 0; round < spec.rounds; round++) {
    for (let turn = 0; turn < variants.length; turn++) {
      const variant = variants[(round + turn) % variants.length]!;
      const result = await measureOne(context, variant.deltas, spec.fresh, spec.timeoutMs, { tokenDelayMs: variant.tokenDelayMs });
      variant.results.push(result);
      context.log(`${spec.label} ${variant.name}: main ${ms(result.mainThreadMs)}, ext host ${ms(result.extensionHostMs)}, ${result.messages} messages, wall ${ms(result.wallMs)}`);
    }
  }
  const { rows } = context.table;
  const singleMain = median(single.results.map((r) => r.mainThreadMs));
  for (const variant of variants) rows.push([`${spec.label} ${variant.name}`, describe(variant.results, variant.deltas.length)]);
  let fastPerDelta = NaN;
  for (const variant of variants) {
    if (variant === single) continue;
    const ratios = variant.results.map((r, i) => r.mainThreadMs / single.results[i]!.mainThreadMs);
    const hostRatios = variant.results.flatMap((r, i) => (r.extensionHostMs && single.results[i]!.extensionHostMs ? [r.extensionHostMs / single.results[i]!.extensionHostMs] : []));
    const perDelta = ((median(variant.results.map((r) => r.mainThreadMs)) - singleMain) / n) * 1000;
    if (Number.isNaN(fastPerDelta)) fastPerDelta = perDelta;
    const kind = variant.tokenDelayMs ? 'paced' : 'streamed';
    rows.push([
      `${spec.label} ${kind}/one`,
      `main thread ${median(ratios).toFixed(2)}× (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}) · ext host ${hostRatios.length ? `${median(hostRatios).toFixed(2)}×` : 'n/a'} · main thread per delta ${perDelta.toFixed(0)} µs`,
    ]);
  }
  return fastPerDelta;
}

/** One answer nobody measures: the first answer after start pays for compiling the code paths. */
export async function warmUp(context: BenchContext, deltas: string[]): Promise<void> {
  await measureOne(context, deltas, true, 120_000);
}

/** Paced deltas (about a model's pace), every tenth carrying a marker: socket → screen. */
export async function measureLatency(context: BenchContext, spec: { rounds: number }): Promise<void> {
  const deltas = splitInto(buildAnswer(16_000), 400);
  const markers = new Map<number, string>();
  for (let index = 5, id = 0; index < deltas.length; index += 10, id++) {
    deltas[index] += markerText(id);
    markers.set(index, String(id).padStart(5, '0'));
  }
  const latencies: number[] = [];
  const stages: LatencyStages[] = [];
  for (let round = 0; round < spec.rounds; round++) {
    const result = await measureOne(context, deltas, true, 60_000, { markers, tokenDelayMs: 8 });
    latencies.push(...result.latencies);
    stages.push(...result.stages);
  }
  const clock = await clockOffset(await context.chat.frame());
  const corrected = latencies.map((latency) => latency - clock.offset);
  const figure = (p: number) => (corrected.length ? `${percentile(corrected, p).toFixed(1)} ms` : 'n/a');
  context.table.rows.push([
    'latency socket → screen',
    `p50 ${figure(50)} · p95 ${figure(95)} · max ${figure(100)} (${corrected.length} of ${markers.size * spec.rounds} markers, 400 deltas at ~8 ms)`,
  ]);
  // Where the time goes: the host side (extension host, pacer, the workbench's IPC: mostly the
  // machine), the webview's frame batching (ours), and the browser drawing the frame.
  const stage = (key: keyof LatencyStages, offset: number) => {
    const values = stages.flatMap((s) => (s[key] === undefined ? [] : [s[key]! - offset]));
    return values.length ? `p50 ${percentile(values, 50).toFixed(1)} / p95 ${percentile(values, 95).toFixed(1)} ms` : 'n/a';
  };
  context.table.rows.push([
    'latency, by stage',
    `socket → webview message ${stage('toWebview', clock.offset)} (extension host, its per-frame pacer ≤ 16 ms, the workbench's IPC) · message → DOM ${stage('toDom', 0)} (the webview's frame batching) · DOM → next frame ${stage('toScreen', 0)}`,
  ]);
  context.table.notes.push(`latency: the page's clock is ${clock.offset.toFixed(2)} ms ahead of node's (± ${clock.uncertainty.toFixed(2)} ms), subtracted`);
}

/** How far the frame's epoch clock (timeOrigin + now) is ahead of node's: the best of 10 round trips. */
async function clockOffset(frame: Frame): Promise<{ offset: number; uncertainty: number }> {
  let best = { offset: 0, uncertainty: Infinity };
  for (let sample = 0; sample < 10; sample++) {
    const before = epochNow();
    const page = await frame.evaluate(() => performance.timeOrigin + performance.now());
    const after = epochNow();
    if ((after - before) / 2 < best.uncertainty) best = { offset: page - (before + after) / 2, uncertainty: (after - before) / 2 };
  }
  return best;
}

/** Polls every frame for the chat app's root and returns the first frame that has it. */
async function waitForAppFrame(page: E2eEnvironment['page'], timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      if (await frame.evaluate(() => document.querySelector('#app .chat') !== null).catch(() => false)) return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const frames = await Promise.all(page.frames().map(async (frame) => `${frame.url().split('?')[0]!.slice(-60)} ${await frame.evaluate(() => document.body?.innerHTML.length ?? -1).catch((error: unknown) => String(error).slice(0, 80))}`));
  await page.screenshot({ path: '/tmp/completions-chat-bench-reopen.png' }).catch(() => undefined);
  throw new Error(`the chat panel did not appear (frames: ${frames.join(' | ')}; screenshot /tmp/completions-chat-bench-reopen.png)`);
}

async function reopenPanel(env: E2eEnvironment, workbench: Workbench, chat: ChatPanel, meter: Meter): Promise<FirstDraw & { parts: MainThreadParts }> {
  const item = workbench.activityBarItem('Completions Chat');
  await item.click();
  const deadline = Date.now() + 30_000;
  while ((await chat.isShown()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const mainBefore = await mainThreadParts(meter.sessions);
  await item.click();
  const frame = await waitForAppFrame(env.page, 60_000);
  await watchFirstDraw(frame);
  await frame.waitForFunction(() => document.querySelector('#app .chat[data-state="ready"]') !== null, undefined, { timeout: 120_000 });
  await frame.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  const parts = partsBetween(mainBefore, await mainThreadParts(meter.sessions));
  return { ...(await readFirstDraw(frame)), parts };
}

/** Reopenings of the panel measured (odd: the median is one of them). */
const HISTORY_OPENS = 3;

/** Seeds a 500-message conversation, reloads, measures its opening and a new answer's deltas. */
export async function measureHistory(context: BenchContext, spec: { env: E2eEnvironment; workbench: Workbench; small: string }): Promise<number> {
  const { env, workbench, chat, table } = { ...spec, ...context };
  const seeded = seedHistory(env.userDataDir, 500, 2_000_000);
  context.log(`seeded ${seeded.messages} messages, ${int(seeded.bytes)} bytes, in ${seeded.file}; reloading the window`);
  await workbench.reloadWindow();
  await workbench.showViewContainer('Completions Chat', () => chat.isShown());
  await chat.waitUntilShown(180_000);
  const entries = await (await chat.frame(180_000)).evaluate(() => document.querySelectorAll('article.entry').length);
  if (entries < 500) throw new Error(`the reloaded panel shows ${entries} entries, not the 500 seeded`);

  const opens: (FirstDraw & { parts: MainThreadParts })[] = [];
  for (let round = 0; round < HISTORY_OPENS; round++) opens.push(await reopenPanel(env, workbench, chat, context.meter));
  const timed = opens.filter((open) => !open.late && open.scriptLoaded && open.drawn && open.stateArrived);
  const total = timed.map((open) => open.drawn! - open.scriptLoaded!);
  const render = timed.map((open) => open.drawn! - open.stateArrived!);
  table.rows.push([
    `history open (${seeded.messages} msgs, ${(seeded.bytes / 1e6).toFixed(1)} MB)`,
    timed.length
      ? `${ms(median(total))} script loaded → drawn (of which state arrived → drawn ${ms(median(render))}); rounds: ${total.map((t) => Math.round(t)).join(', ')} ms; main thread for the whole open ${ms(median(opens.map((open) => open.parts.task)))} (${partsText(opens.map((open) => open.parts))})`
      : `n/a (${opens.length - timed.length} opens drawn before the probe got in)`,
  ]);
  // The new answers go under the 500 messages on screen.
  return measurePairs(context, { label: '50 KB after 500 msgs', streamed: splitInto(spec.small, 5_000), rounds: 2, fresh: false, timeoutMs: 120_000 });
}
