// Runs the e2e flows one after another in one workbench, like a person working through a
// session, and reports loudly: every step is numbered and named as it runs; a failure names the
// step, what it expected, and what was on screen then (the chat panel's text, notifications, an
// open quick input, the editor, the focus), and leaves a screenshot, the code-server log, the
// extension's output channel and the browser console next to it. Ends with `N passed, M failed`.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ChatPanel } from './chatPanel';
import type { E2eEnvironment } from './environment';
import { formatScreen, readScreen } from './screen';
import { STEP_TIMEOUT_MS, Workbench } from './workbench';

export interface FlowContext {
  readonly env: E2eEnvironment;
  readonly workbench: Workbench;
  readonly chat: ChatPanel;
  /**
   * Runs one named step. The name says what a person does or expects ("click Stop", "the panel
   * says Stopped"); on failure the report names the step, what was expected (the error) and
   * what was on screen then (see screen.ts).
   */
  step<T>(name: string, action: () => Promise<T>): Promise<T>;
  /**
   * Saves a picture of the side bar alone (the chat panel) as `<results>/side-bar/<name>.png`:
   * small enough for README (docs/screenshots/ holds copies of chosen ones).
   */
  sideBarScreenshot(name: string): Promise<void>;
}

export interface Flow {
  name: string;
  run(context: FlowContext): Promise<void>;
}

/**
 * A flow that has not finished by then is failed (and the run goes on with the next). Each
 * step's waits have their own bounds (STEP_TIMEOUT_MS), so this only catches a flow that hangs
 * outright; it is generous because a loaded two-core machine runs a long flow for minutes.
 */
const FLOW_TIMEOUT_MS = Number(process.env.COMPLETIONS_CHAT_E2E_FLOW_TIMEOUT_MS || 300_000);
/** After a flow timed out, how long its last step may take to give up before the next flow starts. */
const ABANDON_GRACE_MS = 2 * STEP_TIMEOUT_MS;

export interface RunSummary {
  passed: number;
  failed: number;
}

/** A step that failed: which one, what it expected, and what the screen showed then. */
export class StepFailure extends Error {
  constructor(
    readonly step: string,
    readonly stepNumber: number,
    readonly expected: string,
    readonly screen: string,
    options?: ErrorOptions,
  ) {
    super(`step ${stepNumber} "${step}" failed\nexpected: ${expected}\non screen:\n${indent(screen)}`, options);
  }
}

/** One flow's steps: numbered, the current one known (for a timeout), stopped once abandoned. */
class StepRunner {
  private count = 0;
  private abandoned = false;
  current: string | undefined;
  lastDone: string | undefined;

  constructor(
    private readonly env: E2eEnvironment,
    private readonly chat: ChatPanel,
  ) {}

  async run<T>(name: string, action: () => Promise<T>): Promise<T> {
    if (this.abandoned) throw new Error(`the flow was abandoned (timed out) before step "${name}"`);
    const number = ++this.count;
    const outer = this.current;
    this.current = name;
    console.log(`[e2e]   ${number}. ${name}`);
    try {
      const result = await action();
      this.lastDone = name;
      return result;
    } catch (error) {
      // A step inside a step: the inner one already said where and what.
      if (error instanceof StepFailure) throw error;
      const screen = formatScreen(await readScreen(this.env.page, this.chat));
      throw new StepFailure(name, number, describe(error), screen, { cause: error });
    } finally {
      this.current = outer;
    }
  }

  /** Later steps of a timed-out flow fail at once instead of acting on the next flow's screen. */
  abandon(): void {
    this.abandoned = true;
  }

  where(): string {
    if (this.current) return `it was at step ${this.count} "${this.current}"`;
    return this.lastDone ? `it was between steps, after "${this.lastDone}"` : 'it had not started a step';
  }
}

export async function runFlows(flows: readonly Flow[], env: E2eEnvironment, resultsDir: string): Promise<RunSummary> {
  mkdirSync(resultsDir, { recursive: true });
  const workbench = new Workbench(env.page);
  const chat = new ChatPanel(env.page);
  const summary: RunSummary = { passed: 0, failed: 0 };

  for (const [index, flow] of flows.entries()) {
    const label = `${String(index + 1).padStart(2, '0')}-${slug(flow.name)}`;
    console.log(`\n[e2e] ▶ ${index + 1}. ${flow.name}`);
    const started = Date.now();
    const steps = new StepRunner(env, chat);
    const context: FlowContext = {
      env,
      workbench,
      chat,
      step: (name, action) => steps.run(name, action),
      sideBarScreenshot: (name) => sideBarScreenshot(env, join(resultsDir, 'side-bar', `${name}.png`)),
    };
    env.api.reset();
    env.images.requests.length = 0;
    try {
      await runWithin(flow.run(context), steps);
      // The end state's picture is for people; a slow screenshot is no failure of the flow.
      await screenshot(env, join(resultsDir, `${label}.png`)).catch((error: unknown) => console.log(`[e2e]   no screenshot: ${describe(error)}`));
      summary.passed++;
      console.log(`[e2e] ✔ ${flow.name} (${seconds(Date.now() - started)})`);
    } catch (error) {
      summary.failed++;
      const what = error instanceof StepFailure ? error.message : `${describe(error)}\n(outside any step; ${steps.where()})\non screen:\n${indent(formatScreen(await readScreen(env.page, chat)))}`;
      console.error(`[e2e] ✘ ${flow.name} (${seconds(Date.now() - started)})`);
      await reportFailure(env, resultsDir, label, `${flow.name}\n${what}`);
      await recover(workbench);
    }
  }
  return summary;
}

/**
 * The flow, bounded by FLOW_TIMEOUT_MS. On a timeout the flow is abandoned, and its step still
 * running gets time to give up (its own waits are bounded), so no stray click of this flow
 * lands in the next one.
 */
async function runWithin(flow: Promise<void>, steps: StepRunner): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), FLOW_TIMEOUT_MS)));
  const settled = flow.then(
    () => 'done' as const,
    (error: unknown) => ({ error }),
  );
  const outcome = await Promise.race([settled, timedOut]).finally(() => clearTimeout(timer));
  if (outcome === 'done') return;
  if (outcome !== 'timeout') throw outcome.error;
  const where = steps.where();
  steps.abandon();
  let grace: NodeJS.Timeout | undefined;
  await Promise.race([settled, new Promise((resolve) => (grace = setTimeout(resolve, ABANDON_GRACE_MS)))]).finally(() => clearTimeout(grace));
  throw new Error(`the flow did not finish within ${FLOW_TIMEOUT_MS / 1000} s; ${where}`);
}

async function screenshot(env: E2eEnvironment, path: string): Promise<void> {
  if (env.page.isClosed()) return;
  await env.page.screenshot({ path, timeout: STEP_TIMEOUT_MS });
}

async function sideBarScreenshot(env: E2eEnvironment, path: string): Promise<void> {
  const box = await env.page.locator('.part.sidebar').boundingBox();
  if (!box) throw new Error('the side bar is not shown: no screenshot of it');
  mkdirSync(dirname(path), { recursive: true });
  await env.page.screenshot({ path, clip: box, timeout: STEP_TIMEOUT_MS });
}

/** Everything a person needs to see why a flow failed, printed and saved beside the screenshot. */
async function reportFailure(env: E2eEnvironment, resultsDir: string, label: string, what: string): Promise<void> {
  const shot = join(resultsDir, `${label}-FAILED.png`);
  const saved = await screenshot(env, shot).then(
    () => shot,
    (error: unknown) => `none (${describe(error)})`,
  );
  const sections = [
    ['what failed', what],
    ['screenshot', saved],
    ['code-server output (last lines)', env.server.logTail(40)],
    ['Completions Chat output channel', logFilesNamed(env.userDataDir, (name) => name.includes('Completions Chat'), 40)],
    ['extension host log (last lines)', logFilesNamed(env.userDataDir, (name) => name === 'remoteexthost.log', 25)],
    ['browser console (last lines)', env.browserLog.slice(-25).join('\n')],
    ['fake API server requests', env.api.requests.map((r) => `#${r.seq} ${r.method} ${r.path} closedEarly=${r.clientClosedEarly}`).join('\n')],
    ['image server requests', env.images.requests.map((r) => `GET ${r.path}`).join('\n')],
  ];
  const text = sections.map(([title, body]) => `--- ${title} ---\n${body || '(empty)'}`).join('\n');
  console.error(indent(text));
  writeFileSync(join(resultsDir, `${label}-FAILED.log`), `${text}\n`);
}

/** Leaves the workbench usable for the next flow: no palette, input box or menu left open. */
async function recover(workbench: Workbench): Promise<void> {
  try {
    for (let i = 0; i < 3; i++) await workbench.page.keyboard.press('Escape');
  } catch {
    // The page is gone; the next flow will say so.
  }
}

/** The tail of every log file under the user-data dir's logs whose name matches. */
export function logFilesNamed(userDataDir: string, matches: (fileName: string) => boolean, lines: number): string {
  const logsDir = join(userDataDir, 'logs');
  if (!existsSync(logsDir)) return '(no logs folder)';
  const files = readdirSync(logsDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.log') && matches(basename(path)))
    .map((path) => join(logsDir, path));
  if (files.length === 0) return '(no such log)';
  return files.map((file) => `${file}:\n${readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')}`).join('\n');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function indent(text: string): string {
  return text.replace(/^/gm, '    ');
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
