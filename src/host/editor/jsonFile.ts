// "Save as JSON…" for a JSON-mode answer: VS Code's own save dialog (as "Save As" does),
// suggesting `answer.json` in the first workspace folder, then the file opens in an editor.

import * as vscode from 'vscode';

/** Asks where to save; replaceable in tests, where no dialog can be answered. */
export type SaveTargetPicker = (suggested: vscode.Uri | undefined) => Thenable<vscode.Uri | undefined>;

export const askForSaveTarget: SaveTargetPicker = (suggested) =>
  vscode.window.showSaveDialog({
    title: 'Completions Chat: Save Answer as JSON',
    saveLabel: 'Save JSON',
    defaultUri: suggested,
    filters: { JSON: ['json'] },
  });

/** Writes `text` (plus a final newline) where the user chose; undefined when they cancelled. */
export async function saveJsonFile(text: string, pick: SaveTargetPicker): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await pick(folder ? vscode.Uri.joinPath(folder, 'answer.json') : undefined);
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text.endsWith('\n') ? text : `${text}\n`));
  await vscode.window.showTextDocument(target, { preview: true });
  return target;
}
