// Turns a conversation into the `messages` of a request, and a question about code into the
// text the model reads. The format is documented in README ("What is sent").

import type { ChatMessage, ContentPart } from './types';

// The builder's own input types: core imports nothing of ours, so shared/promptTurns.ts maps
// the conversation's entries to these (and the type checker holds the two shapes together).

/** Code quoted in a question, as shared's `CodeContext` holds it. */
export interface QuotedCode {
  /** Workspace-relative path (or the file name of an untitled/outside file). */
  path: string;
  languageId: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  code: string;
  /** Set when the selection was cut to the size limit before sending. */
  truncated?: boolean;
  /** `file`: a whole file attached to the question; absent: a selection (or the file of an empty one). */
  kind?: 'file';
  /** The errors and warnings inside the code, one line each, as the host worded them. */
  problems?: readonly string[];
}

/** An image attached to a question; the builder only hands it back to `dataUrl`. */
export interface PromptImage {
  id: string;
}

export interface PromptQuestion {
  role: 'user';
  text: string;
  /** Saved by versions that quoted one selection per question. */
  context?: QuotedCode;
  /** The code quoted with the question (selections and whole files), in order. */
  contexts?: readonly QuotedCode[];
  images?: readonly PromptImage[];
}

/** An answer by the text it carries into the next request (its chosen candidate). */
export interface PromptAnswer {
  role: 'assistant';
  content: string;
}

export type PromptTurn = PromptQuestion | PromptAnswer;

/** A fence longer than any backtick run in the code, so code containing ``` stays intact. */
export function fenceFor(code: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longestRun + 1));
}

/**
 * A file name on one line: a name is the repository's (or a dropped file's), and a line break
 * in it could start a fence or a fake instruction of its own.
 */
function oneLineLabel(text: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/** A fence's info string: a language id's characters only, so nothing follows the fence on its line. */
function infoString(languageId: string): string {
  return languageId.replace(/[^\w+#.-]/g, '').slice(0, 40);
}

export function formatCodeContext(context: QuotedCode): string {
  const lines = context.startLine === context.endLine
    ? `line ${context.startLine}`
    : `lines ${context.startLine}-${context.endLine}`;
  const whole = context.kind === 'file' ? ', whole file' : '';
  const note = context.truncated ? ' (trimmed to the size limit)' : '';
  const fence = fenceFor(context.code);
  const path = oneLineLabel(context.path);
  const quoted = `${path}${whole}, ${lines}${note}:\n${fence}${infoString(context.languageId)}\n${context.code}\n${fence}`;
  if (!context.problems?.length) return quoted;
  return `${quoted}\n\nErrors and warnings reported in ${path}, ${lines}:\n${context.problems.map((problem) => oneLineLabel(problem)).join('\n')}`;
}

/** Every code item of a question, old single selection first. */
export function quotedItems(entry: Pick<PromptQuestion, 'context' | 'contexts'>): QuotedCode[] {
  return [...(entry.context ? [entry.context] : []), ...(entry.contexts ?? [])];
}

/** The question first, then each quoted item: where the code is from, then the code itself. */
export function formatUserContent(text: string, context?: QuotedCode | readonly QuotedCode[]): string {
  const items: readonly QuotedCode[] = context === undefined ? [] : 'code' in context ? [context] : context;
  return [text, ...items.map(formatCodeContext)].filter((part) => part !== '').join('\n\n');
}

/** How attached images go into a request. */
export interface ImagePartOptions {
  /** The image's `data:` URL, or undefined when its bytes are gone (it is then left out). */
  dataUrl(image: PromptImage): string | undefined;
  /** `image_url` for vision models; `file_url` for the drawing model, as its guide shows. */
  partType: 'image_url' | 'file_url';
}

/**
 * A question's content: plain text, or with images a parts array (the text part first, then
 * one part per image in the order they were attached).
 */
export function userContent(entry: PromptQuestion, images?: ImagePartOptions): string | ContentPart[] {
  const text = formatUserContent(entry.text, quotedItems(entry));
  if (!entry.images?.length || !images) return text;
  // A question may be only images: an empty text part is left out (some servers refuse it).
  const parts: ContentPart[] = text ? [{ type: 'text', text }] : [];
  const textParts = parts.length;
  for (const image of entry.images) {
    const url = images.dataUrl(image);
    if (!url) continue;
    parts.push(images.partType === 'file_url' ? { type: 'file_url', file_url: { url } } : { type: 'image_url', image_url: { url } });
  }
  return parts.length > textParts ? parts : text;
}

/**
 * The messages for the next request: the system prompt, then every finished turn. Answers
 * that failed before any text are left out (with their question) so the model never sees an
 * empty assistant turn; a stopped answer's partial text is real context and is kept.
 */
export function buildMessages(systemPrompt: string, turns: readonly PromptTurn[], images?: ImagePartOptions): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (systemPrompt.trim()) messages.push({ role: 'system', content: systemPrompt });
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    if (turn.role === 'user') {
      const answer = turns[i + 1];
      const isLast = i === turns.length - 1;
      const answered = answer?.role === 'assistant' && answer.content !== '';
      if (isLast || answered) messages.push({ role: 'user', content: userContent(turn, images) });
    } else if (turn.content !== '') {
      messages.push({ role: 'assistant', content: turn.content });
    }
  }
  return messages;
}
