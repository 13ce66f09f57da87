// `npm run bench`: the extension host's CPU time for one streamed answer, outside VS Code. A
// 50 KB answer in 5,000 deltas, served by a child process over loopback: paced (one SSE event
// per socket write, one a millisecond: a wake-up per delta), fast (the same events back to back)
// and in one event. Measured for the whole host chain (core client, session, store, presenter's
// pacer, a webview that counts), for the core client alone, and for a plain `fetch` read of the
// same bytes (the floor: what Node itself costs per read). Rounds alternate, so machine noise
// hits each alike. It prints figures; it asserts nothing.
//
// `--cpu-prof` (or HOST_BENCH_PROFILE=1): also profiles one paced answer of the chain and one
// plain read, prints the top self-time functions and writes test-results/host-paced.cpuprofile
// and fetch-paced.cpuprofile (open them in Chrome's DevTools).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { profiled } from './hostPaced/cpuProfile';
import { coreRead, fetchRead, HostChain, type AnswerOutcome } from './hostPaced/hostChain';
import { historyConversation } from './vscode/benchContent';
import { ANSWER_CHARS, answerWrites, DELTAS, servePaced, type ServeMode } from './hostPaced/pacedServer';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROFILE = process.argv.includes('--cpu-prof') || process.env.HOST_BENCH_PROFILE === '1';

type Consumer = 'host chain' | 'core client' | 'fetch read' | 'host, no saves' | 'host, no view' | 'host, 2 MB history';
/** One kind of consumer: what it does before an answer (not measured), and the answer. */
interface Run {
  prepare?(mode: ServeMode): Promise<void>;
  run(mode: ServeMode): Promise<AnswerOutcome>;
}
interface Cell {
  consumer: Consumer;
  mode: ServeMode;
  cpu: number[];
  wall: number[];
  sleeps: number[];
  outcome?: AnswerOutcome;
}

async function startServer(): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = fork(__filename, [], { env: { ...process.env, BENCH_ROLE: 'server' } });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve(Number(message)));
    child.once('error', reject);
  });
  return { baseUrl: `http://127.0.0.1:${port}/v1`, child };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const load = (): string => loadavg().map((value) => value.toFixed(1)).join(' ');

/**
 * CPU time, wall time and sleeps (voluntary context switches of the process's threads: each is a
 * wait that ended in a wake-up, the event loop's for a read or a timer, or a worker's for a file
 * operation) of one answer.
 */
async function measure(run: () => Promise<AnswerOutcome>): Promise<{ cpuMs: number; wallMs: number; sleeps: number; outcome: AnswerOutcome }> {
  const start = performance.now();
  const sleepsAtStart = process.resourceUsage().voluntaryContextSwitches;
  const cpuStart = process.cpuUsage();
  const outcome = await run();
  const cpu = process.cpuUsage(cpuStart);
  const sleeps = process.resourceUsage().voluntaryContextSwitches - sleepsAtStart;
  return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - start, sleeps, outcome };
}

function expectedOf(cell: Cell): number {
  return cell.consumer === 'fetch read' ? answerWrites(cell.mode).writes.join('').length : ANSWER_CHARS;
}

function report(cells: Cell[], loadAtStart: string): void {
  const find = (consumer: Consumer, mode: ServeMode): number => median(cells.find((cell) => cell.consumer === consumer && cell.mode === mode)?.cpu ?? [NaN]);
  console.log('');
  console.log('answer (50 KB)              CPU ms median (min – max)      wall ms   sleeps   reads  webview msgs');
  for (const cell of cells) {
    const { cpu, wall, sleeps, outcome } = cell;
    console.log(
      `${`${cell.consumer}, ${cell.mode}`.padEnd(27)} ${median(cpu).toFixed(0).padStart(7)} (${Math.min(...cpu).toFixed(0)} – ${Math.max(...cpu).toFixed(0)})`.padEnd(58) +
        `${median(wall).toFixed(0).padStart(7)} ${median(sleeps).toFixed(0).padStart(8)} ${String(outcome?.reads ?? '').padStart(7)} ${String(outcome?.messages || '').padStart(13)}`,
    );
  }
  const hostPaced = find('host chain', 'paced');
  const floor = find('fetch read', 'paced');
  const figure = (value: number, text: string): string[] => (Number.isFinite(value) ? [text] : []);
  const lines = [
    ...figure(hostPaced / find('host chain', 'one'), `host chain, paced ÷ in one piece: ${(hostPaced / find('host chain', 'one')).toFixed(1)}×; paced ÷ fast: ${(hostPaced / find('host chain', 'fast')).toFixed(1)}×`),
    ...figure(hostPaced - floor, `paced, above a plain fetch read of the same stream (ours): host chain ${(hostPaced - floor).toFixed(0)} ms, core client ${(find('core client', 'paced') - floor).toFixed(0)} ms; the read itself (Node's fetch, ~${((floor / DELTAS) * 1000).toFixed(0)} µs a read): ${floor.toFixed(0)} ms`),
    ...figure(find('host, 2 MB history', 'paced') - hostPaced, `paced with a 2 MB, 500-message history: +${(find('host, 2 MB history', 'paced') - hostPaced).toFixed(0)} ms over a new conversation`),
  ];
  console.log('');
  for (const line of lines) console.log(line);
  console.log(`Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average ${loadAtStart} at the start, ${load()} at the end; ${ROUNDS} rounds after a warm-up.`);
}

async function profile(baseUrl: string, chain: HostChain): Promise<void> {
  for (const [name, work] of [
    ['host-paced', () => chain.answer().then(() => chain.settle())],
    ['fetch-paced', () => fetchRead(baseUrl, 'paced').then(() => undefined)],
  ] as const) {
    await chain.prepare('paced');
    mkdirSync('test-results', { recursive: true });
    const path = `test-results/${name}.cpuprofile`;
    const lines = await profiled(path, work);
    console.log(`\nCPU profile of one ${name} answer (${path}):`);
    for (const line of lines) console.log(line);
  }
}

async function main(): Promise<void> {
  const loadAtStart = load();
  const { baseUrl, child } = await startServer();
  const chain = new HostChain(baseUrl);
  await chain.ready();
  const noSaves = new HostChain(baseUrl, { saves: false });
  await noSaves.ready();
  const noView = new HostChain(baseUrl, { view: false });
  const withHistory = new HostChain(baseUrl, {}, historyConversation('bench-history', 500, 2_000_000).conversation);
  await withHistory.ready();
  const hostRun = (host: HostChain): Run => ({
    prepare: (mode) => host.prepare(mode),
    run: async () => {
      const outcome = await host.answer();
      await host.settle();
      return outcome;
    },
  });
  const runs: Record<Consumer, Run> = {
    'host chain': hostRun(chain),
    'host, no saves': hostRun(noSaves),
    'host, no view': hostRun(noView),
    'host, 2 MB history': hostRun(withHistory),
    'core client': { run: (mode) => coreRead(baseUrl, mode) },
    'fetch read': { run: (mode) => fetchRead(baseUrl, mode) },
  };
  const only = process.env.BENCH_ONLY;
  // HOST_BENCH_PARTS=1: also the host without its saves and without its view, to see what each costs.
  const consumers: Consumer[] = ['fetch read', 'core client', 'host chain', 'host, 2 MB history', ...(process.env.HOST_BENCH_PARTS === '1' ? (['host, no saves', 'host, no view'] as const) : [])];
  const cells: Cell[] = consumers
    .flatMap((consumer) => (['paced', 'fast', 'one'] as const).map((mode) => ({ consumer, mode, cpu: [], wall: [], sleeps: [] })))
    .filter((cell) => !only || `${cell.consumer}, ${cell.mode}`.includes(only));
  console.log(`Answer: ${ANSWER_CHARS / 1000} KB in ${DELTAS} deltas (paced: one SSE event per write, ~1 ms apart), served by a child process over loopback.`);
  for (let round = -1; round < ROUNDS; round++) {
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[(i + Math.max(0, round)) % cells.length]!;
      const { prepare, run } = runs[cell.consumer];
      await prepare?.(cell.mode);
      const { cpuMs, wallMs, sleeps, outcome } = await measure(() => run(cell.mode));
      if (outcome.chars !== expectedOf(cell)) console.log(`  ! ${cell.consumer}, ${cell.mode}: ${outcome.chars} chars, expected ${expectedOf(cell)}`);
      if (round < 0) continue;
      cell.cpu.push(cpuMs);
      cell.wall.push(wallMs);
      cell.sleeps.push(sleeps);
      cell.outcome = outcome;
    }
  }
  report(cells, loadAtStart);
  if (PROFILE) await profile(baseUrl, chain);
  for (const host of [chain, noSaves, noView, withHistory]) host.dispose();
  child.disconnect();
}

if (process.env.BENCH_ROLE === 'server') {
  servePaced();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
