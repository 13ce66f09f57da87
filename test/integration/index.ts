// Entry of the integration suite inside a VS Code extension host: the `extensionTestsPath`
// contract of @vscode/test-electron (export `run()`, reject on failure), which code-server's
// `payload` honours too, so one suite serves both runners.
//
// Under code-server nothing reads the extension host's exit code or stdout, so the outcome is
// also written as JSON to the file named by COMPLETIONS_CHAT_TEST_RESULT (the extension host
// inherits code-server's environment), with a live log beside it (`<file>.log`).
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { TextReporter, type TestRunResult, type TextReporterOptions } from './textReporter';

export const RESULT_FILE_ENV = 'COMPLETIONS_CHAT_TEST_RESULT';

/** What the result file holds; `crash` is set when the suite could not run at all. */
export interface ResultFile extends TestRunResult {
  crash?: string;
}

export async function run(): Promise<void> {
  // Stack traces of failures should name the .ts sources; the extension host runs without
  // --enable-source-maps.
  process.setSourceMapsEnabled(true);
  const resultFile = process.env[RESULT_FILE_ENV];
  let result: TestRunResult;
  try {
    result = await runMocha(resultFile ? `${resultFile}.log` : undefined);
  } catch (error) {
    // A crash outside the tests (a test file that throws while loading) must reach the runner
    // too, or it would wait for a result that never comes.
    if (resultFile) writeResult(resultFile, crashResult(error));
    throw error;
  }
  if (resultFile) writeResult(resultFile, result);
  if (result.failed > 0) throw new Error(`${result.failed} integration test(s) failed`);
  if (result.passed === 0) throw new Error('no integration test passed: none ran, or all were skipped');
}

function runMocha(liveLogFile: string | undefined): Promise<TestRunResult> {
  let result: TestRunResult | undefined;
  const reporterOptions: TextReporterOptions = { liveLogFile, onResult: (r) => (result = r) };
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    // A real workbench is slower than plain Node; a test may wait for a view to open, and on a
    // loaded two-core machine that takes several times as long (see `until` in extensionHarness).
    timeout: Number(process.env.COMPLETIONS_CHAT_TEST_TIMEOUT_MS || 60_000),
    grep: process.env.COMPLETIONS_CHAT_TEST_GREP || undefined,
    reporter: TextReporter,
    reporterOptions,
  });
  for (const file of integrationTestFiles()) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    try {
      mocha.run(() => {
        if (result) resolve(result);
        else reject(new Error('mocha finished without reporting a result'));
      });
    } catch (error) {
      reject(error);
    }
  });
}

/**
 * Every compiled `*.test.js` next to this file (out/test/integration), in a stable order: those
 * under `locale/` when the run has a display language (runIntegration.js --locale), else the rest.
 */
function integrationTestFiles(): string[] {
  const localeRun = Boolean(process.env.COMPLETIONS_CHAT_TEST_LOCALE);
  return readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js') && (name.split(/[\\/]/)[0] === 'locale') === localeRun)
    .sort()
    .map((name) => join(__dirname, name));
}

function crashResult(error: unknown): ResultFile {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    passed: 0,
    failed: 0,
    pending: 0,
    durationMs: 0,
    failures: [],
    output: `The integration suite crashed before it could finish:\n${text}\n`,
    crash: text,
  };
}

/** Written whole and then renamed, so the runner, which polls for it, never reads half of it. */
function writeResult(file: string, result: ResultFile): void {
  writeFileSync(`${file}.partial`, JSON.stringify(result, null, 2));
  renameSync(`${file}.partial`, file);
}
