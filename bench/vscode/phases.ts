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
import { startOpenTrace } from './openTrace';

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
  /**
   * Also stream the same deltas one every this many ms, on a fixed schedule (1: a token a ms,
   * each in a socket read of its own; 10: a model streaming 100 tokens a second), beside the same
   * wait followed by the answer in one delta.
   */
  pacedEveryMs?: number;
  /** Also stream the deltas as fast as the socket takes them (default true). */
  fast?: boolean;
  rounds: number;
  /** A new conversation before each answer (no history); else answers add to the one shown. */
  fresh: boolean;
  timeoutMs: number;
}

interface Variant {
  name: string;
  deltas: string[];
  tokenDelayMs?: number;
  holdMs?: number;
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
  const variants: Variant[] = spec.fast === false ? [] : [{ name: `streamed, ${int(n)} deltas`, deltas: spec.streamed, results: [] }];
  const every = spec.pacedEveryMs;
  // On a fixed schedule (keepPace): on a loaded machine a 1-ms timer per delta ran late and the
  // "paced" stream went at ~200 deltas a second instead of ~1,000.
  // The paced stream lasts ~n × every ms: what the workbench spends on waiting that long with the panel
  // busy (its own timers, the panel's busy state) is not the stream's cost. This variant waits
  // as long, then gets the answer in one delta: paced/held is what streaming itself adds.
  const holdMs = n * (every ?? 1);
  const held: Variant = { name: `in one delta after waiting ${(holdMs / 1000).toFixed(1)} s`, deltas: [spec.streamed.join('')], holdMs, results: [] };
  if (every) variants.push({ name: `paced ~${every} ms, ${int(n)} deltas`, deltas: spec.streamed, tokenDelayMs: every, results: [] }, held);
  variants.push(single);
  for (let round = 0; round < spec.rounds; round++) {
    for (let turn = 0; turn < variants.length; turn++) {
      const variant = variants[(round + turn) % variants.length]!;
      const result = await measureOne(context, variant.deltas, spec.fresh, spec.timeoutMs, {
        tokenDelayMs: variant.tokenDelayMs,
        keepPace: variant.tokenDelayMs !== undefined,
        holdMs: variant.holdMs,
      });
      variant.results.push(result);
      context.log(`${spec.label} ${variant.name}: main ${ms(result.mainThreadMs)}, ext host ${ms(result.extensionHostMs)}, ${result.messages} messages, wall ${ms(result.wallMs)}`);
    }
  }
  const { rows } = context.table;
  const singleMain = median(single.results.map((r) => r.mainThreadMs));
  for (const variant of variants) rows.push([`${spec.label} ${variant.name}`, describe(variant.results, variant.deltas.length)]);
  let fastPerDelta = NaN;
  for (const variant of variants) {
    if (variant === single || variant === held) continue;
    const ratios = variant.results.map((r, i) => r.mainThreadMs / single.results[i]!.mainThreadMs);
    const hostRatios = variant.results.flatMap((r, i) => (r.extensionHostMs && single.results[i]!.extensionHostMs ? [r.extensionHostMs / single.results[i]!.extensionHostMs] : []));
    const perDelta = ((median(variant.results.map((r) => r.mainThreadMs)) - singleMain) / n) * 1000;
    if (Number.isNaN(fastPerDelta)) fastPerDelta = perDelta;
    const kind = variant.tokenDelayMs ? 'paced' : 'streamed';
    rows.push([
      `${spec.label} ${kind}/one`,
      `main thread ${median(ratios).toFixed(2)}× (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}) · ext host ${hostRatios.length ? `${median(hostRatios).toFixed(2)}×` : 'n/a'} · main thread per delta ${perDelta.toFixed(0)} µs`,
    ]);
    if (variant.tokenDelayMs && held.results.length) {
      const heldRatios = variant.results.map((r, i) => r.mainThreadMs / held.results[i]!.mainThreadMs);
      rows.push([
        `${spec.label} paced/held`,
        `main thread ${median(heldRatios).toFixed(2)}× the same wait then one delta (rounds: ${heldRatios.map((r) => r.toFixed(2)).join(', ')}); waiting alone costs ${ms(median(held.results.map((r) => r.mainThreadMs)) - singleMain)}`,
      ]);
    }
  }
  return fastPerDelta;
}

/** One answer nobody measures: the first answer after start pays for compiling the code paths. */
export async function warmUp(context: BenchContext, deltas: string[]): Promise<void> {
  await measureOne(context, deltas, true, 120_000);
}

/** `count` deltas of an answer, every `every`-th (from the fifth) carrying a marker. */
function markedDeltas(chars: number, count: number, every: number): { deltas: string[]; markers: Map<number, string> } {
  const deltas = splitInto(buildAnswer(chars), count);
  const markers = new Map<number, string>();
  for (let index = 5, id = 0; index < deltas.length; index += every, id++) {
    deltas[index] += markerText(id);
    markers.set(index, String(id).padStart(5, '0'));
  }
  return { deltas, markers };
}

interface LatencyRun {
  latencies: number[];
  stages: LatencyStages[];
  markers: number;
}

interface LatencySpec {
  chars: number;
  count: number;
  every: number;
  delayMs: number;
}

/** Streams `specs`' answers in turns, `rounds` times: load drifting over the run falls on each alike. */
async function latencyRounds(context: BenchContext, specs: LatencySpec[], rounds: number): Promise<LatencyRun[]> {
  const prepared = specs.map((spec) => ({ spec, ...markedDeltas(spec.chars, spec.count, spec.every) }));
  const runs: LatencyRun[] = prepared.map(({ markers }) => ({ latencies: [], stages: [], markers: markers.size * rounds }));
  for (let round = 0; round < rounds; round++) {
    for (const [index, { spec, deltas, markers }] of prepared.entries()) {
      const result = await measureOne(context, deltas, true, 60_000, { markers, tokenDelayMs: spec.delayMs });
      runs[index]!.latencies.push(...result.latencies);
      runs[index]!.stages.push(...result.stages);
    }
  }
  return runs;
}

/**
 * Paced deltas (about a model's pace, ~8 ms), every tenth carrying a marker: socket → screen,
 * split by stage. Beside it, taking turns round by round, the machine's own share: a quiet
 * stream (one delta per 70 ms: a pause before each, longer than the 50 ms the host's pacer
 * holds flowing text, so nothing of ours waits on the host); what the paced stream takes beyond
 * the quiet one is what our batching adds.
 */
export async function measureLatency(context: BenchContext, spec: { rounds: number }): Promise<void> {
  const [paced, quiet] = (await latencyRounds(
    context,
    [
      { chars: 16_000, count: 400, every: 10, delayMs: 8 },
      { chars: 8_000, count: 120, every: 5, delayMs: 70 },
    ],
    spec.rounds,
  )) as [LatencyRun, LatencyRun];
  const clock = await clockOffset(await context.chat.frame());
  const corrected = (run: LatencyRun) => run.latencies.map((latency) => latency - clock.offset);
  const figure = (values: number[], p: number) => (values.length ? percentile(values, p) : NaN);
  const text = (values: number[]) => `p50 ${figure(values, 50).toFixed(1)} ms · p95 ${figure(values, 95).toFixed(1)} ms · max ${figure(values, 100).toFixed(1)} ms`;
  const pacedMs = corrected(paced);
  const quietMs = corrected(quiet);
  context.table.rows.push(['latency socket → screen', `${text(pacedMs)} (${pacedMs.length} of ${paced.markers} markers, 400 deltas at ~8 ms)`]);
  context.table.rows.push(['latency, quiet stream (the machine)', `${text(quietMs)} (${quietMs.length} of ${quiet.markers} markers, 120 deltas at ~70 ms: a pause before each, so none waits on the host)`]);
  context.table.rows.push([
    'latency added by our batching',
    `p50 ${(figure(pacedMs, 50) - figure(quietMs, 50)).toFixed(1)} ms · p95 ${(figure(pacedMs, 95) - figure(quietMs, 95)).toFixed(1)} ms (paced − quiet)`,
  ]);
  // Where the time goes: the host side (extension host, pacer, the workbench's IPC), the
  // webview's frame batching and rendering, and the browser drawing the frame.
  const stage = (run: LatencyRun, key: keyof LatencyStages, offset: number) => {
    const values = run.stages.flatMap((s) => (s[key] === undefined ? [] : [s[key]! - offset]));
    return values.length ? `p50 ${percentile(values, 50).toFixed(1)} / p95 ${percentile(values, 95).toFixed(1)} ms` : 'n/a';
  };
  for (const [name, run] of [['paced', paced], ['quiet', quiet]] as const) {
    context.table.rows.push([
      `latency by stage, ${name}`,
      `socket → webview message ${stage(run, 'toWebview', clock.offset)} (extension host, its pacer, the workbench's IPC) · message → DOM ${stage(run, 'toDom', 0)} (the webview's wait for a frame, its render) · DOM → painted ${stage(run, 'toScreen', 0)} (the frame's style, layout, paint)`,
    ]);
  }
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

/**
 * Shows the view container again (its activity bar entry toggles the side bar: a click that
 * came too early is repeated while the entry is not selected), polling every frame for the
 * chat app's root; returns the first frame that has it.
 */
async function showAndFindAppFrame(page: E2eEnvironment['page'], item: ReturnType<Workbench['activityBarItem']>, timeoutMs: number): Promise<{ frame: Frame; clickedAt: number }> {
  const deadline = Date.now() + timeoutMs;
  let clickedAt = 0;
  let clickedEpoch = 0;
  while (Date.now() < deadline) {
    if (Date.now() - clickedAt > 3_000 && (await item.getAttribute('aria-selected', { timeout: 2_000 }).catch(() => null)) !== 'true') {
      clickedEpoch = epochNow();
      await item.click({ timeout: 5_000 }).catch(() => undefined);
      clickedAt = Date.now();
    }
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      if (await frame.evaluate(() => document.querySelector('#app .chat') !== null).catch(() => false)) return { frame, clickedAt: clickedEpoch };
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const frames = await Promise.all(page.frames().map(async (frame) => `${frame.url().split('?')[0]!.slice(-60)} ${await frame.evaluate(() => document.body?.innerHTML.length ?? -1).catch((error: unknown) => String(error).slice(0, 80))}`));
  await page.screenshot({ path: '/tmp/completions-chat-bench-reopen.png' }).catch(() => undefined);
  throw new Error(`the chat panel did not appear (frames: ${frames.join(' | ')}; screenshot /tmp/completions-chat-bench-reopen.png)`);
}

/** One reopening: when it was asked for (the click, on the page's clock), and how it was drawn. */
type Open = FirstDraw & { parts: MainThreadParts; trace?: string[]; shown: number };

async function reopenPanel(env: E2eEnvironment, workbench: Workbench, chat: ChatPanel, meter: Meter, traceFile?: string): Promise<Open> {
  const item = workbench.activityBarItem('Completions Chat');
  await item.click();
  const deadline = Date.now() + 30_000;
  while ((await chat.isShown()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const stopTrace = traceFile ? await startOpenTrace(meter.sessions[0]!, traceFile) : undefined;
  const mainBefore = await mainThreadParts(meter.sessions);
  const { frame, clickedAt } = await showAndFindAppFrame(env.page, item, 60_000);
  await watchFirstDraw(frame);
  await frame.waitForFunction(() => document.querySelector('#app .chat[data-state="ready"]') !== null, undefined, { timeout: 120_000 });
  await frame.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  const parts = partsBetween(mainBefore, await mainThreadParts(meter.sessions));
  const trace = await stopTrace?.();
  // The click on node's clock, moved to the page's: "shown → drawn" is the user's whole wait.
  const clock = await clockOffset(frame);
  return { ...(await readFirstDraw(frame)), parts, trace, shown: clickedAt + clock.offset };
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
  // The older entries come in a second message, after the newest are drawn.
  const shown = await chat.frame(180_000);
  await shown.waitForFunction(() => document.querySelectorAll('article.entry').length >= 500, undefined, { timeout: 60_000 }).catch(() => undefined);
  const entries = await shown.evaluate(() => document.querySelectorAll('article.entry').length);
  // Issue 10: after a reload the page is built once the token status is read (waited for ≤ 150 ms).
  const reloaded = await readFirstDraw(shown);
  table.rows.push(['history: first open after the reload', reloaded.fromPage ? `state drawn from the page; script started → drawn ${ms(reloaded.drawn! - reloaded.scriptStarted!)}` : 'state from the message (no state in the page)']);
  if (entries < 500) throw new Error(`the reloaded panel shows ${entries} entries, not the 500 seeded`);

  const opens: Open[] = [];
  const traceFile = process.env.COMPLETIONS_CHAT_BENCH_TRACE_OPEN;
  for (let round = 0; round < HISTORY_OPENS; round++) {
    const open = await reopenPanel(env, workbench, chat, context.meter, round === HISTORY_OPENS - 1 ? traceFile : undefined);
    opens.push(open);
    if (open.trace) context.log(`trace of the last open (ms from the webview's ready; tasks ≥ 3 ms on the renderer's main thread), whole trace in ${traceFile}:\n  ${open.trace.join('\n  ')}`);
  }
  const timed = opens.filter((open) => !open.late && open.scriptLoaded && open.drawn && open.stateArrived);
  const total = timed.map((open) => open.drawn! - open.scriptLoaded!);
  const render = timed.map((open) => open.drawn! - open.stateArrived!);
  const readied = timed.filter((open) => open.readyPosted !== undefined);
  // Issue 10: `ready` may now come after the drawing, so "ready → drawn" alone could shrink by
  // moving the mark: the whole open is printed too, from the click and from the script's start.
  if (timed.length) {
    const rounds = (values: number[]) => `${ms(median(values))} (${values.map((t) => Math.round(t)).join(', ')})`;
    const started = timed.filter((open) => open.scriptStarted !== undefined);
    table.rows.push([
      'history open: shown → drawn (whole)',
      `${rounds(timed.map((open) => open.drawn! - open.shown))} from the click on the activity bar; script started → drawn ${started.length ? rounds(started.map((open) => open.drawn! - open.scriptStarted!)) : 'n/a (no start mark)'}; state drawn from the page in ${timed.filter((open) => open.fromPage).length} of ${timed.length} opens`,
    ]);
  }
  if (readied.length) {
    const fromReady = readied.map((open) => open.drawn! - open.readyPosted!);
    const roundTrip = readied.map((open) => open.stateArrived! - open.readyPosted!);
    const scriptRun = readied.map((open) => open.readyPosted! - open.scriptLoaded!);
    table.rows.push([
      'history open: webview ready → drawn',
      `${ms(median(fromReady))} (rounds: ${fromReady.map((t) => Math.round(t)).join(', ')} ms); of which ready → state arrived ${ms(median(roundTrip))} (${roundTrip.map((t) => Math.round(t)).join(', ')}); script loaded → ready ${ms(median(scriptRun))}`,
    ]);
  }
  table.rows.push([
    `history open (${seeded.messages} msgs, ${(seeded.bytes / 1e6).toFixed(1)} MB)`,
    timed.length
      ? `${ms(median(total))} script loaded → drawn (of which state arrived → drawn ${ms(median(render))}); rounds: ${total.map((t) => Math.round(t)).join(', ')} ms (state → drawn ${render.map((t) => Math.round(t)).join(', ')} ms); main thread for the whole open ${ms(median(opens.map((open) => open.parts.task)))} (${partsText(opens.map((open) => open.parts))})`
      : `n/a (${opens.length - timed.length} opens drawn before the probe got in)`,
  ]);
  // Older answers are drawn after the open, in idle time: wait for all of them, so that work
  // is not counted in the answers measured next.
  const settled = await allAnswersDrawn(await chat.frame(), 300_000);
  table.rows.push(['history: every older answer drawn (idle time)', settled === undefined ? 'not within 300 s' : `${(settled / 1000).toFixed(1)} s after the last open`]);
  // The new answers go under the 500 messages on screen, paced too: each of its ~60 frames
  // would pay for every rendered entry above it (the pre-paint walk), were they not skipped.
  return measurePairs(context, { label: '50 KB after 500 msgs', streamed: splitInto(spec.small, 5_000), pacedEveryMs: 1, rounds: 2, fresh: false, timeoutMs: 120_000 });
}

/** Ms until no answer placeholder is left (src/webview/deferredEntries.ts), or undefined past `timeoutMs`. */
async function allAnswersDrawn(frame: Frame, timeoutMs: number): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    // Every entry there (the older ones come in a second message) and none waiting to be drawn.
    const done = () => document.querySelectorAll('article.entry').length >= 500 && document.querySelector('.entry-pending') === null;
    if (await frame.evaluate(done).catch(() => false)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}
