// The web extension's build (package.json `browser`): vscode.dev, github.dev and code-server's
// web worker extension host run it in a web worker, where Node's modules and globals do not
// exist. Two entries, as on the desktop: a small dist/web/extension.js that activation loads,
// and dist/web/chat.js, loaded on first use. Used by esbuild.mjs and by the build test
// (test/unit/build/webBundle.test.ts), which plants a Node import and expects this to fail.

import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { relative, resolve } from 'node:path';

const NODE_MODULES = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Node globals a web worker lacks, used bare in code (comments are skipped, feature tests like `globalThis.Buffer` pass). */
const NODE_GLOBALS = /(?<![.\w$])(process|Buffer|__dirname|__filename|setImmediate|require)\s*[.(]/;

/**
 * Modules of ours that use Node and have a web stand-in, as a package's `browser` field swaps
 * them: the importer's specifier (as written) → the stand-in.
 */
export const WEB_SWAPS = {
  'src/host/images/imageRequest.ts': 'src/host/web/imageRequest.web.ts',
};

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

/** Puts the web stand-ins of WEB_SWAPS in place of the Node modules. */
export const webSwaps = {
  name: 'web-swaps',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      for (const [nodeFile, webFile] of Object.entries(WEB_SWAPS)) {
        const target = resolve(args.resolveDir, args.path);
        if (target === resolve(nodeFile.replace(/\.ts$/, '')) || target === resolve(nodeFile)) return { path: resolve(webFile) };
      }
      return undefined;
    });
  },
};

/** @returns {import('esbuild').BuildOptions[]} */
export function webBuilds(common, { entries = ['src/host/web/extensionWeb.ts', 'src/host/web/chatMainWeb.ts'], outdir = 'dist/web' } = {}) {
  const [entry, chat] = entries;
  const web = {
    ...common,
    platform: 'browser',
    format: 'cjs',
    // The web worker host's loader gives `require` for 'vscode' only.
    external: ['vscode'],
    // Our own modules only: the order matters (a swap resolves before the check sees Node's modules).
    plugins: [webSwaps, noNodeInBrowser],
    mainFields: ['browser', 'module', 'main'],
    conditions: ['browser'],
    metafile: true,
  };
  return [
    { ...web, entryPoints: { extension: entry }, outdir },
    { ...web, entryPoints: { chat }, outdir },
  ];
}
