// Token usage: the server's numbers when it sends them, an estimate (about 4 characters a
// token, the usual rule of thumb for English and code with GPT tokenizers) when it does not,
// and the sum over a conversation. Shared: the host estimates, the webview adds up and shows.

import type { ChatMessage, Usage } from '../core/types';
import type { AssistantEntry, Entry } from './conversation';
import { formatNumber, t } from './l10n';

export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

function messageText(message: ChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** An estimate for a request's messages and the answer texts it got (one per candidate). */
export function estimateUsage(messages: readonly ChatMessage[], answers: readonly string[]): Usage {
  const prompt_tokens = messages.reduce((sum, message) => sum + estimateTokens(messageText(message)), 0);
  const completion_tokens = answers.reduce((sum, answer) => sum + estimateTokens(answer), 0);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

export interface UsageSummary {
  prompt: number;
  completion: number;
  total: number;
  /** Some of the numbers are estimates. */
  estimated: boolean;
}

/** An answer's numbers, or undefined when it has none (failed before any usage). */
export function answerUsage(entry: AssistantEntry): UsageSummary | undefined {
  const usage = entry.usage;
  if (!usage) return undefined;
  const prompt = nonNegative(usage.prompt_tokens);
  const completion = nonNegative(usage.completion_tokens);
  const total = nonNegative(usage.total_tokens) || prompt + completion;
  if (!total) return undefined;
  return { prompt, completion, total, estimated: entry.usageEstimated === true };
}

/** The conversation's total over every answer that has usage. */
export function conversationUsage(entries: readonly Entry[]): UsageSummary | undefined {
  let summary: UsageSummary | undefined;
  for (const entry of entries) {
    if (entry.role !== 'assistant') continue;
    const one = answerUsage(entry);
    if (!one) continue;
    summary = summary ?? { prompt: 0, completion: 0, total: 0, estimated: false };
    summary.prompt += one.prompt;
    summary.completion += one.completion;
    summary.total += one.total;
    summary.estimated ||= one.estimated;
  }
  return summary;
}

/** "1,234 tokens" or "≈1,234 tokens (estimated)". */
export function formatTokens(summary: UsageSummary): string {
  const count = formatNumber(summary.total);
  return summary.estimated ? t('≈{0} tokens (estimated)', count) : t('{0} tokens', count);
}

function nonNegative(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
