// A mocha reporter that keeps its text. Inside code-server the extension host's stdout ends up
// in a log nobody reads, so the runner can only show mocha's output if it is handed over in a
// file; this reporter prints each line and also keeps it (and appends it to a live log file,
// so a run that hangs still shows how far it got).
import { appendFileSync, writeFileSync } from 'node:fs';
import Mocha from 'mocha';

const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } =
  Mocha.Runner.constants;

export interface TestFailure {
  /** Full title: suite titles and the test's (or hook's) own title. */
  title: string;
  message: string;
  stack?: string;
}

export interface TestRunResult {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  failures: TestFailure[];
  /** The reporter's text, as a person would read it on a terminal. */
  output: string;
}

export interface TextReporterOptions {
  /** Appended to line by line while tests run; optional. */
  liveLogFile?: string;
  /** Called once when the run ends (mocha keeps its reporter instance to itself). */
  onResult: (result: TestRunResult) => void;
}

export class TextReporter extends Mocha.reporters.Base {
  private readonly lines: string[] = [];
  private readonly failureDetails: TestFailure[] = [];
  private readonly liveLogFile: string | undefined;
  private readonly startedAt = Date.now();

  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const { liveLogFile, onResult } = options.reporterOptions as TextReporterOptions;
    this.liveLogFile = liveLogFile;
    if (liveLogFile) writeFileSync(liveLogFile, '');

    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.title) this.print(`${'  '.repeat(depth(suite))}${suite.title}`);
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      this.print(`${indent(test)}✔ ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
      this.print(`${indent(test)}- ${test.title} (skipped)`);
    });
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Runnable, error: unknown) => {
      const failure = describeFailure(test, error);
      this.failureDetails.push(failure);
      this.print(`${indent(test)}✖ ${test.title} — ${firstLine(failure.message)}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const stats = this.stats;
      this.print('');
      this.failureDetails.forEach((failure, index) => {
        this.print(`${index + 1}) ${failure.title}`);
        this.print(indentText(failure.stack ?? failure.message, '   '));
        this.print('');
      });
      this.print(`${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
      onResult(this.result());
    });
  }

  private result(): TestRunResult {
    return {
      passed: this.stats.passes,
      failed: this.stats.failures,
      pending: this.stats.pending,
      durationMs: Date.now() - this.startedAt,
      failures: this.failureDetails,
      output: this.lines.join('\n') + '\n',
    };
  }

  private print(line: string): void {
    this.lines.push(line);
    console.log(line);
    if (this.liveLogFile) appendFileSync(this.liveLogFile, line + '\n');
  }
}

function describeFailure(test: Mocha.Runnable, error: unknown): TestFailure {
  const title = test.fullTitle();
  if (error instanceof Error) return { title, message: error.message, stack: error.stack };
  return { title, message: String(error) };
}

function depth(suite: Mocha.Suite): number {
  let levels = 0;
  for (let parent = suite.parent; parent && !parent.root; parent = parent.parent) levels++;
  return levels;
}

function indent(test: Mocha.Runnable): string {
  return '  '.repeat(test.parent ? depth(test.parent) + 1 : 1);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

function indentText(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
