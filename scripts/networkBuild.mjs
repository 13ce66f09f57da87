// The Node-only network bundle (dist/network.js: undici's Agent and ProxyAgent, issue 12), and
// what of undici it leaves out. Each part left out is one this extension cannot reach, and each
// stand-in fails loudly, naming what is missing, should that ever change:
// - the SIMD copy of the HTTP parser: undici falls back to the plain one when it fails to load;
// - the plain parser's WebAssembly as a file beside the bundle (dist/llhttp.wasm) instead of
//   base64 text in it: a quarter smaller in the .vsix;
// - HTTP/2 (reached only when a dispatcher is built with allowH2, never here);
// - SOCKS proxies (proxyRules.ts accepts http:// and https:// proxies only);
// - FormData request bodies and with them undici's fetch helpers (fetch is Node's own; the
//   dispatchers here carry fetch's streamed bodies and images' GETs, never a FormData).
// Used by esbuild.mjs and by test/unit/build/networkBundle.test.ts, which builds it and sends
// requests through it.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** undici's module (by the end of its path) → the stand-in's code. */
export const LEFT_OUT = {
  'llhttp/llhttp_simd-wasm.js': 'module.exports = undefined;',
  'llhttp/llhttp-wasm.js':
    "let bytes;\nObject.defineProperty(module, 'exports', { get: () => (bytes ??= require('node:fs').readFileSync(require('node:path').join(__dirname, 'llhttp.wasm'))) });",
  'dispatcher/client-h2.js': "module.exports = () => { throw new Error('HTTP/2 is not part of this build of undici (dist/network.js)'); };",
  'dispatcher/socks5-proxy-agent.js': "module.exports = class { constructor() { throw new Error('SOCKS proxies are not part of this build of undici (dist/network.js)'); } };",
  'web/fetch/body.js':
    "module.exports = { get extractBody() { throw new Error('FormData bodies are not part of this build of undici (dist/network.js)'); } };",
};

function leaveOut() {
  return {
    name: 'undici-left-out',
    setup(build) {
      build.onLoad({ filter: /[\\/]undici[\\/]lib[\\/]/ }, (args) => {
        const path = args.path.replace(/\\/g, '/');
        const key = Object.keys(LEFT_OUT).find((end) => path.endsWith(`/undici/lib/${end}`));
        return key === undefined ? undefined : { contents: LEFT_OUT[key], loader: 'js' };
      });
    },
  };
}

/** The plain HTTP parser's WebAssembly bytes, from undici's base64 module. */
export function llhttpWasm() {
  const text = readFileSync(require.resolve('undici/lib/llhttp/llhttp-wasm.js'), 'utf8');
  const base64 = /wasmBase64\s*=\s*'([A-Za-z0-9+/=]+)'/.exec(text)?.[1];
  if (!base64) throw new Error("undici's llhttp-wasm.js no longer holds the parser as base64: update scripts/networkBuild.mjs");
  return Buffer.from(base64, 'base64');
}

/** @returns {import('esbuild').BuildOptions} Also writes `${outdir}/llhttp.wasm`. */
export function networkBuild(common, { outdir = 'dist' } = {}) {
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, 'llhttp.wasm'), llhttpWasm());
  return {
    ...common,
    entryPoints: { network: 'src/host/network/networkMain.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    plugins: [leaveOut()],
  };
}
