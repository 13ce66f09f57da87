// What "ask about the selection" sends: the selected code (or the whole file when nothing is
// selected) with its workspace-relative path, line range and language.

import * as vscode from 'vscode';
import type { CodeContext } from '../../shared/conversation';

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
  const range = selection.isEmpty
    ? new vscode.Range(0, 0, document.lineCount, 0)
    : new vscode.Range(selection.start, selection.end);
  const fullText = document.getText(range);
  const startLine = range.start.line + 1;
  // A selection ending at column 0 of a line does not include that line.
  const lastLine = !selection.isEmpty && selection.end.character === 0 && selection.end.line > selection.start.line
    ? selection.end.line
    : Math.min(range.end.line + 1, document.lineCount);
  const truncated = fullText.length > MAX_CONTEXT_CHARS;
  const code = (truncated ? fullText.slice(0, MAX_CONTEXT_CHARS) : fullText).replace(/\r?\n$/, '');
  const endLine = truncated ? startLine + (code.match(/\n/g)?.length ?? 0) : lastLine;
  const context: CodeContext = { path: pathOf(document), languageId: document.languageId, startLine, endLine, code, truncated: truncated || undefined };
  const what = selection.isEmpty ? 'The file' : 'The selection';
  const notice = truncated
    ? `${what} is ${fullText.length.toLocaleString('en')} characters; only the first ${MAX_CONTEXT_CHARS.toLocaleString('en')} (lines ${startLine}-${endLine}) were sent.`
    : undefined;
  return { context, notice };
}
