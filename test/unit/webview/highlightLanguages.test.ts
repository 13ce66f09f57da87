// The languages code blocks are highlighted in: the bundled grammars under their names, their own
// aliases and the VS Code language ids the panel maps onto them. Each alias highlights exactly as
// its language does.

import assert from 'node:assert/strict';
import { highlightCode, isKnownLanguage } from '../../../src/webview/highlight';

const SAMPLE = 'const x = { "a": 1 }; // note\nif (x) { print("$HOME") }\n<div class="y">z</div>\n';

/** Language → every other name a code fence may use for it. */
const NAMES: Record<string, string[]> = {
  bash: ['sh', 'zsh', 'shellscript'],
  c: ['h'],
  cpp: ['cc', 'c++', 'h++', 'hpp', 'hh', 'hxx', 'cxx'],
  csharp: ['cs', 'c#'],
  css: [],
  diff: ['patch'],
  dockerfile: ['docker'],
  go: ['golang'],
  ini: ['toml'],
  java: ['jsp'],
  javascript: ['js', 'jsx', 'mjs', 'cjs', 'javascriptreact'],
  json: ['jsonc', 'json5'],
  kotlin: ['kt', 'kts'],
  markdown: ['md', 'mkdown', 'mkd'],
  php: [],
  plaintext: ['text', 'txt'],
  powershell: ['pwsh', 'ps', 'ps1'],
  python: ['py', 'gyp', 'ipython'],
  ruby: ['rb', 'gemspec', 'podspec', 'thor', 'irb'],
  rust: ['rs'],
  scss: [],
  shell: ['console', 'shellsession'],
  sql: [],
  swift: [],
  typescript: ['ts', 'tsx', 'mts', 'cts', 'typescriptreact'],
  xml: ['html', 'xhtml', 'rss', 'atom', 'xjb', 'xsd', 'xsl', 'plist', 'svg'],
  yaml: ['yml'],
};

describe('highlighted languages', () => {
  it('knows every bundled language and each of its names', () => {
    const unknown = Object.entries(NAMES).flatMap(([language, aliases]) => [language, ...aliases]).filter((name) => !isKnownLanguage(name));
    assert.deepEqual(unknown, []);
    assert.equal(isKnownLanguage('cobol'), false);
  });

  it('highlights under an alias exactly as under the language', () => {
    for (const [language, aliases] of Object.entries(NAMES)) {
      const expected = highlightCode(SAMPLE, language);
      for (const alias of aliases) assert.equal(highlightCode(SAMPLE, alias), expected, `${alias} → ${language}`);
    }
  });
});
