// One e2e run's world: a fresh temp folder holding a copy of the sample workspace, a fresh
// user-data and extensions directory with the PACKAGED extension (.vsix) installed into it,
// the loopback Chat Completions server, code-server, and headless chromium showing the
// workbench. Users install the .vsix, so that is what is tested, not the source folder.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { QUIET_WORKBENCH_SETTINGS, REPO_ROOT, ensureCodeServerInstalled, launchChromium, startCodeServer, type RunningCodeServer } from '../support/codeServer';
import { FakeApiServer } from '../support/fakeApiServer';
import { ImageServer } from '../support/imageServer';
import { STEP_TIMEOUT_MS } from './waits';

export const VSIX_PATH = join(REPO_ROOT, 'completions-chat.vsix');
/** publisher.name-version, the folder code-server unpacks the .vsix into. */
const INSTALLED_PREFIX = 'completions-chat.completions-chat-';

export interface E2eEnvironment {
  readonly tempRoot: string;
  readonly workspace: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly api: FakeApiServer;
  /** A second loopback server for images in answers: it records every request (and its headers). */
  readonly images: ImageServer;
  /** The USER settings file, where `application`-scoped settings (completionsChat.imageHosts) live. */
  readonly userSettingsFile: string;
  readonly server: RunningCodeServer;
  readonly browser: Browser;
  readonly page: Page;
  /** Workbench address for the sample workspace. */
  readonly workbenchUrl: string;
  /** Browser console lines, for failure reports. */
  readonly browserLog: string[];
  close(keepFiles: boolean): Promise<void>;
}

export async function createEnvironment(log: (line: string) => void): Promise<E2eEnvironment> {
  if (!existsSync(VSIX_PATH)) throw new Error(`${VSIX_PATH} is missing: run \`npm run package\` first`);
  const installDir = ensureCodeServerInstalled();
  const tempRoot = mkdtempSync(join(tmpdir(), 'completions-chat-e2e-'));
  const workspace = join(tempRoot, 'workspace');
  const userDataDir = join(tempRoot, 'user-data');
  const extensionsDir = join(tempRoot, 'extensions');
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });

  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const api = await new FakeApiServer({ models: ['gpt-4o-mini', 'e2e-model'] }).start();
    cleanups.push(() => api.stop());
    const images = await new ImageServer().start();
    cleanups.push(() => images.stop());
    writeSettings(userDataDir, `${api.url}/v1`);
    installVsix(installDir, userDataDir, extensionsDir);
    log(`installed ${VSIX_PATH} into ${extensionsDir}`);

    const server = await startCodeServer({
      installDir,
      workspaceFolder: workspace,
      userDataDir,
      extensionsDir,
      logFile: join(tempRoot, 'code-server.log'),
    });
    cleanups.push(() => server.stop());
    log(`code-server ${server.origin}, fake API ${api.url}, temp folder ${tempRoot}`);

    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Any Playwright action without a timeout of its own gets a step's, not the 30 s default.
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const browserLog: string[] = [];
    page.on('console', (message) => browserLog.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => browserLog.push(`[pageerror] ${error.message}`));

    return {
      tempRoot,
      workspace,
      userDataDir,
      extensionsDir,
      api,
      images,
      userSettingsFile: join(userDataDir, 'User', 'settings.json'),
      server,
      browser,
      page,
      workbenchUrl: `${server.origin}/?${new URLSearchParams({ folder: workspace }).toString()}`,
      browserLog,
      close: async (keepFiles) => {
        await cleanUp();
        if (!keepFiles) rmSync(tempRoot, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * Settings before the first start. The workbench's own go into the user's settings.json. The
 * extension's go into the remote (machine) settings, <user-data>/Machine, which a remote
 * window such as code-server reads on its own side at once. (When baseUrl was still
 * `machine-overridable`, VS Code ignored it in the user's settings.json in a remote window and
 * a reload fell back to the default endpoint; the reload flow found it.)
 */
function writeSettings(userDataDir: string, baseUrl: string): void {
  const workbenchSettings = {
    ...QUIET_WORKBENCH_SETTINGS,
    // Typing in the editor must produce exactly the keys pressed.
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.formatOnSave': false,
    'files.autoSave': 'off',
  };
  const extensionSettings = {
    // Loopback, so plain http is allowed and no token is required (but sent once set).
    'completionsChat.baseUrl': baseUrl,
    'completionsChat.model': 'e2e-model',
  };
  writeJson(join(userDataDir, 'User', 'settings.json'), workbenchSettings);
  writeJson(join(userDataDir, 'Machine', 'settings.json'), extensionSettings);
}

function writeJson(file: string, value: object): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
}

/** `code-server --install-extension x.vsix`, offline, into this run's extensions dir. */
function installVsix(installDir: string, userDataDir: string, extensionsDir: string): void {
  const entry = join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const run = spawnSync(
    process.execPath,
    [
      entry,
      '--config', join(userDataDir, 'code-server-config.yaml'),
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--install-extension', VSIX_PATH,
    ],
    { cwd: installDir, encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.status !== 0) throw new Error(`installing ${VSIX_PATH} failed (exit ${run.status}):\n${output}`);
  const installed = existsSync(extensionsDir) && readdirSync(extensionsDir).some((name) => name.startsWith(INSTALLED_PREFIX));
  if (!installed) throw new Error(`code-server said it installed ${VSIX_PATH}, but ${extensionsDir} holds no ${INSTALLED_PREFIX}*:\n${output}`);
}
