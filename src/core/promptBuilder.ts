// Turns a conversation into the `messages` of a request, and a question about code into the
// text the model reads. The format is documented in README ("What is sent").

import type { ChatMessage } from './types';
import type { CodeContext, Entry } from '../shared/conversation';
import { chosenContent } from '../shared/conversation';

/** A fence longer than any backtick run in the code, so code containing ``` stays intact. */
function fenceFor(code: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longestRun + 1));
}

export function formatCodeContext(context: CodeContext): string {
  const lines = context.startLine === context.endLine
    ? `line ${context.startLine}`
    : `lines ${context.startLine}-${context.endLine}`;
  const note = context.truncated ? ' (trimmed to the size limit)' : '';
  const fence = fenceFor(context.code);
  return `${context.path}, ${lines}${note}:\n${fence}${context.languageId}\n${context.code}\n${fence}`;
}

/** The question first, then where the code is from, then the code itself. */
export function formatUserContent(text: string, context?: CodeContext): string {
  return context ? `${text}\n\n${formatCodeContext(context)}` : text;
}

/**
 * The messages for the next request: the system prompt, then every finished turn. Answers
 * that failed before any text are left out (with their question) so the model never sees an
 * empty assistant turn; a stopped answer's partial text is real context and is kept.
 */
export function buildMessages(systemPrompt: string, entries: readonly Entry[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (systemPrompt.trim()) messages.push({ role: 'system', content: systemPrompt });
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.role === 'user') {
      const answer = entries[i + 1];
      const isLast = i === entries.length - 1;
      const answered = answer?.role === 'assistant' && chosenContent(answer) !== '';
      if (isLast || answered) messages.push({ role: 'user', content: formatUserContent(entry.text, entry.context) });
    } else if (chosenContent(entry) !== '') {
      messages.push({ role: 'assistant', content: chosenContent(entry) });
    }
  }
  return messages;
}
