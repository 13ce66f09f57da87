// "Fix with Completions Chat" in the light bulb of an error or a warning. Registered at
// activation (the light bulb asks before anything else is loaded), so it is small and does no
// work: it only names the lines of the problems; the command does the rest when chosen.

import * as vscode from 'vscode';
import { COMMANDS } from '../contributionIds';

/** The lines a fix is about: 0-based, inclusive. */
export interface ProblemLines {
  first: number;
  last: number;
}

export class FixWithChatActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const problems = context.diagnostics.filter((diagnostic) => diagnostic.severity <= vscode.DiagnosticSeverity.Warning);
    if (problems.length === 0) return [];
    const lines: ProblemLines = {
      first: Math.min(...problems.map((problem) => problem.range.start.line)),
      last: Math.max(...problems.map((problem) => problem.range.end.line)),
    };
    const title = vscode.l10n.t('Fix with Completions Chat');
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = problems;
    action.command = { command: COMMANDS.fixProblems, title, arguments: [document.uri, lines] };
    return [action];
  }
}
