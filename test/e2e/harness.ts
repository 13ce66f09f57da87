// Runs the e2e flows one after another in one workbench, like a person working through a
// session, and reports loudly: every step is named as it runs, a failure says which step did
// not happen, and leaves a screenshot, the code-server log, the extension's output channel and
// the browser console next to it. Ends with `N passed, M failed`.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ChatPanel } from './chatPanel';
import type { E2eEnvironment } from './environment';
import { Workbench } from './workbench';

export interface FlowContext {
  readonly env: E2eEnvironment;
  readonly workbench: Workbench;
  readonly chat: ChatPanel;
  /** Runs one named step; a failure names it. */
  step<T>(name: string, action: () => Promise<T>): Promise<T>;
  /**
   * Saves a picture of the side bar alone (the chat panel) as `<results>/side-bar/<name>.png`:
   * small enough for README (media/screenshots/ holds copies of chosen ones).
   */
  sideBarScreenshot(name: string): Promise<void>;
}

export interface Flow {
  name: string;
  run(context: FlowContext): Promise<void>;
}

/** A flow that has not finished by then is failed (and the run goes on with the next). */
const FLOW_TIMEOUT_MS = 150_000;

export interface RunSummary {
  passed: number;
  failed: number;
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
    const context: FlowContext = {
      env,
      workbench,
      chat,
      step: (name, action) => step(name, action),
      sideBarScreenshot: (name) => sideBarScreenshot(env, join(resultsDir, 'side-bar', `${name}.png`)),
    };
    env.api.reset();
    env.images.requests.length = 0;
    try {
      await withTimeout(flow.run(context), FLOW_TIMEOUT_MS, `the flow did not finish within ${FLOW_TIMEOUT_MS / 1000}s`);
      await screenshot(env, join(resultsDir, `${label}.png`));
      summary.passed++;
      console.log(`[e2e] ✔ ${flow.name} (${seconds(Date.now() - started)})`);
    } catch (error) {
      summary.failed++;
      console.error(`[e2e] ✘ ${flow.name} (${seconds(Date.now() - started)})\n${indent(describe(error))}`);
      await reportFailure(env, resultsDir, label);
      await recover(workbench);
    }
  }
  return summary;
}

async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  console.log(`[e2e]   · ${name}`);
  try {
    return await action();
  } catch (error) {
    throw new Error(`step "${name}" failed: ${describe(error)}`, { cause: error });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function screenshot(env: E2eEnvironment, path: string): Promise<void> {
  if (env.page.isClosed()) return;
  await env.page.screenshot({ path, timeout: 15_000 });
}

async function sideBarScreenshot(env: E2eEnvironment, path: string): Promise<void> {
  const box = await env.page.locator('.part.sidebar').boundingBox();
  if (!box) throw new Error('the side bar is not shown: no screenshot of it');
  mkdirSync(dirname(path), { recursive: true });
  await env.page.screenshot({ path, clip: box, timeout: 15_000 });
}

/** Everything a person needs to see why a flow failed, printed and saved beside the screenshot. */
async function reportFailure(env: E2eEnvironment, resultsDir: string, label: string): Promise<void> {
  const shot = join(resultsDir, `${label}-FAILED.png`);
  try {
    await screenshot(env, shot);
    console.error(`[e2e]   screenshot: ${shot}`);
  } catch (error) {
    console.error(`[e2e]   no screenshot: ${describe(error)}`);
  }
  const sections = [
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
