// Links in answers are model output: only web and mail links are opened, and only through
// VS Code's own opener (which asks before opening an untrusted domain).

import * as vscode from 'vscode';
import { openableUrl } from '../../shared/links';
import { quote } from '../reporting/untrustedText';

export async function openLinkSafely(raw: string): Promise<void> {
  const url = openableUrl(raw);
  if (!url) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Completions Chat only opens http, https and mailto links. Not opened: {0}', quote(raw)));
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
}
