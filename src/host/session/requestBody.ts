// The JSON body of one request, from the conversation's effective parameters: only values the
// user chose are sent (a server's own defaults stay in charge otherwise), JSON mode names
// "JSON" in the messages as OpenAI requires, and streaming asks for usage unless the endpoint
// refused that field before.

import { ChatError } from '../../core/chatClient';
import type { ChatMessage, ChatRequestBody } from '../../core/types';
import type { EffectiveOptions } from '../../shared/requestOptions';

/**
 * Added to the system message in JSON mode. OpenAI refuses `json_object` unless the word
 * "JSON" appears in the messages, and every model answers better when told the shape.
 */
export const JSON_MODE_INSTRUCTION = 'Answer with one valid JSON object only, no prose and no code fences.';

export interface RequestBodyInput {
  model: string;
  messages: ChatMessage[];
  options: EffectiveOptions;
  /** Ask for `stream_options.include_usage` (streaming only; off for endpoints that refused it). */
  includeUsage: boolean;
}

export function buildRequestBody({ model, messages, options, includeUsage }: RequestBodyInput): ChatRequestBody {
  const body: ChatRequestBody = {
    model,
    messages: options.jsonMode ? withJsonInstruction(messages) : messages,
    stream: options.stream,
  };
  if (options.temperature !== undefined) body.temperature = options.temperature;
  if (options.maxTokens !== undefined) body.max_tokens = options.maxTokens;
  // n = 1 is every server's default; leaving it out keeps servers without `n` working.
  if (options.n > 1) body.n = options.n;
  if (options.jsonMode) body.response_format = { type: 'json_object' };
  if (options.stream && includeUsage) body.stream_options = { include_usage: true };
  return body;
}

function mentionsJson(message: ChatMessage): boolean {
  const text = typeof message.content === 'string'
    ? message.content
    : message.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
  return /json/i.test(text);
}

/**
 * The messages with the JSON instruction in the system message (one is added when there is
 * none). Left as they are when the system message already says JSON.
 */
export function withJsonInstruction(messages: ChatMessage[]): ChatMessage[] {
  const first = messages[0];
  if (first?.role === 'system') {
    if (mentionsJson(first)) return messages;
    const content = typeof first.content === 'string'
      ? `${first.content}\n\n${JSON_MODE_INSTRUCTION}`
      : [...first.content, { type: 'text' as const, text: JSON_MODE_INSTRUCTION }];
    return [{ ...first, content }, ...messages.slice(1)];
  }
  return [{ role: 'system', content: JSON_MODE_INSTRUCTION }, ...messages];
}

/**
 * A server that does not know `stream_options` (older vLLM, llama.cpp, some proxies) answers
 * 400 (or a validation 422) naming the field; the request is worth one more try without it.
 */
export function isStreamOptionsRefusal(error: unknown): boolean {
  if (!(error instanceof ChatError) || (error.status !== 400 && error.status !== 422)) return false;
  return /stream_options|include_usage/i.test(`${error.providerMessage ?? ''} ${error.message} ${error.code ?? ''}`);
}
