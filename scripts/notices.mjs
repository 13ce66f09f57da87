// The licenses of the code and icons bundled into the extension (dist/ThirdPartyNotices.txt):
// every npm package any bundle takes code from (read from esbuild's metafiles, so a new
// dependency is listed without anyone remembering to), the codicons' SVGs (scripts/codicons.mjs)
// and llhttp, the HTTP parser inside undici whose WebAssembly ships as dist/llhttp.wasm. Each with
// its license file as the package ships it. Bundles are minified without legal comments, so this
// file is where those notices live.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Packages whose files are used without esbuild bundling them (their own notice is shipped too). */
export const ALSO_SHIPPED = ['@vscode/codicons'];

/** llhttp has no license file in undici's package; its MIT license, as llhttp's repository states it. */
const LLHTTP = `llhttp (inside undici; dist/llhttp.wasm) — MIT
https://github.com/nodejs/llhttp

This software is licensed under the MIT License.

Copyright Fedor Indutny, 2018.

Permission is hereby granted, free of charge, to any person obtaining a
copy of this software and associated documentation files (the
"Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit
persons to whom the Software is furnished to do so, subject to the
following conditions:

The above copyright notice and this permission notice shall be included
in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS
OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN
NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE
USE OR OTHER DEALINGS IN THE SOFTWARE.
`;

/** The package names (`marked`, `@vscode/codicons`) whose files are inputs of these metafiles. */
export function bundledPackages(metafiles) {
  const names = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) names.add(match[1]);
    }
  }
  return names;
}

/**
 * CC BY 4.0 asks for the license's text or its address (section 3(a)(1)(C)): the address, with
 * the attribution; the codicons' code license (MIT) in full.
 */
const CC_BY_4 = 'The icons are licensed under the Creative Commons Attribution 4.0 International license (CC BY 4.0),\nhttps://creativecommons.org/licenses/by/4.0/legalcode — by Microsoft Corporation, https://github.com/microsoft/vscode-codicons.\nChanged: the icon font cut down to the icons the panel uses.';

/**
 * DOMPurify is offered under MPL-2.0 or Apache-2.0; it is used under MPL-2.0, whose Exhibit A
 * notice names the license by address and whose section 3.2 asks that recipients of the
 * executable form learn where its source is (the 11 KB Apache text would not fit the package's
 * size budget).
 */
const dompurifyNotice = (version) => `Used under the Mozilla Public License 2.0 (one of its two licenses).

This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of
the MPL was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.

The bundled code is DOMPurify ${version}, unchanged but minified; its Source Code Form is at
https://github.com/cure53/DOMPurify/tree/${version} and in the npm package dompurify@${version}.
Copyright Cure53 and other contributors.`;

function licenseFile(dir) {
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(name));
  if (!file) throw new Error(`${dir} has no license file: add its notice to scripts/notices.mjs by hand`);
  return readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, '').trim();
}

/** The notices for these packages (sorted), from node_modules under `root`. */
export function noticesText(names, root = '.') {
  const parts = [...names].sort().map((name) => {
    const dir = join(root, 'node_modules', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const text =
      name === '@vscode/codicons' ? `${CC_BY_4}\n\n${readFileSync(join(dir, 'LICENSE-CODE'), 'utf8').trim()}` : name === 'dompurify' ? dompurifyNotice(manifest.version) : licenseFile(dir);
    return `${name} ${manifest.version} — ${manifest.license}\n\n${text}\n`;
  });
  if (names.has('undici')) parts.push(LLHTTP);
  const rule = `\n${'='.repeat(72)}\n\n`;
  return `Completions Chat bundles code and icons of the following projects, under these licenses.${rule}${parts.join(rule)}`;
}

/** Writes dist/ThirdPartyNotices.txt for the builds' metafiles; returns the package names. */
export function writeNotices(metafiles, root = '.') {
  const names = bundledPackages(metafiles);
  for (const name of ALSO_SHIPPED) names.add(name);
  writeFileSync(join(root, 'dist', 'ThirdPartyNotices.txt'), noticesText(names, root));
  return names;
}
