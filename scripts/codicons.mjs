// The codicons the panel uses, and only those: a font cut down to their glyphs (woff2, with
// subset-font: harfbuzz's hb-subset) and one small stylesheet naming them. The package's font
// holds all ~650 icons (61 KB in the .vsix); the panel shows a few dozen (about 5 KB).
//
// Which icons: every name of a codicon that appears in the panel's code or styles as a string
// literal ('send', a ternary's 'debug-stop', a button table's icon: 'copy') or after `codicon-`.
// A common word that is also an icon's name costs a few dozen bytes; a missed icon would be
// a blank square, so the scan errs on the side of more (test/unit/build/codicons.test.ts renders
// the panel in many states and checks that every icon it shows is here).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGE = 'node_modules/@vscode/codicons/src';
const SOURCES = ['src/webview', 'src/shared', 'media'];

/** Every codicon name (aliases included) → its code point in the package's font. */
export function codiconCodes(root = '.') {
  const codes = new Map();
  const mapping = JSON.parse(readFileSync(join(root, PACKAGE, 'template', 'mapping.json'), 'utf8'));
  for (const [code, names] of Object.entries(mapping)) for (const name of names) codes.set(name, Number(code));
  return codes;
}

/** The codicon names (of `known`) that `texts` mention. */
export function codiconNamesIn(texts, known) {
  const used = new Set();
  for (const text of texts) {
    for (const match of text.matchAll(/['"`]([a-z0-9-]+)['"`]|codicon-([a-z0-9-]+)/g)) {
      const name = match[1] ?? match[2];
      if (known.has(name)) used.add(name);
    }
  }
  return used;
}

function sourceTexts(root) {
  const texts = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|css)$/.test(name)) texts.push(readFileSync(path, 'utf8'));
    }
  };
  for (const dir of SOURCES) walk(join(root, dir));
  return texts;
}

/** The stylesheet for `names`: the cut-down font, a glyph per icon, spinning as the package's did. */
export function codiconCss(names, codes) {
  const rules = [...names].sort().map((name) => `.codicon-${name}:before{content:"\\${codes.get(name).toString(16)}"}`);
  return [
    '/* Codicons (@vscode/codicons: icons CC BY 4.0, see ThirdPartyNotices.txt) used by the panel, cut down by scripts/codicons.mjs. */',
    '@font-face{font-family:"codicon";font-display:block;src:url("codicon.woff2") format("woff2")}',
    '.codicon{display:inline-block;flex:none;font:normal normal normal 16px/1 codicon;text-decoration:none;text-rendering:auto;text-align:center;' +
      '-webkit-font-smoothing:antialiased;-moz-osx-font-smoothing:grayscale;user-select:none;-webkit-user-select:none;vertical-align:text-bottom}',
    '@keyframes codicon-spin{100%{transform:rotate(360deg)}}',
    '.codicon-modifier-spin{animation:codicon-spin 1.5s steps(30) infinite}',
    ...rules,
    '',
  ].join('\n');
}

/** The package's font cut down to the glyphs of `names`, as woff2. */
export async function codiconFont(names, codes, root = '.') {
  const { default: subsetFont } = await import('subset-font');
  const text = [...names].map((name) => String.fromCodePoint(codes.get(name))).join('');
  return subsetFont(readFileSync(join(root, 'node_modules/@vscode/codicons/dist/codicon.ttf')), text, { targetFormat: 'woff2' });
}

/** Writes dist/codicons/ (codicon.css, codicon.woff2) for what the panel's sources use; returns the names. */
export async function writeCodicons(root = '.') {
  const codes = codiconCodes(root);
  const names = codiconNamesIn(sourceTexts(root), codes);
  const font = await codiconFont(names, codes, root);
  // Emptied first: a full font an earlier build copied there must not ship.
  rmSync(join(root, 'dist/codicons'), { recursive: true, force: true });
  mkdirSync(join(root, 'dist/codicons'), { recursive: true });
  writeFileSync(join(root, 'dist/codicons/codicon.css'), codiconCss(names, codes));
  writeFileSync(join(root, 'dist/codicons/codicon.woff2'), font);
  return names;
}
