// Starts a real VS Code for tests without downloading one: code-server from the cache that
// scripts/installCodeServer.sh fills, shown by headless Debian chromium through playwright-core.
// See "A real VS Code, here, without downloads" in DESIGN.md. Used by the integration runner
// and meant for the e2e runner too. Plain Node: no 'vscode' import.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The repository folder, found upwards from here: esbuild may bundle this file anywhere in out/. */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'completions-chat') return dir;
  }
  throw new Error(`no completions-chat package.json above ${start}`);
}

/**
 * Runs scripts/installCodeServer.sh (instant when cached) and returns the install folder.
 * One source of truth for the cache location and version: the script.
 */
export function ensureCodeServerInstalled(): string {
  const script = join(REPO_ROOT, 'scripts', 'installCodeServer.sh');
  const run = spawnSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`${script} failed with exit code ${run.status}`);
  const installDir = run.stdout.trim().split('\n').pop();
  if (!installDir) throw new Error(`${script} printed no install folder`);
  return installDir;
}

/** A port that was free a moment ago on 127.0.0.1 (code-server needs a fixed one to start). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('could not read the free port'));
      });
    });
  });
}

export interface CodeServerOptions {
  installDir: string;
  /** The folder the workbench opens. */
  workspaceFolder: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's output goes here as well as into `logTail()`. */
  logFile: string;
  port?: number;
  /** Added to the inherited environment; the extension host inherits it in turn. */
  env?: Record<string, string>;
  /** The display language (`--locale`); needs a language pack in the profile (languagePack.ts). */
  locale?: string;
}

export interface RunningCodeServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly process: ChildProcess;
  /** The last lines code-server printed, for failure messages. */
  logTail(lines?: number): string;
  /** Ends code-server and everything it started (extension host, pty host, watchers). */
  stop(): Promise<void>;
}

/**
 * User settings that keep a test workbench quiet and quick: no welcome page, tips, trust
 * prompt, telemetry, update checks or git, nothing that covers the UI or reaches for the network.
 */
export const QUIET_WORKBENCH_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

/** code-server answering /healthz; a loaded two-core machine needs well over the usual seconds. */
const STARTUP_TIMEOUT_MS = 120_000;

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const entry = join(options.installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // Without --config code-server writes a default one into the user's ~/.config.
    '--config', join(options.userDataDir, 'code-server-config.yaml'),
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    ...(options.locale ? ['--locale', options.locale] : []),
    options.workspaceFolder,
  ];
  const child = spawn(process.execPath, args, {
    cwd: options.installDir,
    env: { ...inheritableEnv(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() can end the extension host and helpers with it.
    detached: true,
  });

  const tail: string[] = [];
  const logStream = createWriteStream(options.logFile);
  const keep = (chunk: Buffer) => {
    logStream.write(chunk);
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (tail.length > 400) tail.splice(0, tail.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  // code-server runs in its own process group, so Ctrl+C on the runner does not reach it:
  // end it whenever this process ends, however it ends.
  const killOnExit = () => killGroup(child, 'SIGKILL');
  const exitOnSignal = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);
  process.once('exit', killOnExit);
  process.once('SIGINT', exitOnSignal);
  process.once('SIGTERM', exitOnSignal);

  const server: RunningCodeServer = {
    port,
    origin,
    process: child,
    logTail: (lines = 60) => tail.slice(-lines).join('\n'),
    stop: async () => {
      process.off('exit', killOnExit);
      process.off('SIGINT', exitOnSignal);
      process.off('SIGTERM', exitOnSignal);
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child, 'SIGTERM');
        const gone = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
        if (!gone) killGroup(child, 'SIGKILL');
      }
      // The extension host may outlive code-server's main process for a moment.
      killGroup(child, 'SIGKILL');
      await new Promise<void>((done) => logStream.end(done));
    },
  };

  try {
    await waitUntilHealthy(origin, child, server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** The environment code-server may inherit: a VS Code or Electron around us must not leak in. */
function inheritableEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('VSCODE_') || name.startsWith('ELECTRON_')) continue;
    env[name] = value;
  }
  return env;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function waitUntilHealthy(origin: string, child: ChildProcess, server: RunningCodeServer): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited during startup (${child.exitCode ?? child.signalCode}):\n${server.logTail()}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(200);
  }
  throw new Error(`code-server did not answer on ${origin} within ${STARTUP_TIMEOUT_MS / 1000}s:\n${server.logTail()}`);
}

export interface WorkbenchUrlOptions {
  folder: string;
  /** Absolute path of the extension under development (holding its package.json). */
  extensionDevelopmentPath: string;
  /** Absolute path of a module exporting `run()`, as for @vscode/test-electron. */
  extensionTestsPath?: string;
  /** `web` runs the extension's `browser` entry in the web-worker extension host. */
  extensionDevelopmentKind?: 'web';
}

/**
 * The workbench URL that loads an extension under development (and optionally runs its tests):
 * the web workbench reads the same launch arguments as the desktop one from `payload`.
 */
export function workbenchUrl(server: RunningCodeServer, options: WorkbenchUrlOptions): string {
  const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]];
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  if (options.extensionDevelopmentKind) payload.push(['extensionDevelopmentKind', options.extensionDevelopmentKind]);
  const query = new URLSearchParams({ folder: options.folder, payload: JSON.stringify(payload) });
  return `${server.origin}/?${query.toString()}`;
}

export const CHROMIUM_PATH = process.env.COMPLETIONS_CHAT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless Debian chromium. The flags keep it off the network (this machine's closed network
 * refuses its background connections, many at a time) and let it run as root.
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

export function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
