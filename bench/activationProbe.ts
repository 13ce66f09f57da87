// Runs inside the extension host of a real VS Code (code-server), as the `extensionTestsPath`
// module, for bench/activationBench.ts: activates the packaged extension once and writes what
// it cost to the file named by COMPLETIONS_CHAT_BENCH_RESULT. Measures, asserts nothing.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { FLOOR_EXTENSION_ID } from './activationFloor';

const EXTENSION_ID = 'completions-chat.completions-chat';

/** What the bench reads back. Times in milliseconds. */
export interface ActivationProbeResult {
  /** The extension was already active when the probe ran: the figures are not a first activation. */
  wasActive: boolean;
  /** `extension.activate()` from call to resolved: VS Code loading the bundle, then activate(). */
  activateMs: number;
  /** VS Code's own marks `code/extHost/willActivateExtension` → `didActivateExtension` (activate() call to resolved, code loading excluded). */
  vscodeMarkMs: number | undefined;
  /** VS Code's marks `willLoadExtensionCode` → `didActivateExtension`: loading the bundle plus activate(), what the Running Extensions view calls activation. */
  loadAndActivateMs: number | undefined;
  /** Whether activation asked for the storage folder (the test hooks say). */
  storageRequested: boolean | undefined;
  /** Opening the storage and building the session afterwards, as the first view open does. */
  whenReadyMs: number | undefined;
  /** The empty extension's load + activate() by the same marks, activated in the same window. */
  floorLoadAndActivateMs: number | undefined;
}

interface PerfMarks {
  getMarks(): { name: string; startTime: number }[];
}

interface Hooks {
  whenReady?(): Promise<unknown>;
  storageRequested?: boolean;
}

export async function run(): Promise<void> {
  const resultFile = process.env.COMPLETIONS_CHAT_BENCH_RESULT;
  if (!resultFile) throw new Error('COMPLETIONS_CHAT_BENCH_RESULT is not set');
  const extension = vscode.extensions.getExtension<Hooks | undefined>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const floor = vscode.extensions.getExtension(FLOOR_EXTENSION_ID);
  const wasActive = extension.isActive;
  // The bench alternates which of the two is activated first, so neither always pays for it.
  const floorFirst = process.env.COMPLETIONS_CHAT_BENCH_FLOOR_FIRST === '1';
  if (floorFirst) await floor?.activate();
  const started = performance.now();
  const hooks = await extension.activate();
  const activateMs = performance.now() - started;
  const storageRequested = hooks?.storageRequested;
  if (!floorFirst) await floor?.activate();

  let whenReadyMs: number | undefined;
  if (typeof hooks?.whenReady === 'function') {
    const ready = performance.now();
    await hooks.whenReady();
    whenReadyMs = performance.now() - ready;
  }
  const result: ActivationProbeResult = {
    wasActive,
    activateMs,
    vscodeMarkMs: markedSpan(EXTENSION_ID, 'willActivateExtension'),
    loadAndActivateMs: markedSpan(EXTENSION_ID, 'willLoadExtensionCode'),
    storageRequested,
    whenReadyMs,
    floorLoadAndActivateMs: markedSpan(FLOOR_EXTENSION_ID, 'willLoadExtensionCode'),
  };
  writeFileSync(resultFile, JSON.stringify(result));
}

/**
 * From one of VS Code's marks for this extension to its `didActivateExtension`. VS Code keeps
 * its performance marks on globalThis in the extension host (vs/base/common/performance).
 */
function markedSpan(extensionId: string, from: 'willActivateExtension' | 'willLoadExtensionCode'): number | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: PerfMarks }).MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (name: string) => marks.find((mark) => mark.name === `code/extHost/${name}/${extensionId}`)?.startTime;
  const start = at(from);
  const did = at('didActivateExtension');
  return start !== undefined && did !== undefined ? did - start : undefined;
}
