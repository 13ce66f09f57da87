// Bounds on what a server may make the client hold. Every number a server chooses (a choice's
// index, a tool call's index, the length of the answer) is checked against a limit the client
// chose, before anything is stored or allocated by it.

import { ChatError } from './errors';
import { t } from './l10n';

/**
 * The most answer text one request may bring, in characters after decompression: content,
 * reasoning, refusals and tool-call arguments of every choice together. Past it the request is
 * stopped and the text so far kept. (4 MB: a few thousand pages; no real answer comes close.)
 */
export const MAX_ANSWER_CHARS = 4 * 1024 * 1024;

/** The most choices (`n`) a request may ask for; OpenAI's own limit. */
export const MAX_CHOICES = 128;

/** The most tool calls one choice may carry; a `tool_calls[].index` must be below it. */
export const MAX_TOOL_CALLS = 128;

/** How many choices the answer may have: the request's `n` when it is sensible, else 1. */
export function choiceCountOf(n: unknown): number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_CHOICES) : 1;
}

/** The text cap of a request: the default, or a lower one the caller asked for. */
export function resolveMaxAnswerChars(requested: number | undefined): number {
  return typeof requested === 'number' && Number.isFinite(requested) && requested >= 1 ? Math.min(Math.floor(requested), MAX_ANSWER_CHARS) : MAX_ANSWER_CHARS;
}

/** The index a server gave, if it is an integer in 0…count-1; `undefined` otherwise. */
export function checkedIndex(value: unknown, count: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < count ? value : undefined;
}

/** "4 MB", "64 KB", "100 characters": a size as a person reads it. */
export function formatTextSize(chars: number): string {
  const mb = chars / (1024 * 1024);
  if (mb >= 1) return `${Math.round(mb * 10) / 10} MB`;
  if (chars >= 1024) return `${Math.round(chars / 1024)} KB`;
  return t('{0} characters', chars);
}

export function answerTooLargeError(limit: number, partial: boolean): ChatError {
  return new ChatError({
    kind: 'too-large',
    code: 'answer_too_large',
    message: partial
      ? t('The answer passed the {0} limit and was stopped; the text so far is kept. Ask for a shorter answer.', formatTextSize(limit))
      : t('The answer passed the {0} limit and was stopped. Ask for a shorter answer.', formatTextSize(limit)),
    retryable: false,
    partial,
  });
}

/** A choice or tool-call index the request cannot have produced. */
export function badIndexError(field: 'choices[].index' | 'tool_calls[].index', value: unknown, count: number, partial: boolean): ChatError {
  const range = count === 1 ? '0' : t('0 to {0}', count - 1);
  const asked = count === 1 ? t('the request asked for 1 answer') : t('the request asked for {0} answers', count);
  const why = field === 'choices[].index' ? t('{0}, so it can only be {1}', asked, range) : t('it can only be {0}', range);
  return new ChatError({
    kind: 'protocol',
    code: 'bad_index',
    message:
      t('The server sent a malformed answer: {0} was {1}, but {2}.', field, describeValue(value), why) +
      `${partial ? ` ${t('The text received so far was kept.')}` : ''} ${t('The server or a proxy in between is not speaking the Chat Completions protocol correctly.')}`,
    retryable: false,
    partial,
  });
}

/** A server's value, quoted short and harmless (1e400 parses to Infinity; strings are quoted). */
function describeValue(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : typeof value;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
