// Continuing an answer cut at the token limit (`finish_reason: "length"`): how the request is
// built, how its events land in the answer being continued, and how its usage adds up.
//
// The request is the conversation up to and including the cut answer as an ordinary assistant
// turn, then one short user message asking to go on. Standard Chat Completions has no way to
// say "extend this assistant message": a request that simply ends with the assistant turn is
// answered by OpenAI and most servers as a new reply to it (the model starts over or comments),
// and "prefill" (continuing the last assistant message) is a per-server extension (vLLM's
// `continue_final_message`, DeepSeek's beta `prefix`, Anthropic's API) that others refuse or
// ignore. A trailing instruction works on every compatible server. It is sent only: it is not
// an entry of the conversation, so the panel shows no question, and the continuation is
// appended to the same answer so that it reads as one.

import type { ChatEvent, ChatMessage, Usage } from '../../core/types';
import type { AssistantEntry } from '../../shared/conversation';
import { estimateUsage } from '../../shared/usage';

/** The instruction sent after the cut answer; never shown, never stored. */
export const CONTINUE_INSTRUCTION =
  'Continue exactly where your previous message stopped, mid-word or mid-line if it stopped there. ' +
  'Do not repeat anything already written and add no preamble: your reply is appended to it as is.';

/** The messages of a continuation: the conversation (ending with the cut answer) and the instruction. */
export function continuationMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  return [...messages, { role: 'user', content: CONTINUE_INSTRUCTION }];
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Two requests' usage as one: each count summed (the total from the parts when a server left it out). */
export function addUsage(base: Usage | undefined, more: Usage): Usage {
  if (!base) return more;
  const prompt_tokens = count(base.prompt_tokens) + count(more.prompt_tokens);
  const completion_tokens = count(base.completion_tokens) + count(more.completion_tokens);
  const total = (usage: Usage): number => count(usage.total_tokens) || count(usage.prompt_tokens) + count(usage.completion_tokens);
  return { prompt_tokens, completion_tokens, total_tokens: total(base) + total(more) };
}

/**
 * One continuation of candidate `candidate` of `answer` (reopened as streaming by the
 * conversation model). The request asks for one choice: its events name choice 0 and are
 * moved onto the candidate continued; its usage is added to what the answer had used.
 */
export class Continuation {
  private readonly baseUsage: Usage | undefined;
  /** A usage event came in this continuation. */
  private usageReported = false;
  /** Where the continued text starts in the candidate (for an estimate of its tokens). */
  private readonly start: number;

  constructor(readonly answer: AssistantEntry, readonly candidate: number) {
    this.baseUsage = answer.usage;
    this.start = answer.candidates[candidate]?.content.length ?? 0;
  }

  /** The event as it applies to the answer continued; undefined for another choice's. */
  adapt(event: ChatEvent): ChatEvent | undefined {
    switch (event.type) {
      case 'delta':
      case 'refusal':
      case 'reasoning':
      case 'finish':
        return event.index === 0 ? { ...event, index: this.candidate } : undefined;
      case 'usage':
        this.usageReported = true;
        return { type: 'usage', usage: addUsage(this.baseUsage, event.usage) };
      default:
        return event;
    }
  }

  /**
   * When the continuation ends: a server that sent no usage gets its tokens estimated and added
   * to the answer's (marked estimated; an estimate before stays one); a continuation stopped or failed before it finished leaves the answer cut,
   * so that Continue is offered again (its text so far stays, as for any answer).
   */
  finish(messages: readonly ChatMessage[] | undefined): void {
    const { answer } = this;
    const candidate = answer.candidates[this.candidate];
    if (candidate && candidate.finishReason === undefined && answer.status !== 'done') candidate.finishReason = 'length';
    if (this.usageReported || !messages || !candidate) return;
    const added = candidate.content.slice(this.start);
    if (added === '') return;
    answer.usage = addUsage(this.baseUsage, estimateUsage(messages, [added]));
    answer.usageEstimated = true;
  }

}
