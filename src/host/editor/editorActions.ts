// Puts answer text into the editor. The text always comes from the host's own transcript,
// and goes in as plain text through `TextEditor.edit`: a SnippetString would expand `$1` or
// `$CLIPBOARD` found in model output.

import * as vscode from 'vscode';
import { insertWarning } from '../../shared/hiddenCharacters';
import type { CodeBlockAction } from '../../shared/protocol';
import type { Dialogs } from '../dialogs';
import type { DiffProposals } from './diffProposals';

/**
 * Remembers the last text editor the user was in: when the chat panel has focus,
 * `activeTextEditor` is undefined, yet "insert at cursor" means that editor.
 */
export class LastEditorTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor) this.last = editor;
  });

  /** The editor to write into, if it is still open. */
  get editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    const last = this.last;
    if (!last || last.document.isClosed) return undefined;
    return vscode.window.visibleTextEditors.find((editor) => editor.document === last.document) ?? undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** Fence info strings that are not VS Code language ids. */
const LANGUAGE_ALIASES: Record<string, string> = {
  ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', jsx: 'javascriptreact', py: 'python',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', shell: 'shellscript', console: 'shellscript',
  yml: 'yaml', md: 'markdown', rb: 'ruby', rs: 'rust', cs: 'csharp', 'c#': 'csharp', 'c++': 'cpp',
  kt: 'kotlin', ps1: 'powershell', pwsh: 'powershell', golang: 'go', text: 'plaintext', txt: 'plaintext',
};

/** The VS Code language for a fence's info string, or plain text for an unknown one. */
export async function languageForFence(info: string | undefined): Promise<string> {
  const name = (info ?? '').toLowerCase();
  const candidate = LANGUAGE_ALIASES[name] ?? name;
  if (!candidate) return 'plaintext';
  return (await vscode.languages.getLanguages()).includes(candidate) ? candidate : 'plaintext';
}

export interface InsertOptions {
  text: string;
  /** The language of a code block, for "New File". */
  languageId?: string;
}

/**
 * Code holding bidi controls or tag characters may not run as it reads: ask first, in a modal
 * with plain words only (no text from the answer). Copy does not ask: it puts nothing into
 * a file, and the panel already showed the characters as markers next to the Copy button.
 */
async function confirmHiddenCharacters(text: string, dialogs: TextActionDialogs): Promise<boolean> {
  const warning = insertWarning(text);
  if (!warning) return true;
  return dialogs.confirm({ message: warning.message, detail: warning.detail, action: vscode.l10n.t('Insert Anyway') });
}

export type TextActionDialogs = Pick<Dialogs, 'confirm' | 'warn'>;

/** Runs one of the insert actions; tells the user when there is nowhere to put the text. */
export async function runTextAction(
  action: CodeBlockAction,
  options: InsertOptions,
  tracker: LastEditorTracker,
  dialogs: TextActionDialogs,
  diffs?: Pick<DiffProposals, 'show'>,
): Promise<boolean> {
  switch (action) {
    case 'copy':
      await vscode.env.clipboard.writeText(options.text);
      vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Copied to the clipboard')}`, 2000);
      return true;
    case 'newFile': {
      if (!(await confirmHiddenCharacters(options.text, dialogs))) return false;
      const language = await languageForFence(options.languageId);
      const document = await vscode.workspace.openTextDocument({ content: options.text, language });
      await vscode.window.showTextDocument(document);
      return true;
    }
    case 'diff': {
      const editor = tracker.editor;
      if (!editor || !diffs) {
        dialogs.warn(vscode.l10n.t('Open a file and select the code to compare with, then try again.'));
        return false;
      }
      if (!(await confirmHiddenCharacters(options.text, dialogs))) return false;
      await diffs.show(editor, options.text);
      return true;
    }
    case 'insert':
    case 'replace': {
      const editor = tracker.editor;
      if (!editor) {
        dialogs.warn(vscode.l10n.t('Open a file and place the cursor where the code should go, then try again.'));
        return false;
      }
      if (!(await confirmHiddenCharacters(options.text, dialogs))) return false;
      const done = await editor.edit((edit) => {
        for (const selection of editor.selections) {
          if (action === 'replace') edit.replace(selection, options.text);
          else edit.insert(selection.active, options.text);
        }
      });
      if (done) await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      return done;
    }
  }
}
