// One measured answer in the real workbench: the question is asked through the panel, the
// fake server holds the answer back until the "before" figures are taken, then sends it (as
// many deltas as given, as fast as the socket takes them, or paced), and the "after" figures
// are taken once the answer is done and painted.
import { performance } from 'node:perf_hooks';
import type { CDPSession, Frame } from 'playwright-core';
import type { ChatPanel } from '../../test/e2e/chatPanel';
import { delay } from '../../test/support/codeServer';
import { manualGate, textReply, type FakeApiServer } from '../../test/support/fakeApiServer';
import { cpuMs } from './processCpu';
import { afterPaint, installProbe, readCounts, takeSeenMarkers, watchMarkers } from './frameProbes';

export interface Meter {
  /** CDP sessions whose TaskDuration together is the workbench's main-thread time. */
  sessions: CDPSession[];
  extensionHostPid(): number | undefined;
}

export interface RoundSpec {
  deltas: string[];
  /** Delta indexes that carry a marker: their send time is noted for the latency figures. */
  markers?: ReadonlyMap<number, string>;
  tokenDelayMs?: number;
  /** The deltas on a fixed schedule (fakeApiServer's keepPace). */
  keepPace?: boolean;
  /** The answer waits this long, measured (the panel busy, nothing arriving), before it is sent. */
  holdMs?: number;
  /** Run just before the answer is released and just after it is done (bench:trace records in between). */
  hooks?: { before(): Promise<void>; after(): Promise<void> };
  /** Assistant entries the panel shows once this answer is there. */
  answerCount: number;
  timeoutMs: number;
}

export interface RoundResult {
  mainThreadMs: number;
  /** The main thread's time split into script, layout and style. */
  parts: MainThreadParts;
  extensionHostMs?: number;
  wallMs: number;
  messages: number;
  byType: Record<string, number>;
  finished: boolean;
  /** Socket-to-screen latencies of the markers, in ms. */
  latencies: number[];
  /** The same split in stages (ms): socket → message in the webview, → text in the DOM, → painted. */
  stages: LatencyStages[];
}

/** One marker's way to the screen, in ms (stages the probe could not see are undefined). */
export interface LatencyStages {
  /** From the socket to the webview: the extension host, its pacer, the workbench's IPC. */
  toWebview?: number;
  /** From the message to the DOM: the webview's batching into animation frames and rendering. */
  toDom?: number;
  /** From the DOM to the end of the frame that paints it (its main-thread part). */
  toScreen?: number;
}

export const epochNow = (): number => performance.timeOrigin + performance.now();

/** Seconds of main-thread task time summed over the sessions, in ms. */
export async function taskDurationMs(sessions: CDPSession[]): Promise<number> {
  return (await mainThreadParts(sessions)).task;
}

/** Main-thread time (ms) in all, and the parts spent running script, laying out and styling. */
export interface MainThreadParts {
  task: number;
  script: number;
  layout: number;
  style: number;
}

const partMetrics: Record<keyof MainThreadParts, string> = { task: 'TaskDuration', script: 'ScriptDuration', layout: 'LayoutDuration', style: 'RecalcStyleDuration' };

/** CDP Performance metrics summed over the sessions, in ms. */
export async function mainThreadParts(sessions: CDPSession[]): Promise<MainThreadParts> {
  const total: MainThreadParts = { task: 0, script: 0, layout: 0, style: 0 };
  for (const session of sessions) {
    const { metrics } = await session.send('Performance.getMetrics');
    for (const key of Object.keys(partMetrics) as (keyof MainThreadParts)[]) {
      total[key] += (metrics.find((metric) => metric.name === partMetrics[key])?.value ?? 0) * 1000;
    }
  }
  return total;
}

/** `after` − `before`, part by part. */
export function partsBetween(before: MainThreadParts, after: MainThreadParts): MainThreadParts {
  return { task: after.task - before.task, script: after.script - before.script, layout: after.layout - before.layout, style: after.style - before.style };
}

export async function runRound(api: FakeApiServer, chat: ChatPanel, meter: Meter, spec: RoundSpec, question: string): Promise<RoundResult> {
  const gate = manualGate();
  const sentAt = new Map<string, number>();
  const markers = spec.markers;
  api.enqueue(
    textReply(spec.deltas.join(''), {
      tokens: spec.deltas,
      pauseAfterTokens: 0,
      resume: gate.promise,
      tokenDelayMs: spec.tokenDelayMs,
      keepPace: spec.keepPace,
      usage: false,
      onDelta: markers ? (index) => markers.has(index) && sentAt.set(markers.get(index)!, epochNow()) : undefined,
    }),
  );
  const requestsBefore = api.chatRequests().length;
  await chat.ask(question);
  await api.waitForChatRequest(requestsBefore + 1, 30_000);
  const frame = await chat.frame();
  await installProbe(frame);
  if (markers) await watchMarkers(frame, true);
  await afterPaint(frame);

  const pid = meter.extensionHostPid();
  const countsBefore = await readCounts(frame);
  const cpuBefore = cpuMs(pid);
  const mainBefore = await mainThreadParts(meter.sessions);
  await spec.hooks?.before();
  const started = Date.now();
  if (spec.holdMs) await delay(spec.holdMs);
  gate.open();
  const finished = await waitForAnswerDone(frame, spec.answerCount, spec.timeoutMs);
  if (!finished) await stopAnswer(chat);
  await afterPaint(frame);
  const wallMs = Date.now() - started;
  const mainAfter = await mainThreadParts(meter.sessions);
  await spec.hooks?.after();
  const cpuAfter = cpuMs(pid);
  const countsAfter = await readCounts(frame);

  const latencies: number[] = [];
  const stages: LatencyStages[] = [];
  if (markers) {
    await watchMarkers(frame, false);
    const { arrived, inserted, seen } = await takeSeenMarkers(frame);
    for (const [id, sent] of sentAt) {
      const shown = seen[id];
      if (shown === undefined || shown <= 0) continue;
      latencies.push(shown - sent);
      const inDom = inserted[id];
      const came = arrived[id];
      stages.push({
        toWebview: came !== undefined ? came - sent : undefined,
        toDom: came !== undefined && inDom !== undefined ? inDom - came : undefined,
        toScreen: inDom !== undefined ? shown - inDom : undefined,
      });
    }
  }
  const byType: Record<string, number> = {};
  for (const [type, count] of Object.entries(countsAfter.byType)) byType[type] = count - (countsBefore.byType[type] ?? 0);
  return {
    mainThreadMs: mainAfter.task - mainBefore.task,
    parts: partsBetween(mainBefore, mainAfter),
    extensionHostMs: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined,
    wallMs,
    messages: countsAfter.messages - countsBefore.messages,
    byType,
    finished,
    latencies,
    stages,
  };
}

/**
 * Polls (four times a second: the poll must cost the page next to nothing) until the panel
 * shows `count` answers and the last is no longer "Answering…".
 */
async function waitForAnswerDone(frame: Frame, count: number, timeoutMs: number): Promise<boolean> {
  // Polled inside the page (a few microseconds a poll). Asking from here with frame.evaluate
  // every 250 ms cost the workbench's main thread ~20 ms a poll: ~0.5 s of a 5-s paced round,
  // counted as the answer's cost.
  return frame
    .waitForFunction(
      (expected) => {
        // Only the transcript's own children: a querySelectorAll over the whole page took ~14 ms a
        // poll under a 500-message history (~270 ms of a 5-s answer, counted as its cost).
        const entries = document.querySelector('.transcript .entries')?.children ?? [];
        let answers = 0;
        let last: Element | undefined;
        for (const entry of Array.from(entries)) {
          if (!entry.matches('article.entry.assistant')) continue;
          answers++;
          last = entry;
        }
        return answers >= expected && last !== undefined && last.querySelector('.streaming-indicator') === null;
      },
      count,
      { polling: 250, timeout: timeoutMs },
    )
    .then(
      () => true,
      () => false,
    );
}

/** Stops an answer that ran out of time, so the next round starts from a quiet panel. */
async function stopAnswer(chat: ChatPanel): Promise<void> {
  const button = await chat.composerButton();
  await button.click({ timeout: 10_000 }).catch(() => undefined);
  const frame = await chat.frame();
  await frame.waitForFunction(() => document.querySelector('.streaming-indicator') === null, undefined, { timeout: 60_000 }).catch(() => undefined);
}
