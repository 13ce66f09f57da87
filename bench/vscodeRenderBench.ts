// Streaming render in a real VS Code: the packaged extension (.vsix) in code-server, shown by
// headless chromium, against a loopback Chat Completions server. Measured side by side in one
// run, rounds interleaved: the workbench page's main-thread time (CDP Performance.getMetrics,
// TaskDuration, which covers the webview's frames: see notes below) for an answer streamed in
// many deltas against the same answer in one delta; the extension host's CPU time (/proc); the
// host→webview messages per answer; the latency from a delta on the socket to its text on
// screen; and how long a 500-message, ~2 MB conversation takes to open.
//
// A bench, not a test: it prints figures and never fails the run; a part that cannot be
// measured says why. Run: `npm run bench:vscode` (builds and packages first), under the
// shared lock on a shared machine: `flock /tmp/vscode-test.lock npm run bench:vscode`.
// COMPLETIONS_CHAT_BENCH_ROUNDS (default 5) sets the interleaved pairs at 50 KB.
import { ChatPanel } from '../test/e2e/chatPanel';
import { createEnvironment, type E2eEnvironment } from '../test/e2e/environment';
import { Workbench } from '../test/e2e/workbench';
import { findExtensionHostPid } from './vscode/processCpu';
import { buildAnswer, splitInto } from './vscode/benchContent';
import { taskDurationMs, type Meter } from './vscode/answerRound';
import { measureHistory, measureLatency, measurePairs, warmUp, type Table } from './vscode/phases';

const ROUNDS = Math.max(1, Math.min(10, Number(process.env.COMPLETIONS_CHAT_BENCH_ROUNDS) || 5));
/** COMPLETIONS_CHAT_BENCH_ONLY=latency,history runs only those phases (after the warm-up); all by default. */
const ONLY = new Set((process.env.COMPLETIONS_CHAT_BENCH_ONLY ?? '').split(',').map((name) => name.trim()).filter(Boolean));
const runs = (phase: 'pairs50' | 'pairs500' | 'model' | 'latency' | 'history'): boolean => ONLY.size === 0 || ONLY.has(phase);
const log = (line: string) => console.log(`[bench:vscode] ${line}`);

async function openMeter(env: E2eEnvironment): Promise<{ meter: Meter; note: string }> {
  const session = await env.page.context().newCDPSession(env.page);
  await session.send('Performance.enable', { timeDomain: 'threadTicks' });
  const sessions = [session];
  // A webview frame in a renderer process of its own (an out-of-process iframe) has its own
  // CDP target: then its TaskDuration is added. Playwright refuses a session for a frame that
  // is part of the page's process: then the page's TaskDuration already includes it.
  const frame = await new ChatPanel(env.page).frame();
  const separate: string[] = [];
  for (const candidate of [frame, frame.parentFrame()]) {
    if (!candidate) continue;
    try {
      const own = await env.page.context().newCDPSession(candidate);
      await own.send('Performance.enable', { timeDomain: 'threadTicks' });
      sessions.push(own);
      separate.push(candidate.url().split('?')[0]!);
    } catch {
      // same renderer as the workbench page
    }
  }
  const note =
    separate.length === 0
      ? 'webview frames run in the workbench page\'s renderer (no out-of-process iframes): the page\'s TaskDuration covers them'
      : `out-of-process webview frames measured through their own CDP sessions too: ${separate.join(', ')}`;
  const root = env.server.process.pid;
  return { meter: { sessions, extensionHostPid: () => (root ? findExtensionHostPid(root) : undefined) }, note };
}

/** Main-thread ms per second of wall time while nothing happens (cursor blink, timers). */
async function idleRate(meter: Meter): Promise<number> {
  const before = await taskDurationMs(meter.sessions);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  return ((await taskDurationMs(meter.sessions)) - before) / 3;
}

async function main(): Promise<void> {
  const started = Date.now();
  const table: Table = { rows: [], notes: [] };
  let env: E2eEnvironment | undefined;
  try {
    env = await createEnvironment(log);
    const workbench = new Workbench(env.page);
    const chat = new ChatPanel(env.page);
    await workbench.open(env.workbenchUrl);
    await workbench.resizeSideBar(460);
    await workbench.showViewContainer('Completions Chat', () => chat.isShown());
    log(`workbench and chat panel ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const { meter, note } = await openMeter(env);
    table.notes.push(note);
    table.notes.push(`extension host pid ${meter.extensionHostPid() ?? 'not found'}; idle main thread ${(await idleRate(meter)).toFixed(1)} ms/s (counted in every round)`);

    const small = buildAnswer(50_000);
    const large = buildAnswer(500_000);
    const context = { api: env.api, chat, meter, table, log };
    let perDeltaEmpty: number | undefined;
    await step(table, 'warm-up', () => warmUp(context, splitInto(small, 5_000)));
    if (runs('pairs50')) await step(table, '50 KB: 5,000 deltas vs one', async () => {
      perDeltaEmpty = await measurePairs(context, { label: '50 KB', streamed: splitInto(small, 5_000), pacedEveryMs: 1, rounds: ROUNDS, fresh: true, timeoutMs: 120_000 });
    });
    if (runs('pairs500')) await step(table, '500 KB: 50,000 deltas vs one', async () => {
      await measurePairs(context, { label: '500 KB', streamed: splitInto(large, 50_000), rounds: 1, fresh: true, timeoutMs: 150_000 });
    });
    // A model's own pace (a 5 KB answer at 100 and at 30 tokens a second, 5 s each): what a
    // person streaming from a real model pays, beside the answer shown in one piece.
    if (runs('model')) await step(table, 'a model\'s pace', async () => {
      const answer = buildAnswer(5_000);
      for (const [perSecond, count] of [[100, 500], [30, 150]] as const) {
        await measurePairs(context, { label: `5 KB at ${perSecond} tokens/s`, streamed: splitInto(answer, count), pacedEveryMs: Math.round(1000 / perSecond), fast: false, rounds: 3, fresh: true, timeoutMs: 60_000 });
      }
    });
    if (runs('latency')) await step(table, 'latency', () => measureLatency(context, { rounds: 3 }));
    if (runs('history')) await step(table, 'history', async () => {
      const perDeltaHistory = await measureHistory(context, { env: env!, workbench, small });
      if (perDeltaEmpty !== undefined) {
        // Without history the streamed answer may cost no more than the one-delta one: then
        // only the two costs mean anything, not their ratio.
        const ratio = perDeltaEmpty > 1 ? `${(perDeltaHistory / perDeltaEmpty).toFixed(2)}× ` : '';
        table.rows.push(['per delta, 500 msgs vs none', `${ratio}(${perDeltaHistory.toFixed(0)} vs ${perDeltaEmpty.toFixed(0)} µs main thread per delta, fast stream)`]);
      }
    });
  } catch (error) {
    table.notes.push(`stopped early: ${error instanceof Error ? error.message : String(error)}`);
    if (env) console.error(`--- code-server output ---\n${env.server.logTail(30)}`);
  } finally {
    await env?.close(false).catch(() => undefined);
  }
  printTable(table, Date.now() - started);
}

async function step(table: Table, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    table.notes.push(`${name}: not measured (${error instanceof Error ? error.message.split('\n')[0]!.slice(0, 2000) : String(error)})`);
  }
}

function printTable(table: Table, elapsedMs: number): void {
  const width = Math.max(...table.rows.map(([name]) => name.length), 10);
  console.log('\nStreaming render in a real VS Code (code-server + headless chromium, packaged extension, loopback server)');
  for (const [name, value] of table.rows) console.log(`  ${name.padEnd(width)}  ${value}`);
  for (const line of table.notes) console.log(`  note: ${line}`);
  console.log(`  (bench took ${(elapsedMs / 1000).toFixed(0)} s)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench:vscode] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(0);
  },
);
