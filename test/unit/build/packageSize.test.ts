// The .vsix as `npm run package` makes it (a production build, the installed extension's README
// and CHANGELOG, then vsce with the allow-list in .vscodeignore), made by that script in a copy of
// the project so the working tree's dist/ is left alone: at most 400 KB (issue 10), no native
// module, no source map, the CHANGELOG's newest sections, and the bundled code's licenses in it.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** Issue 10's budget, in bytes (400 KB as the README counts: 1 KB = 1000 bytes). */
const BUDGET = 400_000;

const PROJECT_FILES = ['src', 'scripts', 'media', 'l10n', 'esbuild.mjs', 'package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'tsconfig.json', 'tsconfig.base.json'];

/** The names and uncompressed bytes of a zip's entries (central directory). */
function zipEntries(zip: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let end = zip.length - 22;
  while (zip.readUInt32LE(end) !== 0x06054b50) end--;
  let at = zip.readUInt32LE(end + 16);
  for (let count = zip.readUInt16LE(end + 10); count > 0; count--) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    entries.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

describe('the packaged extension (.vsix)', function () {
  this.timeout(180_000);
  let copy: string;
  let vsix: string;
  let entries: Map<string, Buffer>;

  before(() => {
    const root = resolve('.');
    copy = mkdtempSync(join(tmpdir(), 'cc-package-'));
    for (const name of PROJECT_FILES) cpSync(join(root, name), join(copy, name), { recursive: true });
    symlinkSync(realpathSync(join(root, 'node_modules')), join(copy, 'node_modules'), 'dir');
    execFileSync('npm', ['run', 'package'], { cwd: copy, stdio: 'pipe' });
    vsix = join(copy, 'completions-chat.vsix');
    entries = zipEntries(readFileSync(vsix));
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  it('is at most 400 KB', () => {
    const size = statSync(vsix).size;
    assert.ok(size <= BUDGET, `the .vsix is ${size} bytes, over the budget of ${BUDGET}: ${[...entries.keys()].join(', ')}`);
  });

  it('holds no native module and no source map', () => {
    const names = [...entries.keys()];
    assert.deepEqual(names.filter((name) => name.endsWith('.node')), []);
    assert.deepEqual(names.filter((name) => name.endsWith('.map') || entries.get(name)!.includes('sourceMappingURL=data:')), []);
    assert.ok(names.includes('extension/dist/chatCore.js') && names.includes('extension/dist/chat.js'));
    assert.ok(names.includes('extension/l10n/bundle.l10n.zh-cn.json'), 'the Chinese strings ship');
    const readme = entries.get('extension/readme.md')!.toString('utf8');
    assert.match(readme, /^## Using it$/m);
    assert.doesNotMatch(readme, /^## (Two commands|Developing)$/m, 'the builders\' sections stay out of the installed README');
  });

  it('carries the CHANGELOG\'s newest sections and a link to the whole file', () => {
    const changelog = entries.get('extension/changelog.md')?.toString('utf8');
    assert.ok(changelog, 'the Changelog tab has a changelog');
    const full = readFileSync(join(copy, 'CHANGELOG.md'), 'utf8');
    const repository = (JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as { repository: { url: string } }).repository.url.replace(/\.git$/, '');
    assert.ok(changelog.includes(`](${repository}/blob/HEAD/CHANGELOG.md)`), 'links to CHANGELOG.md in the repository');
    // Keep a Changelog puts [Unreleased] (then the newest release) first: it ships whole, first.
    const [newest] = full.split(/^(?=## )/m).slice(1);
    assert.ok(newest?.startsWith('## ['), newest?.slice(0, 40));
    // vsce makes relative links absolute (even inside code spans): undo that to compare.
    const shipped = changelog.replaceAll(`${repository}/blob/HEAD/`, '');
    assert.equal(shipped.slice(shipped.search(/^## /m)).indexOf(newest!.trimEnd()), 0, 'the newest section ships whole, first');
    assert.ok(![...entries.keys()].some((name) => /^extension\/(dist\/)?CHANGELOG\.md$/.test(name)), 'no second copy');
  });

  it('carries the licenses of the code it bundles', () => {
    const notices = entries.get('extension/dist/ThirdPartyNotices.txt')?.toString('utf8');
    assert.ok(notices, 'dist/ThirdPartyNotices.txt is in the package');
    for (const name of ['marked', 'dompurify', 'highlight.js', 'katex', 'eventsource-parser', 'undici', 'llhttp', '@vscode/codicons']) {
      assert.match(notices, new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `, 'm'), name);
    }
  });
});
