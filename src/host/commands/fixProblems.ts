// "Fix with Completions Chat": the errors and warnings on the chosen lines (from the light bulb)
// or in the selection, sent with the code around them, asking for a fix.

import * as vscode from 'vscode';
import type { Dialogs } from '../dialogs';
import type { LastEditorTracker } from '../editor/editorActions';
import { pickLines } from '../editor/editorContext';
import type { ProblemLines } from '../editor/fixCodeAction';
import { problemsInRange, problemsText, type Problem } from '../editor/problemsInRange';
import type { PromptRunner } from './promptRunner';

/** Lines of code shown around the problems, so the model sees what they are about. */
const CONTEXT_LINES = 3;

export const FIX_QUESTION = 'Fix the problems listed below in this code. Say briefly what was wrong with each, then give the corrected code.';

/** An error or warning as the prompt words it; undefined for information and hints. */
export function problemOf(diagnostic: vscode.Diagnostic): Problem | undefined {
  if (diagnostic.severity > vscode.DiagnosticSeverity.Warning) return undefined;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return {
    severity: diagnostic.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning',
    startLine: diagnostic.range.start.line + 1,
    endLine: diagnostic.range.end.line + 1,
    message: diagnostic.message,
    source: diagnostic.source,
    code: code === undefined ? undefined : String(code),
  };
}

function isProblemLines(value: unknown): value is ProblemLines {
  const lines = value as ProblemLines | undefined;
  return typeof lines?.first === 'number' && typeof lines.last === 'number' && Number.isInteger(lines.first) && Number.isInteger(lines.last) && lines.first >= 0 && lines.last >= lines.first;
}

/**
 * Asks for a fix of the problems on `lines` of the editor's document. Arguments are taken only
 * for the editor's own document (a `command:` link can pass any), else the selection counts.
 */
export async function fixProblems(deps: { editors: LastEditorTracker; dialogs: Pick<Dialogs, 'warn' | 'info'>; prompts(): Promise<PromptRunner> }, uri?: unknown, lines?: unknown): Promise<boolean> {
  const editor = deps.editors.editor;
  if (!editor) {
    deps.dialogs.warn(vscode.l10n.t('Open the file with the problems, then try again.'));
    return false;
  }
  const { document, selection } = editor;
  const own = uri instanceof vscode.Uri && uri.toString() === document.uri.toString() && isProblemLines(lines);
  const { first, last } = own ? lines : { first: selection.start.line, last: selection.end.line };
  const all = vscode.languages.getDiagnostics(document.uri).map(problemOf).filter((problem): problem is Problem => problem !== undefined);
  const problems = problemsInRange(all, first + 1, last + 1);
  if (problems.length === 0) {
    deps.dialogs.info(vscode.l10n.t('There are no errors or warnings on these lines.'));
    return false;
  }
  const { context, notice } = pickLines(document, first - CONTEXT_LINES, last + CONTEXT_LINES);
  return (await deps.prompts()).ask(`${FIX_QUESTION}\n\n${problemsText(problems)}`, context, notice);
}
