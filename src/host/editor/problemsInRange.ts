// The problems (errors and warnings) of a file that fall inside the lines a question is about,
// as plain text for the prompt. Free of `vscode`: the caller maps VS Code's diagnostics to
// `Problem`s, so the choice and the wording are tested on their own.

export type ProblemSeverity = 'error' | 'warning';

export interface Problem {
  severity: ProblemSeverity;
  /** 1-based, inclusive, as shown in the editor. */
  startLine: number;
  endLine: number;
  message: string;
  /** Who reported it and its code, e.g. `ts` and `2304`. */
  source?: string;
  code?: string;
}

/** A file can hold thousands of problems and a linter's message can be long: both are capped. */
export const MAX_PROBLEMS = 20;
export const MAX_PROBLEM_MESSAGE_CHARS = 400;

/** The problems touching lines `startLine`…`endLine`, errors first, then by line; at most MAX_PROBLEMS. */
export function problemsInRange(problems: readonly Problem[], startLine: number, endLine: number): Problem[] {
  return problems
    .filter((problem) => problem.startLine <= endLine && problem.endLine >= startLine)
    .sort((a, b) => (a.severity === b.severity ? a.startLine - b.startLine : a.severity === 'error' ? -1 : 1))
    .slice(0, MAX_PROBLEMS);
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The problems as a list the model reads after the code: severity, line, source and message. */
export function problemsText(problems: readonly Problem[]): string {
  return problems
    .map((problem) => {
      const lines = problem.startLine === problem.endLine ? `line ${problem.startLine}` : `lines ${problem.startLine}–${problem.endLine}`;
      const origin = [problem.source, problem.code].filter(Boolean).map((part) => oneLine(String(part), 40)).join(' ');
      const label = problem.severity === 'error' ? 'Error' : 'Warning';
      return `- ${label} (${lines}${origin ? `, ${origin}` : ''}): ${oneLine(problem.message, MAX_PROBLEM_MESSAGE_CHARS)}`;
    })
    .join('\n');
}
