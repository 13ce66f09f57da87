// "Save as JSON…" for a JSON-mode answer: VS Code's own save dialog (as "Save As" does),
// suggesting `answer.json` in the first workspace folder, then the file opens in an editor.
// Free of `vscode`: the dialog and the files come in, so the view's unit tests drive it.

import type * as vscode from 'vscode';
import type { Dialogs, WorkspaceFiles } from '../dialogs';
import { t } from '../../shared/l10n';

/** Writes `text` (plus a final newline) where the user chose; undefined when they cancelled. */
export async function saveJsonFile(text: string, { dialogs, files }: { dialogs: Dialogs; files: WorkspaceFiles }): Promise<vscode.Uri | undefined> {
  const target = await dialogs.showSaveDialog({
    title: t('Completions Chat: Save Answer as JSON'),
    saveLabel: t('Save JSON'),
    defaultUri: files.suggest('answer.json'),
    filters: { JSON: ['json'] },
  });
  if (!target) return undefined;
  await files.write(target, new TextEncoder().encode(text.endsWith('\n') ? text : `${text}\n`));
  await files.show(target);
  return target;
}
