// The CHANGELOG the .vsix carries (scripts/packageChangelog.mjs): [Unreleased] and the newest
// release, a link to the whole file in the repository, older releases left to that link.

import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface ChangelogScript {
  KEPT_RELEASES: number;
  fullChangelogUrl(manifest: { repository?: string | { url?: string } }): string;
  newestSections(markdown: string, fullUrl: string, kept?: number): string;
}

const FULL = 'https://github.com/o/r/blob/HEAD/CHANGELOG.md';
const CHANGELOG = [
  '# Changelog\n\nIntro.\n\n',
  '## [Unreleased]\n\n### Added\n- New thing.\n\n',
  '## [0.3.0] - 2026-11-01\n\n### Fixed\n- Third.\n\n',
  '## [0.2.0] - 2026-10-01\n\n### Fixed\n- Second.\n\n',
  '## [0.1.0] - 2026-09-01\n\n- First.\n\n[Unreleased]: https://github.com/o/r/compare/v0.3.0...HEAD\n[0.3.0]: https://github.com/o/r/compare/v0.2.0...v0.3.0\n',
].join('');

describe('the packaged CHANGELOG', () => {
  let script: ChangelogScript;
  before(async () => {
    script = (await import(pathToFileURL(resolve('scripts/packageChangelog.mjs')).href)) as ChangelogScript;
  });

  it('keeps [Unreleased] and the newest release, links to the whole file, and drops older releases', () => {
    assert.equal(script.KEPT_RELEASES, 1);
    const packaged = script.newestSections(CHANGELOG, FULL);
    assert.ok(packaged.startsWith('# Changelog\n\nIntro.\n\n'));
    assert.ok(packaged.includes(`[CHANGELOG.md in the repository](${FULL})`));
    assert.match(packaged, /^## \[Unreleased\]\n\n### Added\n- New thing\.$/m);
    assert.match(packaged, /^## \[0\.3\.0\] - 2026-11-01\n\n### Fixed\n- Third\.$/m);
    assert.doesNotMatch(packaged, /Second|First|## \[0\.[12]\.0\]/);
    // The link definitions the kept headings use still resolve.
    assert.match(packaged, /^\[Unreleased\]: https:\/\/github\.com\/o\/r\/compare\/v0\.3\.0\.\.\.HEAD$/m);
  });

  it('keeps the newest release when nothing is unreleased, and everything when there is one section', () => {
    const released = script.newestSections(CHANGELOG.replace(/## \[Unreleased\][^#]*### Added\n- New thing\.\n\n/, ''), FULL);
    assert.match(released, /Third/);
    assert.doesNotMatch(released, /Second/);
    const only = '# Changelog\n\n## [Unreleased]\n\n- A.\n';
    assert.equal(script.newestSections(only, FULL), `# Changelog\n\nEvery version's changes: [CHANGELOG.md in the repository](${FULL}).\n\n## [Unreleased]\n\n- A.\n`);
  });

  it('links to the repository package.json names, and refuses one it cannot link to', () => {
    assert.equal(script.fullChangelogUrl({ repository: { url: 'https://github.com/completions-chat/completions-chat.git' } }), 'https://github.com/completions-chat/completions-chat/blob/HEAD/CHANGELOG.md');
    assert.equal(script.fullChangelogUrl({ repository: 'git+https://gitlab.com/a/b' }), 'https://gitlab.com/a/b/blob/HEAD/CHANGELOG.md');
    assert.throws(() => script.fullChangelogUrl({}), /not an https address/);
    assert.throws(() => script.fullChangelogUrl({ repository: 'github:a/b' }), /not an https address/);
  });
});
