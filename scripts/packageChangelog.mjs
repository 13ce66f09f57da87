// The CHANGELOG that ships in the .vsix (VS Code's Changelog tab of the extension shows it): the
// `[Unreleased]` section and the newest release, with a line linking to the whole CHANGELOG.md in
// the repository (package.json's `repository`). Older releases stay one click away instead of
// growing the package with every version. vsce takes it with `--changelog-path` (package.json's
// "package" script), like the README (scripts/packageReadme.mjs).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** How many released versions ship, besides `[Unreleased]`. */
export const KEPT_RELEASES = 1;

/** The web address of CHANGELOG.md in the repository that package.json names. */
export function fullChangelogUrl(manifest) {
  const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const web = /^(?:git\+)?(https:\/\/[^\s]+?)(?:\.git)?\/?$/.exec(url ?? '')?.[1];
  if (!web) throw new Error(`package.json's repository (${url}) is not an https address: the packaged changelog cannot link to the full one`);
  return `${web}/blob/HEAD/CHANGELOG.md`;
}

/** `markdown` with `[Unreleased]` and the newest `kept` releases, and a link to `fullUrl`. */
export function newestSections(markdown, fullUrl, kept = KEPT_RELEASES) {
  const [preamble, ...sections] = markdown.split(/^(?=## )/m);
  if (sections.length === 0) throw new Error('CHANGELOG.md has no `## ` section');
  let releases = 0;
  const shipped = sections.filter((section) => section.startsWith('## [Unreleased]') || ++releases <= kept);
  const dropped = sections.filter((section) => !shipped.includes(section));
  // Link definitions ("[1.0.0]: https://…") usually sit under the last section: keep them all.
  const definitions = dropped.join('').split('\n').filter((line) => /^\[[^\]]+\]:\s+\S+/.test(line));
  const link = `Every version's changes: [CHANGELOG.md in the repository](${fullUrl}).\n\n`;
  const body = shipped.join('').replace(/\n*$/, '\n');
  return preamble + link + body + (definitions.length > 0 ? `\n${definitions.join('\n')}\n` : '');
}

export function writePackageChangelog(root = '.', target = 'dist/CHANGELOG.md') {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const out = join(root, target);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, newestSections(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), fullChangelogUrl(manifest)));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) writePackageChangelog();
