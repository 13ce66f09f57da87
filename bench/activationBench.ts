// `npm run bench`: what activating the packaged extension costs in a real VS Code's extension
// host. Packages the .vsix (or takes `--vsix path`), unpacks it, and for each run starts a fresh
// code-server + headless chromium whose extension host loads it and runs bench/activationProbe,
// which times `extension.activate()` (bundle loading included) and reads VS Code's own
// activation marks. Also prints the package and bundle sizes and checks for native modules.
// Prints figures; asserts nothing. Needs the cached code-server (scripts/installCodeServer.sh);
// run it under the shared lock on a shared machine. `--footprint-only` prints the package's
// figures and stops before starting any VS Code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  QUIET_WORKBENCH_SETTINGS,
  REPO_ROOT,
  delay,
  ensureCodeServerInstalled,
  launchChromium,
  startCodeServer,
  workbenchUrl,
} from '../test/support/codeServer';
import { writeFloorExtension } from './activationFloor';
import type { ActivationProbeResult } from './activationProbe';

const RUNS = Number(process.env.BENCH_ACTIVATION_RUNS ?? 3);
const RUN_TIMEOUT_MS = 180_000;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function packaged(): string {
  const given = argValue('--vsix');
  if (given) return resolve(given);
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return join(REPO_ROOT, 'completions-chat.vsix');
}

/** Files in the package, by name and unpacked size. */
function unpack(vsix: string, into: string): { name: string; size: number }[] {
  execFileSync('unzip', ['-q', '-o', vsix, '-d', into]);
  return readdirSync(into, { recursive: true, encoding: 'utf8' })
    .map((name) => ({ name, size: statSync(join(into, name)).size }))
    .filter((entry) => statSync(join(into, entry.name)).isFile());
}

/** Each entry's bytes inside the .vsix (compressed), from `unzip -lv`, by name. */
function packedSizes(vsix: string): Map<string, number> {
  const listing = execFileSync('unzip', ['-lv', vsix], { encoding: 'utf8' });
  const sizes = new Map<string, number>();
  // " Length  Method  Size  Cmpr  Date  Time  CRC-32  Name"
  for (const match of listing.matchAll(/^\s*\d+\s+\S+\s+(\d+)\s+-?\d+%\s+\S+\s+\S+\s+[0-9a-f]{8}\s+(.+)$/gm)) sizes.set(match[2]!, Number(match[1]));
  return sizes;
}

/** What each of the larger files is, for the footprint table. */
const ROLES: Record<string, string> = {
  'extension/dist/extension.js': 'loaded at activation',
  'extension/dist/chat.js': "the desktop's Node pieces, loaded on first use",
  'extension/dist/chatCore.js': 'the chat, desktop and web, loaded on first use',
  'extension/dist/webview.js': 'the panel: marked, DOMPurify, highlight.js',
  'extension/dist/math.js': 'KaTeX, MathML output only, loaded when an answer holds math',
  'extension/dist/network.js': 'undici, only with a proxy or a CA file',
  'extension/dist/llhttp.wasm': "undici's HTTP parser",
  'extension/readme.md': 'README without the builders\' sections',
  'extension/changelog.md': 'CHANGELOG: [Unreleased] and the newest release',
};

async function activateOnce(extensionPath: string, installDir: string, floorFirst: boolean): Promise<ActivationProbeResult> {
  const tempRoot = mkdtempSync(join(tmpdir(), 'completions-chat-activation-'));
  const workspace = join(tempRoot, 'workspace');
  const userDataDir = join(tempRoot, 'user-data');
  const resultFile = join(tempRoot, 'result.json');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_WORKBENCH_SETTINGS));
  // Installed (not under development: the web workbench takes one development path only).
  writeFloorExtension(join(tempRoot, 'extensions'));
  const server = await startCodeServer({
    installDir,
    workspaceFolder: workspace,
    userDataDir,
    extensionsDir: join(tempRoot, 'extensions'),
    logFile: join(tempRoot, 'code-server.log'),
    env: { COMPLETIONS_CHAT_BENCH_RESULT: resultFile, COMPLETIONS_CHAT_BENCH_FLOOR_FIRST: floorFirst ? '1' : '0' },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const probe = join(REPO_ROOT, 'out', 'bench', 'activationProbe.js');
    await page.goto(workbenchUrl(server, {
        folder: workspace,
        extensionDevelopmentPath: extensionPath,
        extensionTestsPath: probe,
      }), {
      timeout: RUN_TIMEOUT_MS,
      waitUntil: 'domcontentloaded',
    });
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while (!existsSync(resultFile)) {
      if (Date.now() > deadline) throw new Error(`no activation result within ${RUN_TIMEOUT_MS / 1000}s:\n${server.logTail(30)}`);
      await delay(200);
    }
    return JSON.parse(readFileSync(resultFile, 'utf8')) as ActivationProbeResult;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    rmSync(tempRoot, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** KB as the budget and README count them: 1 KB = 1000 bytes. */
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(1)} ms`);

async function main(): Promise<void> {
  const vsix = packaged();
  const unpacked = mkdtempSync(join(tmpdir(), 'completions-chat-vsix-'));
  try {
    const files = unpack(vsix, unpacked);
    const size = (name: string) => files.find((file) => file.name === name)?.size ?? 0;
    const native = files.filter((file) => file.name.endsWith('.node')).map((file) => file.name);
    // chat.js exists from the split on, chatCore.js from the shared chat bundle on; an older
    // package given with --vsix has extension.js only.
    const hostCode = ['extension.js', 'chat.js', 'chatCore.js']
      .map((name) => join(unpacked, 'extension', 'dist', name))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // Everything the bundle requires at run time: only Node's built-ins and `vscode` may be left.
    const requires = new Set([...hostCode.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]!));
    const notBuiltIn = [...requires].filter((name) => name !== 'vscode' && name !== './chat.js' && !name.startsWith('node:'));
    const packed = packedSizes(vsix);
    console.log('Footprint (packaged extension; in the .vsix = compressed, as the budget counts)');
    console.log(`  .vsix                  ${kb(statSync(vsix).size)} (${statSync(vsix).size} bytes, ${files.length} files; budget 400 KB, ${kb(400_000 - statSync(vsix).size)} left)`);
    const listed = [...packed.entries()].filter(([name]) => name.startsWith('extension/')).sort((a, b) => b[1] - a[1]);
    for (const [name, bytes] of listed) {
      if (bytes < 1024 && !ROLES[name]) continue;
      const label = name.replace(/^extension\//, '').padEnd(36);
      console.log(`  ${label} ${kb(bytes).padStart(9)} in the .vsix, ${kb(size(name)).padStart(9)} unpacked${ROLES[name] ? ` (${ROLES[name]})` : ''}`);
    }
    const small = listed.filter(([name, bytes]) => bytes < 1024 && !ROLES[name]);
    console.log(`  ${small.length} smaller files together  ${kb(small.reduce((sum, [, bytes]) => sum + bytes, 0))} in the .vsix`);
    console.log(`  native modules        ${native.length === 0 ? 'none (.node files: 0)' : native.join(', ')}`);
    console.log(`  bundle requires       ${[...requires].sort().join(', ')}${notBuiltIn.length ? ` (NOT BUILT-IN: ${notBuiltIn.join(', ')})` : ''}`);
    if (process.argv.includes('--footprint-only')) return;

    const installDir = ensureCodeServerInstalled();
    const results: ActivationProbeResult[] = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await activateOnce(join(unpacked, 'extension'), installDir, run % 2 === 1);
      results.push(result);
      console.log(
        `  run ${run + 1}: extension.activate() ${ms(result.activateMs)}, VS Code's marks: activate() ${ms(result.vscodeMarkMs)}, load + activate() ${ms(result.loadAndActivateMs)} (an empty extension ${ms(result.floorLoadAndActivateMs)}${run % 2 === 1 ? ', activated first' : ''}), ` +
          `storage opened by activation: ${result.storageRequested === undefined ? 'unknown (no test hooks)' : result.storageRequested ? 'yes' : 'no'}${result.wasActive ? ' (WAS ALREADY ACTIVE: not a first activation)' : ''}, ` +
          `then whenReady ${ms(result.whenReadyMs)}`,
      );
    }
    const firsts = results.filter((result) => !result.wasActive);
    const marked = firsts.map((result) => result.vscodeMarkMs).filter((value): value is number => value !== undefined);
    console.log(`Activation in the extension host (code-server, median of ${firsts.length} fresh windows)`);
    console.log(`  extension.activate() from the probe, VS Code's RPC to the window included      ${ms(firsts.length ? median(firsts.map((r) => r.activateMs)) : undefined)}`);
    console.log(`  activate() call to resolved (VS Code's performance marks)                      ${ms(marked.length ? median(marked) : undefined)}`);
    const loaded = firsts.map((result) => result.loadAndActivateMs).filter((value): value is number => value !== undefined);
    console.log(`  loading dist/extension.js + activate() (VS Code's marks; goal ≤ 20 ms)           ${ms(loaded.length ? median(loaded) : undefined)}`);
    const floors = firsts.map((result) => result.floorLoadAndActivateMs).filter((value): value is number => value !== undefined);
    console.log(`  the same for an empty extension that only requires vscode (VS Code's floor)     ${ms(floors.length ? median(floors) : undefined)}`);
    const ready = firsts.map((result) => result.whenReadyMs).filter((value): value is number => value !== undefined);
    console.log(`  storage + session, afterwards, on first view open                              ${ms(ready.length ? median(ready) : undefined)}`);
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[activation bench] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
