// The math bundle (dist/math.js): KaTeX built from its own TypeScript source (katex/katex.ts and
// katex/src/, shipped in its npm package) with only what the panel's output needs. The panel asks
// KaTeX for MathML alone (`output: 'mathml'`, src/webview/mathRender.ts): Chromium draws it, no
// KaTeX fonts or CSS ship. KaTeX's published bundle also carries its HTML output (a builder per
// command, the SVG paths of stretchy arrows, braces and radicals, every glyph's measurements),
// which this output never runs. Here:
// - every command's and environment's `htmlBuilder` is taken out of its definition, so the HTML
//   builders and what only they use (svgGeometry, delimiter sizing, buildHTML) drop out of the
//   bundle; buildTree's HTML branches throw, should another output ever be asked for;
// - the glyph measurements (fontMetricsData.js) keep only which characters each font has: the
//   MathML builder asks no more (buildMathML's getVariant: is the character in the font?), and
//   the two heights the \LaTeX macro reads are kept as they are.
// test/unit/build/mathBundle.test.ts checks the bundle draws exactly what KaTeX's published
// bundle draws, for a corpus of formulas and every command KaTeX defines.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

/** The KaTeX package's directory. */
export function katexRoot() {
  return dirname(require.resolve('katex/package.json'));
}

/** fontMetricsData.js's table: font → char code → [depth, height, italic, skew, width]. */
export function fontMetrics(root = katexRoot()) {
  const text = readFileSync(join(root, 'src/fontMetricsData.js'), 'utf8');
  const body = text.replace(/^\s*\/\/.*$/gm, '').replace(/^\s*export default\s*/m, 'return ');
  if (!body.includes('return {')) throw new Error("KaTeX's fontMetricsData.js is no longer `export default {…}`: update scripts/mathBuild.mjs");
  return new Function(body)();
}

/** Entries kept with their real measurements: macros.ts reads the heights of T and A (\LaTeX). */
const MEASURED = { 'Main-Regular': ['T', 'A'] };

/** Sorted char codes as base-36 ranges: "w,1t-2i,…". */
function ranges(codes) {
  const parts = [];
  for (let index = 0; index < codes.length; index++) {
    const start = codes[index];
    while (codes[index + 1] === codes[index] + 1) index++;
    parts.push(start === codes[index] ? start.toString(36) : `${start.toString(36)}-${codes[index].toString(36)}`);
  }
  return parts.join(',');
}

/** The module that stands in for fontMetricsData.js: the same fonts and characters, no measurements. */
export function fontPresenceModule(metrics = fontMetrics()) {
  const fonts = Object.entries(metrics).map(([font, table]) => {
    const codes = Object.keys(table).map(Number).sort((a, b) => a - b);
    const measured = (MEASURED[font] ?? []).map((char) => `${char.charCodeAt(0)}: ${JSON.stringify(table[char.charCodeAt(0)])}`);
    return `${JSON.stringify(font)}: fontChars(${JSON.stringify(ranges(codes))}, { ${measured.join(', ')} })`;
  });
  return [
    '// Written by scripts/mathBuild.mjs from KaTeX\'s fontMetricsData.js: which characters each font has.',
    'const unmeasured = [0, 0, 0, 0, 0];',
    'function fontChars(ranges, measured) {',
    '  const table = {};',
    "  for (const range of ranges.split(',')) {",
    "    const [first, last = first] = range.split('-').map((code) => parseInt(code, 36));",
    '    for (let code = first; code <= last; code++) table[code] = measured[code] ?? unmeasured;',
    '  }',
    '  return table;',
    '}',
    `export default { ${fonts.join(',\n')} };`,
  ].join('\n');
}

/** `katex` → its source entry; KaTeX's sources trimmed to the MathML output (see above). */
function mathmlOnly(typescript) {
  const root = katexRoot();
  const stripped = [];
  return {
    name: 'katex-mathml-only',
    setup(build) {
      build.onResolve({ filter: /^katex$/ }, () => ({ path: join(root, 'katex.ts') }));
      build.onLoad({ filter: /[\\/]katex[\\/]src[\\/]fontMetricsData\.js$/ }, () => ({ contents: fontPresenceModule(), loader: 'js' }));
      build.onLoad({ filter: /[\\/]katex[\\/]src[\\/].*\.ts$/ }, (args) => {
        let contents = withoutHtmlBuilders(typescript, args.path, readFileSync(args.path, 'utf8'), stripped);
        if (/[\\/]buildTree\.ts$/.test(args.path)) contents = withoutBuildHtml(contents);
        if (/[\\/]svgGeometry\.ts$/.test(args.path)) contents = contents.replace(/(?<!const )\bdoubleBrushStroke\(/g, '/* @__PURE__ */ doubleBrushStroke(');
        return { contents, loader: 'ts' };
      });
      build.onEnd((result) => {
        if (result.errors.length === 0 && stripped.length < 20) {
          throw new Error(`only ${stripped.length} of KaTeX's htmlBuilders were found: update scripts/mathBuild.mjs`);
        }
      });
    },
  };
}

const BUILD_HTML_IMPORT = 'import buildHTML from "./buildHTML";';

function withoutBuildHtml(source) {
  if (!source.includes(BUILD_HTML_IMPORT)) throw new Error("KaTeX's buildTree.ts no longer imports buildHTML as expected: update scripts/mathBuild.mjs");
  return source.replace(BUILD_HTML_IMPORT, "const buildHTML = (..._: unknown[]): never => { throw new Error(\"KaTeX's HTML output is not part of this build (dist/math.js): ask for output: 'mathml'\"); };");
}

/** `source` with every `htmlBuilder` property of its object literals removed (names pushed to `stripped`). */
function withoutHtmlBuilders(ts, path, source, stripped) {
  if (!source.includes('htmlBuilder')) return source;
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
  let found = 0;
  const visitor = (context) => {
    const visit = (node) => {
      if (ts.isObjectLiteralExpression(node)) {
        const kept = node.properties.filter((property) => !(property.name && ts.isIdentifier(property.name) && property.name.text === 'htmlBuilder'));
        if (kept.length !== node.properties.length) {
          found += node.properties.length - kept.length;
          node = ts.factory.updateObjectLiteralExpression(node, kept);
        }
      }
      return ts.visitEachChild(node, visit, context);
    };
    return visit;
  };
  const [result] = ts.transform(file, [(context) => (root) => ts.visitNode(root, visitor(context))]).transformed;
  if (found === 0) return source;
  stripped.push(...Array(found).fill(path));
  return ts.createPrinter().printFile(result);
}

/** @returns {Promise<import('esbuild').BuildOptions>} */
export async function mathBuild(common, { outfile = 'dist/math.js' } = {}) {
  const typescript = (await import('typescript')).default;
  return {
    ...common,
    // Loaded by the webview only when an answer holds math (src/webview/mathLoader.ts).
    entryPoints: ['src/webview/mathBundle.ts'],
    outfile,
    platform: 'browser',
    format: 'iife',
    define: { ...common.define, __VERSION__: JSON.stringify(JSON.parse(readFileSync(join(katexRoot(), 'package.json'), 'utf8')).version) },
    plugins: [...(common.plugins ?? []), mathmlOnly(typescript)],
  };
}
