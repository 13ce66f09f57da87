// Builds the extension (host: node/cjs, webview: browser/iife) and, with --tests, the test and
// benchmark files. Type checking is `npm run typecheck`; esbuild only strips types.
import { writeCodicons } from './scripts/codicons.mjs';
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { mathBuild } from './scripts/mathBuild.mjs';
import { networkBuild } from './scripts/networkBuild.mjs';
import { writeNotices } from './scripts/notices.mjs';
import { desktopPartBuild, webBuilds } from './scripts/webBuild.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  target: 'es2022',
  legalComments: 'none',
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    // Activation loads only this small bundle; the rest is dist/chat.js, required on first use.
    external: ['vscode', './chat.js'],
  },
  // The desktop's Node pieces (dist/chat.js), required on first use; they require the chat
  // itself, dist/chatCore.js, built below with the web builds (one bundle for both).
  desktopPartBuild(common),
  // Network (issue 12): Node only, never part of a browser bundle; undici's parts this
  // extension cannot reach are left out (scripts/networkBuild.mjs).
  networkBuild(common),
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
  },
  // KaTeX with its MathML output only, loaded by the webview only when an answer holds math.
  await mathBuild(common),
];

// --- Web extension (package.json `browser`) and the chat both entries share (dist/chatCore.js).
// Browser platform; the build fails on any Node module or global (scripts/webBuild.mjs).
builds.push(...webBuilds(common));
// --- end web extension
/** Every .ts file below `dir`, for the test and bench entries. */
function tsFilesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

if (tests) {
  rmSync('out', { recursive: true, force: true });
  builds.push({
    ...common,
    entryPoints: [...tsFilesUnder('test'), ...tsFilesUnder('bench')],
    outdir: 'out',
    outbase: '.',
    platform: 'node',
    format: 'cjs',
    // Packages stay real requires: mocha, vscode and the DOM shim must be the installed ones.
    packages: 'external',
    logLevel: 'warning',
  });
}

// Only the codicons the panel uses, in a cut-down font (scripts/codicons.mjs); the webview loads
// them from dist/codicons/ under its CSP.
await writeCodicons();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build({ ...options, metafile: true })));
  // The licenses of every package the extension's bundles took code from (not the tests').
  writeNotices(results.filter((_result, index) => builds[index].outdir !== 'out').map((result) => result.metafile));
}
