// A display language for the test VS Code without downloading a language pack. code-server
// (VS Code's server, lib/vscode/out/server-main.js) resolves `--locale` through the profile's
// `languagepacks.json` (resolveNLSConfiguration): an entry for the locale with a `hash` and a
// `translations.vscode` file that exists makes it write `clp/<hash>.<locale>/<commit>/
// nls.messages.js`, which sets `_VSCODE_NLS_LANGUAGE` in the browser; the workbench's language
// is that, and the extension host gets `vscode.env.language` from the workbench. Without such an
// entry the workbench (and so the extension host) stays 'en' whatever `--locale` says.
//
// The pack here has no translations of VS Code's own UI (`contents` is empty: VS Code's words
// stay English): it is the switch, not the text. Extensions translate themselves (their
// package.nls.<locale>.json and l10n bundles), which is what the tests look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeLanguagePack(userDataDir: string, locale: string): void {
  const packDir = join(userDataDir, 'test-language-pack');
  mkdirSync(packDir, { recursive: true });
  const translations = join(packDir, 'main.i18n.json');
  writeFileSync(translations, JSON.stringify({ contents: {} }));
  // The shape VS Code writes when it installs a pack: the server lists installed languages by
  // `extensions[0].extensionIdentifier` and fails on an entry without one.
  const pack = { extensionIdentifier: { id: `test.language-pack-${locale}` }, version: '1.0.0' };
  const packs = { [locale]: { hash: `test-${locale}`, extensions: [pack], translations: { vscode: translations }, label: locale } };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}
