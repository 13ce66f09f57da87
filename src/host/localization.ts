// VS Code's display language for every layer: the core's error messages and the shared rules'
// texts go through vscode.l10n.t (the bundle `l10n/bundle.l10n.<language>.json` that
// package.json's `l10n` names), numbers and dates through Intl with `env.language`, and the
// panel gets the same table in its page (webviewHtml.ts) so it draws in that language at once.
// The chat (dist/chatCore.js, for the desktop and the web: host/chatRuntime.ts) calls
// `installLocalization` first thing, and so does the desktop's Node part (dist/chat.js:
// chatMain.ts) for its own copy; the entry bundles use only vscode.l10n.t directly.

import * as vscode from 'vscode';
import { setCoreTranslator } from '../core/l10n';
import { useLocale, type L10nArg, type PanelCatalogue } from '../shared/l10n';

function translate(message: string, args: readonly L10nArg[]): string {
  return vscode.l10n.t(message, ...args);
}

export function installLocalization(): void {
  setCoreTranslator(translate);
  useLocale(vscode.env.language, translate);
}

/** The loaded bundle (none in English) as the panel's catalogue. */
export function panelCatalogue(): PanelCatalogue {
  const bundle = vscode.l10n.bundle ?? {};
  const messages: Record<string, string> = {};
  for (const [key, value] of Object.entries(bundle)) if (typeof value === 'string') messages[key] = value;
  return { locale: vscode.env.language, messages };
}
