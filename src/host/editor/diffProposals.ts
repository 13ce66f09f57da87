// Show Diff: a code block set against the selection it would replace, in VS Code's diff editor,
// with Accept in the editor's title bar. The proposed file is a read-only virtual document;
// Accept writes the block into the real one, only if that file has not changed since.

import * as vscode from 'vscode';
import type { Dialogs } from '../dialogs';

export const PROPOSAL_SCHEME = 'completions-chat-proposal';

interface Proposal {
  document: vscode.TextDocument;
  /** The document's version when the diff was shown: Accept refuses a file changed since. */
  version: number;
  range: vscode.Range;
  text: string;
  /** The whole file as it would be. */
  proposed: string;
}

/** Proposals kept at most: an old diff's Accept then says to show it again. */
const MAX_PROPOSALS = 20;

export class DiffProposals implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly proposals = new Map<string, Proposal>();
  private next = 1;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);

  constructor(private readonly dialogs: Pick<Dialogs, 'warn' | 'info'>) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.proposals.get(uri.query)?.proposed ?? '';
  }

  /** Opens the diff of `editor`'s selection (or its cursor, for an insert) replaced by `text`. */
  async show(editor: vscode.TextEditor, text: string): Promise<void> {
    const { document, selection } = editor;
    const range = new vscode.Range(selection.start, selection.end);
    const whole = document.getText();
    const proposed = whole.slice(0, document.offsetAt(range.start)) + text + whole.slice(document.offsetAt(range.end));
    const key = String(this.next++);
    this.proposals.set(key, { document, version: document.version, range, text, proposed });
    for (const old of [...this.proposals.keys()].slice(0, Math.max(0, this.proposals.size - MAX_PROPOSALS))) this.proposals.delete(old);
    const name = document.uri.path.split('/').pop() ?? 'file';
    // The virtual file keeps the name (and so the language) of the real one.
    const proposalUri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${name}`, query: key });
    await vscode.commands.executeCommand('vscode.diff', document.uri, proposalUri, `${name} ↔ Completions Chat`);
  }

  /** Accept in the diff's title bar: writes the block into the real file, then closes the diff. */
  async accept(uri: unknown): Promise<boolean> {
    const proposalUri = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    const proposal = proposalUri?.scheme === PROPOSAL_SCHEME ? this.proposals.get(proposalUri.query) : undefined;
    if (!proposal) {
      this.dialogs.warn(vscode.l10n.t('This diff is no longer known: show it again from the answer.'));
      return false;
    }
    if (proposal.document.isClosed || proposal.document.version !== proposal.version) {
      this.dialogs.warn(vscode.l10n.t('The file changed since the diff was shown: show the diff again from the answer.'));
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(proposal.document.uri, proposal.range, proposal.text);
    if (!(await vscode.workspace.applyEdit(edit))) return false;
    this.proposals.delete(proposalUri!.query);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.window.showTextDocument(proposal.document);
    return true;
  }

  dispose(): void {
    this.registration.dispose();
    this.proposals.clear();
  }
}
