// The codicons the panel uses, and only those, as one small stylesheet: each icon is its SVG
// (from @vscode/codicons) as a CSS mask filled with the text colour. The package's font holds
// all ~650 icons (61 KB in the .vsix); the panel shows a few dozen.
//
// Which icons: every name of a codicon that appears in the panel's code or styles as a string
// literal ('send', a ternary's 'debug-stop', a button table's icon: 'copy') or after `codicon-`.
// A common word that is also an icon's name costs a few hundred bytes; a missed icon would be
// a blank square, so the scan errs on the side of more (test/unit/build/codicons.test.ts renders
// the panel in many states and checks that every icon it shows is here).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGE = 'node_modules/@vscode/codicons/src';
const SOURCES = ['src/webview', 'src/shared', 'media'];

/** Every codicon name (aliases included) → its SVG. */
export function codiconSvgs(root = '.') {
  const icons = join(root, PACKAGE, 'icons');
  const files = new Set(readdirSync(icons).filter((name) => name.endsWith('.svg')).map((name) => name.slice(0, -4)));
  const svgOf = (file) => readFileSync(join(icons, `${file}.svg`), 'utf8').trim();
  const svgs = new Map();
  const mapping = JSON.parse(readFileSync(join(root, PACKAGE, 'template', 'mapping.json'), 'utf8'));
  for (const names of Object.values(mapping)) {
    const file = names.find((name) => files.has(name));
    if (file) for (const name of names) svgs.set(name, svgOf(file));
  }
  for (const file of files) if (!svgs.has(file)) svgs.set(file, svgOf(file));
  return svgs;
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

/**
 * An SVG as a data: URL for a double-quoted CSS url(): whitespace collapsed, its double quotes
 * made single, and only the characters a URL or the CSS string cannot hold percent-encoded (as
 * mini-svg-data-uri does). A third the size of encodeURIComponent's and it compresses better.
 */
export function svgDataUrl(svg) {
  // Single quotes stand for the double ones: an SVG already holding one is encoded whole.
  if (svg.includes("'")) return `data:image/svg+xml,${encodeURIComponent(svg)}`;
  const compact = svg.replace(/\s+/g, ' ').replace(/> </g, '><').replace(/"/g, "'").trim();
  return `data:image/svg+xml,${compact.replace(/[\r\n%#()<>?[\\\]^`{|}]/g, encodeURIComponent)}`;
}

/** The stylesheet for `names`: a mask per icon, spinning as the package's did. */
export function codiconCss(names, svgs) {
  const rules = [...names].sort().map((name) => `.codicon-${name}{--codicon:url("${svgDataUrl(svgs.get(name))}")}`);
  return [
    '/* Codicons (@vscode/codicons: icons CC BY 4.0, see ThirdPartyNotices.txt) used by the panel, as masks: scripts/codicons.mjs. */',
    '.codicon{display:inline-block;flex:none;width:1em;height:1em;font-size:16px;line-height:1;vertical-align:text-bottom;background-color:currentColor;' +
      '-webkit-mask:var(--codicon) center/contain no-repeat;mask:var(--codicon) center/contain no-repeat}',
    '@keyframes codicon-spin{100%{transform:rotate(360deg)}}',
    '.codicon-modifier-spin{animation:codicon-spin 1.5s steps(30) infinite}',
    ...rules,
    '',
  ].join('\n');
}

/** Writes dist/codicons/codicon.css for what the panel's sources use; returns the names. */
export function writeCodicons(root = '.') {
  const svgs = codiconSvgs(root);
  const names = codiconNamesIn(sourceTexts(root), svgs);
  // Emptied first: a font an earlier build copied there must not ship.
  rmSync(join(root, 'dist/codicons'), { recursive: true, force: true });
  mkdirSync(join(root, 'dist/codicons'), { recursive: true });
  writeFileSync(join(root, 'dist/codicons/codicon.css'), codiconCss(names, svgs));
  return names;
}
