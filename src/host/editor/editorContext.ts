// What "ask about the selection" sends: the selected code (or the whole file when nothing is
// selected) with its workspace-relative path, line range and language.

import * as vscode from 'vscode';
import type { CodeContext } from '../../shared/conversation';
import { formatNumber } from '../../shared/l10n';

/** Larger selections are trimmed to this many characters, and the user is told. */
export const MAX_CONTEXT_CHARS = 48_000;

export interface PickedContext {
  context: CodeContext;
  /** Set when the code was trimmed: a message for the user. */
  notice?: string;
}

function pathOf(document: vscode.TextDocument): string {
  if (document.isUntitled) return document.fileName;
  return vscode.workspace.asRelativePath(document.uri, false);
}

/** The selection of `editor`, or the whole document when the selection is empty. */
export function pickContext(editor: vscode.TextEditor): PickedContext {
  const { document, selection } = editor;
  if (selection.isEmpty) return contextOf(document, new vscode.Range(0, 0, document.lineCount, 0), document.lineCount, vscode.l10n.t('The file'));
  // A selection ending at column 0 of a line does not include that line.
  const lastLine = selection.end.character === 0 && selection.end.line > selection.start.line
    ? selection.end.line
    : Math.min(selection.end.line + 1, document.lineCount);
  return contextOf(document, new vscode.Range(selection.start, selection.end), lastLine, vscode.l10n.t('The selection'));
}

/** Whole lines `first`…`last` (0-based, inclusive) of `document`, clamped to it. */
export function pickLines(document: vscode.TextDocument, first: number, last: number): PickedContext {
  const start = Math.max(0, Math.min(first, document.lineCount - 1));
  const end = Math.max(start, Math.min(last, document.lineCount - 1));
  return contextOf(document, new vscode.Range(start, 0, end + 1, 0), end + 1, vscode.l10n.t('The code'));
}

/** The code in `range` (1-based `lastLine` is its last line), cut to the size limit with a notice. */
function contextOf(document: vscode.TextDocument, range: vscode.Range, lastLine: number, what: string): PickedContext {
  const fullText = document.getText(range);
  const startLine = range.start.line + 1;
  const truncated = fullText.length > MAX_CONTEXT_CHARS;
  const code = (truncated ? fullText.slice(0, MAX_CONTEXT_CHARS) : fullText).replace(/\r?\n$/, '');
  const endLine = truncated ? startLine + (code.match(/\n/g)?.length ?? 0) : lastLine;
  const context: CodeContext = { path: pathOf(document), languageId: document.languageId, startLine, endLine, code, truncated: truncated || undefined };
  const notice = truncated
    ? vscode.l10n.t('{0} is {1} characters; only the first {2} (lines {3}-{4}) were sent.', what, formatNumber(fullText.length), formatNumber(MAX_CONTEXT_CHARS), startLine, endLine)
    : undefined;
  return { context, notice };
}
