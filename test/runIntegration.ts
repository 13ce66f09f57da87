// Runs the integration suite (out/test/integration) inside a real VS Code without downloading
// one: code-server from the cache, a fresh profile and workspace copy under a temp folder, and
// headless chromium showing the workbench, which starts the extension host that runs the tests.
// The extension host reports through a result file (it inherits code-server's environment).
//
// Usage (after `npm run build` and `node esbuild.mjs --tests`):
//   node out/test/runIntegration.js [--extension <folder>] [--locale zh-cn]
// With --locale the workbench runs in that display language (a language pack in the fresh
// profile, test/support/languagePack.ts) and only the suites under integration/locale/ run;
// for zh-cn the runner then reads the real panel in the browser (support/chinesePanelCheck.ts).
// Environment: COMPLETIONS_CHAT_* variables reach the tests; COMPLETIONS_CHAT_TEST_GREP picks
// tests; COMPLETIONS_CHAT_INTEGRATION_TIMEOUT_MS bounds the whole run (default 10 minutes).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  REPO_ROOT,
  delay,
  ensureCodeServerInstalled,
  launchChromium,
  startCodeServer,
  workbenchUrl,
  type RunningCodeServer,
  QUIET_WORKBENCH_SETTINGS,
} from './support/codeServer';
import { checkChinesePanel } from './support/chinesePanelCheck';
import { writeLanguagePack } from './support/languagePack';

interface ResultFile {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  failures: { title: string; message: string }[];
  output: string;
  crash?: string;
}

/** The suite of a run with --locale (test/integration/locale/chinese.test.ts), for COMPLETIONS_CHAT_TEST_GREP. */
const LOCALE_SUITE = 'Chinese (display language zh-cn)';
const TIMEOUT_MS = Number(process.env.COMPLETIONS_CHAT_INTEGRATION_TIMEOUT_MS || 10 * 60_000);
const RESULTS_DIR = join(REPO_ROOT, 'test-results');
const runStarted = Date.now();
const log = (line: string) => console.log(`[integration +${((Date.now() - runStarted) / 1000).toFixed(1)}s] ${line}`);

async function main(): Promise<number> {
  const extensionPath = resolve(argValue('--extension') ?? REPO_ROOT);
  const locale = argValue('--locale');
  const grep = process.env.COMPLETIONS_CHAT_TEST_GREP;
  if (locale && grep && !new RegExp(grep).test(LOCALE_SUITE)) {
    log(`the ${locale} run has no test matching COMPLETIONS_CHAT_TEST_GREP=${grep}: skipped`);
    return 0;
  }
  const testsEntry = join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
  checkBuilt(extensionPath, testsEntry);

  const installDir = ensureCodeServerInstalled();
  const tempRoot = mkdtempSync(join(tmpdir(), 'completions-chat-integration-'));
  const workspace = join(tempRoot, 'workspace');
  const userDataDir = join(tempRoot, 'user-data');
  const resultFile = join(tempRoot, 'result.json');
  prepareWorkspace(workspace);
  writeUserSettings(userDataDir);
  if (locale) writeLanguagePack(userDataDir, locale);

  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let exitCode = 1;
  const browserLog: string[] = [];
  try {
    const started = Date.now();
    server = await startCodeServer({
      installDir,
      workspaceFolder: workspace,
      userDataDir,
      extensionsDir: join(tempRoot, 'extensions'),
      logFile: join(tempRoot, 'code-server.log'),
      env: { COMPLETIONS_CHAT_TEST_RESULT: resultFile, ...(locale ? { COMPLETIONS_CHAT_TEST_LOCALE: locale } : {}) },
      locale,
    });
    log(`code-server ${server.origin} is up after ${Date.now() - started} ms; temp folder ${tempRoot}`);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (message) => browserLog.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => browserLog.push(`[pageerror] ${error.message}`));
    const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: extensionPath, extensionTestsPath: testsEntry });
    // Only the document: its load event waits for ~12 MB of script, which on a loaded machine
    // takes longer than Playwright's 30 s default; the result file is what is waited for.
    await page.goto(url, { timeout: 180_000, waitUntil: 'domcontentloaded' });
    log(`workbench opened; waiting for the extension host to run the tests (up to ${TIMEOUT_MS / 1000}s)`);

    const onPoll = locale === 'zh-cn' ? chinesePanelHandshake(resultFile, page) : undefined;
    const result = await waitForResult(resultFile, server, browser, started + TIMEOUT_MS, onPoll);
    exitCode = report(result);
  } catch (error) {
    console.error(`[integration] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    if (server) console.error(`--- code-server output (last lines) ---\n${server.logTail(80)}\n---`);
    console.error(`--- extension host log (last lines) ---\n${extensionHostLogTail(userDataDir)}\n---`);
    exitCode = 1;
  } finally {
    if (exitCode !== 0) await saveDiagnostics(page, browserLog);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    log('code-server and chromium stopped');
    if (exitCode === 0) rmSync(tempRoot, { recursive: true, force: true });
    else log(`kept ${tempRoot} (profile, logs, workspace) for a look`);
  }
  return exitCode;
}

/**
 * The zh-cn suite asks (`<result>.panel-ready`) for its panel to be read in the browser while the
 * extension host still shows it; the answer (`<result>.panel-checked`: the problems found) is
 * what its last test asserts on. The extension host ends as soon as the suite does, so this
 * cannot wait for the result file.
 */
function chinesePanelHandshake(resultFile: string, page: Page): () => Promise<void> {
  let done = false;
  return async () => {
    if (done || !existsSync(`${resultFile}.panel-ready`)) return;
    done = true;
    mkdirSync(RESULTS_DIR, { recursive: true });
    const screenshot = join(RESULTS_DIR, 'integration-chinese-panel.png');
    const problems = await checkChinesePanel(page, screenshot).catch((error: unknown) => [String(error)]);
    log(problems.length === 0 ? `the panel reads in Chinese (screenshot: ${screenshot})` : `the panel is not in Chinese: ${problems.join('; ')}`);
    writeFileSync(`${resultFile}.panel-checked`, JSON.stringify({ problems }));
  };
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function checkBuilt(extensionPath: string, testsEntry: string): void {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8')) as { main?: string };
  if (manifest.main && !existsSync(join(extensionPath, manifest.main))) {
    throw new Error(`${join(extensionPath, manifest.main)} is missing: run \`npm run build\` first`);
  }
  if (!existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run \`node esbuild.mjs --tests\` first`);
}

/** A fresh copy of test/fixtures/workspace, so tests may edit files freely. */
function prepareWorkspace(workspace: string): void {
  const fixture = join(REPO_ROOT, 'test', 'fixtures', 'workspace');
  if (!existsSync(fixture)) throw new Error(`${fixture} is missing`);
  cpSync(fixture, workspace, { recursive: true });
}

/** The quiet workbench settings, as the user's settings.json of the fresh profile. */
function writeUserSettings(userDataDir: string): void {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_WORKBENCH_SETTINGS, null, 2));
}

/**
 * Polls for the result file, echoing the live log (mocha's lines as they happen) meanwhile.
 * Fails early when code-server or the browser dies, and at the deadline.
 */
async function waitForResult(resultFile: string, server: RunningCodeServer, browser: Browser, deadline: number, onPoll?: () => Promise<void>): Promise<ResultFile> {
  const liveLog = `${resultFile}.log`;
  let printed = 0;
  const echoLiveLog = () => {
    if (!existsSync(liveLog) || statSync(liveLog).size <= printed) return;
    const text = readFileSync(liveLog, 'utf8');
    process.stdout.write(text.slice(printed));
    printed = text.length;
  };
  while (Date.now() < deadline) {
    echoLiveLog();
    await onPoll?.();
    if (existsSync(resultFile)) {
      echoLiveLog();
      const result = JSON.parse(readFileSync(resultFile, 'utf8')) as ResultFile;
      if (printed === 0) process.stdout.write(result.output);
      return result;
    }
    if (server.process.exitCode !== null || server.process.signalCode !== null) {
      throw new Error('code-server exited before the tests reported a result');
    }
    if (!browser.isConnected()) throw new Error('chromium went away before the tests reported a result');
    await delay(250);
  }
  echoLiveLog();
  throw new Error(
    `no test result after ${TIMEOUT_MS / 1000}s: the extension host never ran the suite to the end ` +
      '(it did not start, the extension under test hung while activating, or a test hangs without a timeout)',
  );
}

function report(result: ResultFile): number {
  if (result.crash) {
    console.error('[integration] FAILED: the suite crashed (see above)');
    return 1;
  }
  for (const failure of result.failures) console.error(`[integration] failed: ${failure.title}: ${failure.message}`);
  if (result.passed === 0) console.error('[integration] FAILED: no test passed (none ran, or all were skipped)');
  log(`finished in ${result.durationMs} ms`);
  console.log(`integration: ${result.passed} passed, ${result.failed} failed, ${result.pending} skipped`);
  return result.failed === 0 && result.passed > 0 ? 0 : 1;
}

async function saveDiagnostics(page: Page | undefined, browserLog: string[]): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'integration-browser-console.log'), browserLog.join('\n') + '\n');
  if (!page || page.isClosed()) return;
  const screenshot = join(RESULTS_DIR, 'integration-failure.png');
  try {
    await page.screenshot({ path: screenshot, timeout: 10_000 });
    log(`screenshot of the workbench: ${screenshot}`);
  } catch (error) {
    log(`could not take a screenshot: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The remote extension host's own log, where activation errors land. */
function extensionHostLogTail(userDataDir: string): string {
  const logsDir = join(userDataDir, 'logs');
  if (!existsSync(logsDir)) return '(no logs folder)';
  const found = readdirSync(logsDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => ['remoteexthost.log', 'exthost.log'].includes(basename(path)))
    .map((path) => join(logsDir, path));
  if (found.length === 0) return '(no extension host log)';
  return found
    .map((file) => `${file}:\n${readFileSync(file, 'utf8').split('\n').slice(-25).join('\n')}`)
    .join('\n');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[integration] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
