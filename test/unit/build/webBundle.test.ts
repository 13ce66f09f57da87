// The web extension's entry (package.json `browser`) and the chat (dist/chatCore.js, which the
// desktop runs too) run in a web worker: no Node module may be pulled in, no Node global used
// bare. The build is made to fail on either (scripts/webBuild.mjs); here it is built for real,
// checked, and made to fail on planted code. The desktop's own part (dist/chat.js) holds only
// Node's pieces: nothing of the chat twice, so each class checked with `instanceof` exists once.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import type { BuildOptions, BuildResult, Metafile } from 'esbuild';

interface WebBuild {
  webBuilds(common: BuildOptions, options?: { entries?: string[]; outdir?: string }): BuildOptions[];
  desktopPartBuild(common: BuildOptions, options?: { outdir?: string }): BuildOptions;
}

const COMMON: BuildOptions = { bundle: true, logLevel: 'silent', target: 'es2022', write: true };

describe('the web extension bundle (browser entry)', function () {
  this.timeout(60_000);
  let web: WebBuild;
  let esbuild: typeof import('esbuild');
  let outdir: string;
  /** Planted entries live under the repository, so their imports of src/ resolve. */
  const plantDir = resolve('out/webPlant');

  before(async () => {
    const specifier = pathToFileURL(resolve('scripts/webBuild.mjs')).href;
    web = (await import(specifier)) as WebBuild;
    esbuild = await import('esbuild');
    outdir = mkdtempSync(join(tmpdir(), 'cc-web-'));
    mkdirSync(plantDir, { recursive: true });
  });
  after(() => {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(plantDir, { recursive: true, force: true });
  });

  const build = (entries?: string[]): Promise<BuildResult[]> => Promise.all(web.webBuilds(COMMON, { entries, outdir }).map((options) => esbuild.build(options)));

  const plant = (name: string, code: string): string => {
    const file = join(plantDir, name);
    writeFileSync(file, code);
    return relative(process.cwd(), file);
  };

  const failure = async (entry: string): Promise<string> => {
    try {
      await build([entry, entry]);
    } catch (error) {
      return (error as { errors?: { text: string }[] }).errors?.map((item) => item.text).join('\n') ?? String(error);
    }
    assert.fail(`the browser build of ${entry} did not fail`);
  };

  it('builds both entries with nothing of Node in their inputs, the platforms of both in the chat', async () => {
    const results = await build();
    const inputs = results.flatMap((result) => Object.keys((result.metafile as Metafile).inputs));
    for (const file of ['src/host/web/extensionWeb.ts', 'src/host/chatCore.ts', 'src/host/chatRuntime.ts', 'src/host/storage/workspaceFileStore.ts', 'src/host/nodePlatform.ts', 'src/host/web/webPlatform.ts']) {
      assert.ok(inputs.includes(file), `${file} is not in the browser bundles`);
    }
    const nodeOnly = ['src/host/images/imageRequest.ts', 'src/host/storage/fileStore.ts', 'src/host/images/imageStore.ts', 'src/host/images/nodeImageFiles.ts', 'src/host/network/caCertificates.ts', 'src/host/nodeParts.ts', 'src/host/chatMain.ts'];
    for (const file of nodeOnly) assert.ok(!inputs.includes(file), `${file} is in the browser bundle`);
    for (const file of ['web/extension.js', 'chatCore.js']) {
      const requires = [...readFileSync(join(outdir, file), 'utf8').matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
      assert.deepEqual([...new Set(requires)], ['vscode'], `${file} requires only vscode`);
    }
  });

  it("builds the desktop's part from Node's pieces only, sharing no module of the chat but a constant and the translator", async () => {
    const [, core] = await build();
    const desktop = await esbuild.build(web.desktopPartBuild(COMMON, { outdir }));
    const chat = new Set(Object.keys((core!.metafile as Metafile).inputs));
    const inputs = Object.keys((desktop.metafile as Metafile).inputs);
    assert.ok(inputs.includes('src/host/nodeParts.ts') && inputs.includes('src/host/images/imageRequest.ts'));
    // Shared: a constant, and the translator, which each bundle installs for itself (chatMain.ts).
    assert.deepEqual(inputs.filter((file) => chat.has(file)).sort(), ['src/core/l10n.ts', 'src/host/localization.ts', 'src/host/storage/fileStoreContract.ts', 'src/shared/l10n.ts']);
    // The chat is required beside it at run time, never bundled into it.
    assert.ok(!inputs.includes('src/host/chatRuntime.ts'));
  });

  it('fails on a Node built-in module, with or without the node: prefix, and on one reached through our own Node-only files', async () => {
    assert.match(await failure(plant('fs.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n")), /must not use Node's 'node:fs'/);
    assert.match(await failure(plant('path.ts', "import { join } from 'path';\nexport const j = join;\n")), /must not use Node's 'path'/);
    assert.match(
      await failure(plant('store.ts', "import { NodeFileStore } from '../../src/host/storage/fileStore';\nexport const s = NodeFileStore;\n")),
      /must not use Node's .*src\/host\/storage\/fileStore\.ts/,
    );
  });

  it('fails on a bare Node global', async () => {
    assert.match(await failure(plant('buffer.ts', "export const b = Buffer.from('x');\n")), /global 'Buffer'/);
    assert.match(await failure(plant('process.ts', 'export const pid = process.pid;\n')), /global 'process'/);
  });

  it('activates in a worker-like global without Node and loads nothing of the chat until asked', async () => {
    await build();
    const registered: string[] = [];
    const vscodeFake = {
      ExtensionMode: { Production: 1, Test: 3 },
      Uri: { joinPath: () => assert.fail('activation touched a file') },
      workspace: { fs: { readFile: () => assert.fail('activation read a file') } },
      window: { registerWebviewViewProvider: (id: string) => (registered.push(`view ${id}`), { dispose() {} }), onDidChangeActiveTextEditor: () => ({ dispose() {} }), activeTextEditor: undefined },
      commands: { registerCommand: (id: string) => (registered.push(id), { dispose() {} }) },
      languages: { registerCodeActionsProvider: () => ({ dispose() {} }) },
      CodeActionKind: { QuickFix: { append: () => ({}) } },
    };
    const module = { exports: {} as { activate?: (context: unknown) => unknown } };
    // Only what a web worker has: no require, process, Buffer or setImmediate.
    const context = vm.createContext({ console, URL, TextDecoder, TextEncoder, crypto, setTimeout, clearTimeout, queueMicrotask, fetch: () => assert.fail('activation fetched') });
    const code = readFileSync(join(outdir, 'web/extension.js'), 'utf8');
    vm.runInContext(`(function (module, exports, require) {${code}\n})`, context)(module, module.exports, (id: string) => {
      if (id === 'vscode') return vscodeFake;
      throw new Error(`Cannot load module '${id}'`);
    });
    const subscriptions: unknown[] = [];
    module.exports.activate!({ subscriptions, extensionMode: 1, extensionUri: {} });
    assert.ok(registered.includes('view completionsChat.chatView'));
    assert.ok(registered.includes('completionsChat.askAboutSelection'));
    assert.ok(subscriptions.length > 3);
  });
});
