// The layer rules of docs/architecture.md, proven on the real ESLint config: code planted at a
// layer's path (linted from memory, never written to disk) must fail `npm run lint`, the
// imports each layer is allowed must pass, and the tree as it is must lint clean. The size
// rules (files ≤ 300 lines of code, functions ≤ 60) are proven the same way.

import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { findRepoRoot } from '../../support/replayServer';

const RULE = '@typescript-eslint/no-restricted-imports';

describe('architecture: layers that cannot be crossed by accident', () => {
  let eslint: ESLint;

  before(async function () {
    this.timeout(30_000); // loading the config and the TypeScript parser, once
    eslint = new ESLint({ cwd: findRepoRoot() });
    await eslint.lintText('', { filePath: 'src/core/warmUp.ts' });
  });

  /** The import-rule errors ESLint reports for `code` as if it were the file at `filePath`. */
  async function importErrors(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    assert.ok(result, 'ESLint linted the planted code');
    // A parse error or an ignored path would hide the rule: neither may happen here.
    assert.deepEqual(result.messages.filter((message) => message.ruleId !== RULE), []);
    return result.messages.map((message) => message.message);
  }

  const refused: [string, string, string, RegExp][] = [
    ["a `vscode` import in core", 'src/core/planted.ts', "import * as vscode from 'vscode';\nexport const v = vscode.version;\n", /Only src\/host and src\/extension\.ts import 'vscode'/],
    ['a value import from core into shared', 'src/shared/planted.ts', "import { streamChat } from '../core/chatClient';\nexport const run = streamChat;\n", /shared may import only types from core/],
    ['a webview import of host code', 'src/webview/planted.ts', "import { openLinkSafely } from '../host/view/links';\nexport const open = openLinkSafely;\n", /The webview imports only shared/],
    ['a core import of shared, even of a type', 'src/core/planted.ts', "import type { Entry } from '../shared/conversation';\nexport type E = Entry;\n", /core imports nothing of ours/],
    ['a webview import of core, even of a type', 'src/webview/planted.ts', "import type { Usage } from '../core/types';\nexport type U = Usage;\n", /The webview imports only shared/],
    ['a `vscode` import in the webview', 'src/webview/planted.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n", /Only src\/host/],
    ['a host import of webview code, from a nested folder', 'src/host/chat/planted.ts', "import { ChatView } from '../../webview/chatView';\nexport const view = ChatView;\n", /Host code does not import the webview/],
  ];
  for (const [what, filePath, code, message] of refused) {
    it(`refuses ${what}`, async () => {
      const errors = await importErrors(filePath, code);
      assert.equal(errors.length, 1, `one error for ${filePath}`);
      assert.match(errors[0]!, message);
    });
  }

  const allowed: [string, string, string][] = [
    ['types from core in shared', 'src/shared/planted.ts', "import type { Usage } from '../core/types';\nexport type { ChatMessage } from '../core/types';\nexport type U = Usage;\n"],
    ['shared in the webview', 'src/webview/planted.ts', "import { openableUrl } from '../shared/links';\nexport const open = openableUrl;\n"],
    ['vscode, core and shared in host', 'src/host/chat/planted.ts', "import * as vscode from 'vscode';\nimport { streamChat } from '../../core/chatClient';\nimport { openableUrl } from '../../shared/links';\nexport const all = [vscode, streamChat, openableUrl];\n"],
  ];
  for (const [what, filePath, code] of allowed) {
    it(`allows ${what}`, async () => {
      assert.deepEqual(await importErrors(filePath, code), []);
    });
  }

  it('refuses a function past 60 lines and a file past 300 lines of code', async () => {
    const statements = (count: number) => Array.from({ length: count }, (_, i) => `  total += ${i};`).join('\n');
    const longFunction = `export function long(): number {\n  let total = 0;\n${statements(70)}\n  return total;\n}\n`;
    const [functionResult] = await eslint.lintText(longFunction, { filePath: 'src/core/planted.ts' });
    assert.deepEqual(functionResult!.messages.map((message) => message.ruleId), ['max-lines-per-function']);
    const longFile = Array.from({ length: 320 }, (_, i) => `export const value${i} = ${i};`).join('\n');
    const [fileResult] = await eslint.lintText(`${longFile}\n`, { filePath: 'src/webview/planted.ts' });
    assert.deepEqual(fileResult!.messages.map((message) => message.ruleId), ['max-lines']);
  });

  it('finds no error in the source tree as it is', async function () {
    this.timeout(60_000); // the whole of src, on a loaded machine
    const results = await eslint.lintFiles(['src']);
    assert.ok(results.length > 50, 'linted the source files');
    const errors = results.flatMap((result) => result.messages.map((message) => `${result.filePath}:${message.line} ${message.message}`));
    assert.deepEqual(errors, []);
  });
});
