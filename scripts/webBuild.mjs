// The browser-platform builds: the web extension's entry (package.json `browser`,
// dist/web/extension.js, which activation loads in vscode.dev, github.dev and code-server's web
// worker extension host) and the chat itself (dist/chatCore.js, loaded on first use), which the
// desktop runs too: one bundle for both, so it must run where Node's modules and globals do not
// exist. The desktop's own part (dist/chat.js) holds only Node's pieces and hands them in
// (desktopPartBuild). Used by esbuild.mjs and by the build test (test/unit/build/webBundle.test.ts),
// which plants a Node import and expects this to fail.

import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { relative } from 'node:path';

const NODE_MODULES = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Node globals a web worker lacks, used bare in code (comments are skipped, feature tests like `globalThis.Buffer` pass). */
const NODE_GLOBALS = /(?<![.\w$])(process|Buffer|__dirname|__filename|setImmediate|require)\s*[.(]/;

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Fails the build on any Node built-in module or bare Node global in what the bundle pulls in. */
export const noNodeInBrowser = {
  name: 'no-node-in-browser',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (NODE_MODULES.has(args.path) || args.path.startsWith('node:')) {
        const from = relative(process.cwd(), args.importer);
        return { errors: [{ text: `The browser build must not use Node's '${args.path}' (imported by ${from}).` }] };
      }
      return undefined;
    });
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const found = NODE_GLOBALS.exec(stripComments(text));
      if (!found) return undefined;
      return { errors: [{ text: `The browser build must not use Node's global '${found[1]}' (in ${relative(process.cwd(), args.path)}).` }] };
    });
  },
};

/** @returns {import('esbuild').BuildOptions[]} */
export function webBuilds(common, { entries = ['src/host/web/extensionWeb.ts', 'src/host/chatCore.ts'], outdir = 'dist' } = {}) {
  const [entry, core] = entries;
  const web = {
    ...common,
    platform: 'browser',
    format: 'cjs',
    // The web worker host's loader gives `require` for 'vscode' only.
    external: ['vscode'],
    plugins: [noNodeInBrowser],
    mainFields: ['browser', 'module', 'main'],
    conditions: ['browser'],
    metafile: true,
  };
  return [
    { ...web, entryPoints: { 'web/extension': entry }, outdir },
    { ...web, entryPoints: { chatCore: core }, outdir },
  ];
}

/**
 * The desktop's part of the chat (dist/chat.js): Node's pieces only (host/nodeParts.ts), handed
 * to dist/chatCore.js, which it requires by a computed path.
 * @returns {import('esbuild').BuildOptions}
 */
export function desktopPartBuild(common, { entry = 'src/host/chatMain.ts', outdir = 'dist' } = {}) {
  return { ...common, entryPoints: { chat: entry }, outdir, platform: 'node', format: 'cjs', external: ['vscode'], metafile: true };
}
