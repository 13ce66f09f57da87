// The README that ships in the .vsix (VS Code's extension page shows it): README.md without the
// sections for people who build the extension from source ("Two commands", "Developing"), which
// say nothing to someone who installed it and would count against the package's size budget.
// vsce takes it with `--readme-path` (package.json's "package" script).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The `## ` sections left out of the installed extension's README. */
export const DEVELOPER_SECTIONS = ['Two commands', 'Developing'];

/** `markdown` without the `## ` sections named in `left` (each up to the next `## ` heading). */
export function withoutSections(markdown, left = DEVELOPER_SECTIONS) {
  const sections = markdown.split(/^(?=## )/m);
  const kept = sections.filter((section) => !left.some((title) => section.startsWith(`## ${title}\n`)));
  if (kept.length !== sections.length - left.length) throw new Error(`README.md has not every section of ${left.join(', ')}`);
  return kept.join('');
}

export function writePackageReadme(root = '.', target = 'dist/README.md') {
  const out = join(root, target);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, withoutSections(readFileSync(join(root, 'README.md'), 'utf8')));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) writePackageReadme();
