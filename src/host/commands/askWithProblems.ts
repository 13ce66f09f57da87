// "Ask About Selection with Problems…": the selection (or the whole file) goes with the errors
// and warnings VS Code reports inside it, so the model sees what the editor sees; the user then
// types the question as for "Ask about selection".

import * as vscode from 'vscode';
import { MAX_CONTEXT_PROBLEMS } from '../../shared/contextItems';
import type { Dialogs } from '../dialogs';
import type { LastEditorTracker } from '../editor/editorActions';
import { pickContext } from '../editor/editorContext';
import { problemsInRange, problemsText, type Problem } from '../editor/problemsInRange';
import { problemOf } from './fixProblems';
import type { PromptRunner } from './promptRunner';

export interface AskWithProblemsDeps {
  editors: LastEditorTracker;
  dialogs: Pick<Dialogs, 'warn' | 'info'>;
  prompts(): Promise<Pick<PromptRunner, 'askAbout'>>;
}

/** True when a question was sent. With no problem inside, the user is told and asked anyway. */
export async function askAboutSelectionWithProblems(deps: AskWithProblemsDeps, question?: unknown): Promise<boolean> {
  const editor = deps.editors.editor;
  if (!editor) {
    deps.dialogs.warn(vscode.l10n.t('Open a file and select the code to ask about, then try again.'));
    return false;
  }
  const code = pickContext(editor);
  const all = vscode.languages.getDiagnostics(editor.document.uri).map(problemOf).filter((problem): problem is Problem => problem !== undefined);
  const problems = problemsInRange(all, code.context.startLine, code.context.endLine).slice(0, MAX_CONTEXT_PROBLEMS);
  if (problems.length === 0) deps.dialogs.info(vscode.l10n.t('There are no errors or warnings in the selection: it is sent without them.'));
  else code.context.problems = problemsText(problems).split('\n');
  return (await deps.prompts()).askAbout(code, typeof question === 'string' ? question : '');
}
