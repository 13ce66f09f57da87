// dist/math.js as it ships (scripts/mathBuild.mjs: KaTeX built from its source with the MathML
// output only) draws exactly what KaTeX's published bundle draws with the panel's options: the
// snapshot taken from the bundle before (test/fixtures/math/mathml-snapshot.json), and, side by
// side with the installed katex package, every command and environment KaTeX defines and every
// font over a set of characters.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import type { BuildOptions, Metafile } from 'esbuild';
import katex from 'katex';
import { mathEngineGlobal, type MathEngine, type MathEngineHolder } from '../../../src/webview/mathEngine';
import { katexOptions } from '../../../src/webview/mathRender';
import { MATH_CASES, type MathCase } from '../../support/mathCorpus';

interface MathBuildScript {
  mathBuild(common: BuildOptions, options?: { outfile?: string }): Promise<BuildOptions>;
  fontMetrics(): Record<string, Record<number, number[]>>;
  fontPresenceModule(): string;
}

interface Snapshot {
  katex: string;
  cases: (MathCase & { html: string })[];
}

/** Commands that write to the console (\show, \message…): same code path, nothing drawn. */
const NOISY = new Set(['show', 'message', 'errmessage']);

const render = (engine: MathEngine, { tex, display }: MathCase): string => engine.renderToString(tex, { ...katexOptions, displayMode: display });

/** Every `\name` string and every environment name in KaTeX's published bundle. */
function katexNames(): { commands: string[]; environments: string[] } {
  const text = readFileSync(require.resolve('katex'), 'utf8');
  const commands = new Set(Array.from(text.matchAll(/"\\\\([A-Za-z@]+)"/g), (match) => match[1]!));
  const environments = new Set<string>();
  for (const list of text.matchAll(/names:\s*\[([^\]]*)\]/g)) {
    for (const name of list[1]!.matchAll(/"([A-Za-z*]+)"/g)) environments.add(name[1]!);
  }
  return { commands: [...commands].filter((name) => !NOISY.has(name)), environments: [...environments] };
}

describe('the math bundle (dist/math.js) as it ships', function () {
  this.timeout(120_000);
  let outdir: string;
  let script: MathBuildScript;
  let built: MathEngine;
  /** The bundle's modules and the bytes each left in it. */
  let inputs: Metafile['outputs'][string]['inputs'];

  before(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'cc-math-'));
    script = (await import(pathToFileURL(resolve('scripts/mathBuild.mjs')).href)) as MathBuildScript;
    const esbuild = await import('esbuild');
    const options = await script.mathBuild({ bundle: true, minify: true, target: 'es2022', legalComments: 'none', logLevel: 'silent' }, { outfile: join(outdir, 'math.js') });
    const result = await esbuild.build({ ...options, metafile: true });
    inputs = Object.values((result.metafile as Metafile).outputs)[0]!.inputs;
    const page: MathEngineHolder & { globalThis?: unknown } = {};
    page.globalThis = page;
    runInNewContext(readFileSync(join(outdir, 'math.js'), 'utf8'), page);
    built = page[mathEngineGlobal]!;
  });
  after(() => rmSync(outdir, { recursive: true, force: true }));

  it('draws the corpus exactly as the bundle built from KaTeX\'s published katex.mjs did', () => {
    const snapshot = JSON.parse(readFileSync(resolve('test/fixtures/math/mathml-snapshot.json'), 'utf8')) as Snapshot;
    // After a KaTeX update, take the snapshot again from the published bundle (the installed
    // katex package, renderToString with katexOptions) before trusting a build of the new source.
    assert.equal(snapshot.katex, katex.version, 'the snapshot was taken with another KaTeX');
    assert.equal(snapshot.cases.length, MATH_CASES.length);
    for (const [index, expected] of snapshot.cases.entries()) {
      assert.deepEqual({ tex: MATH_CASES[index]!.tex, display: MATH_CASES[index]!.display }, { tex: expected.tex, display: expected.display });
      assert.equal(render(built, expected), expected.html, expected.tex);
    }
    // What the options refuse is refused as before: links and pictures stay unlinked red text.
    const refused = snapshot.cases.find((entry) => entry.tex.startsWith('\\href'))!.html;
    assert.doesNotMatch(refused, /href=|<a /);
  });

  it('draws every command and environment KaTeX defines as the installed katex package does', () => {
    const { commands, environments } = katexNames();
    assert.ok(commands.length > 900 && environments.length > 25, `${commands.length} commands, ${environments.length} environments`);
    const cases: MathCase[] = [];
    for (const name of commands) {
      cases.push({ tex: `\\${name}`, display: false }, { tex: `\\${name}{a}{b}{c}`, display: false }, { tex: `x\\${name}[y]{a}_1^2`, display: true });
    }
    for (const name of environments) {
      cases.push({ tex: `\\begin{${name}}{cc} a & b \\\\ c & d \\end{${name}}`, display: true }, { tex: `\\begin{${name}} a & b \\\\ c \\end{${name}}`, display: false });
    }
    const differing = cases.filter((entry) => render(built, entry) !== render(katex, entry)).map((entry) => entry.tex);
    assert.deepEqual(differing, []);
  });

  it('draws every font over letters, digits, Greek and symbols as the installed katex package does', () => {
    const fonts = ['mathbb', 'mathcal', 'mathfrak', 'mathscr', 'mathsf', 'mathsfit', 'mathtt', 'mathbf', 'mathit', 'mathrm', 'mathnormal', 'boldsymbol', 'bm', 'Bbb', 'bold', 'frak', 'textbf', 'textit', 'textsf', 'texttt', 'textrm', 'textnormal', 'emph', 'textup', 'textmd'];
    const ascii = Array.from({ length: 94 }, (_, index) => String.fromCharCode(33 + index)).filter((char) => !'\\{}%#&^_$~'.includes(char));
    const greek = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'theta', 'vartheta', 'lambda', 'mu', 'pi', 'varpi', 'rho', 'sigma', 'phi', 'varphi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Phi', 'Psi', 'Omega', 'imath', 'jmath', 'ell', 'hbar', 'nabla', 'partial', 'infty'];
    const others = ['é', 'ß', 'ı', 'ȷ', 'Å', 'ℏ', '∂', '∇', '∞', '±', '×', '÷', '→', 'ø', 'Ω', 'ü', 'ñ', 'æ', 'œ', '£', '中'];
    const differing: string[] = [];
    for (const font of fonts) {
      for (const body of [ascii.join(' '), greek.map((name) => `\\${name}`).join(' '), others.join(' ')]) {
        for (const display of [false, true]) {
          const entry = { tex: `\\${font}{${body}}`, display };
          if (render(built, entry) !== render(katex, entry)) differing.push(entry.tex);
        }
      }
    }
    assert.deepEqual(differing, []);
  });

  it('keeps which characters each font has, for every character', () => {
    const full = script.fontMetrics();
    const kept = new Function(script.fontPresenceModule().replace('export default', 'return')) as () => Record<string, Record<number, number[]>>;
    const presence = kept();
    assert.deepEqual(Object.keys(presence), Object.keys(full));
    for (const [font, table] of Object.entries(full)) {
      for (let code = 0; code < 0x20000; code++) assert.equal(code in presence[font]!, code in table, `${font} U+${code.toString(16)}`);
    }
    // \LaTeX's macro reads these two heights.
    for (const char of 'TA') assert.deepEqual(presence['Main-Regular']![char.charCodeAt(0)], full['Main-Regular']![char.charCodeAt(0)]);
  });

  it('leaves KaTeX\'s HTML output out, and draws MathML whatever output is asked for', () => {
    const bytes = (end: string) => Object.entries(inputs).find(([path]) => path.endsWith(end))?.[1].bytesInOutput ?? 0;
    assert.equal(bytes('katex/src/svgGeometry.ts'), 0, 'the SVG paths of the HTML output');
    // Of the HTML builder and the delimiter sizing (3 and 7 KB) only small constant tables stay
    // (they read Style's members, which esbuild cannot prove free of side effects).
    assert.ok(bytes('katex/src/buildHTML.ts') + bytes('katex/src/delimiter.ts') < 2_000, `${bytes('katex/src/buildHTML.ts')} + ${bytes('katex/src/delimiter.ts')} bytes`);
    assert.ok(bytes('katex/src/fontMetricsData.js') < 5_000, 'the glyph measurements are left out');
    assert.ok(bytes('katex/src/buildMathML.ts') > 0);
    assert.ok(!Object.keys(inputs).some((path) => path.includes('katex/dist/')), 'built from the source, not the published bundle');
    assert.match(built.renderToString('x^2', { ...katexOptions, output: 'html' }), /^<span class="katex"><math /);
  });
});
