// Turns what a server sent (stream chunks, or one whole completion) into ChatEvents, and keeps
// what is needed to judge the end: which choices finished, the last usage, whether `[DONE]`
// came. Fields are read by shape, never by `object` (proxies label whole answers as chunks).
//
// This is the hot path of streaming: it runs once per token. Text of the same kind and choice
// that arrives in one network read is joined into one event, so a consumer pays per read, not
// per token; a delta is "new text", and many tokens of new text are still new text.
//
// Numbers the server chooses are bounded here, where they are first read: a choice index
// outside 0…n-1, a tool-call index past MAX_TOOL_CALLS, or text past the size cap throws a
// ChatError (the events before it stay pending, so the text so far is kept).

import type { ChatEvent, Usage } from './types';
import { answerTooLargeError, badIndexError, checkedIndex, MAX_ANSWER_CHARS, MAX_TOOL_CALLS } from './answerLimits';

type TextEventType = 'delta' | 'refusal' | 'reasoning';
type TextEvent = { type: TextEventType; index: number; content: string };

/** Parsed wire JSON: every field is checked where it is read, so no shape is assumed. */
type Wire = any;

export interface AssemblerLimits {
  /** The request's `n`: valid choice indexes are 0…choices-1. */
  choices?: number;
  /** The text cap (see MAX_ANSWER_CHARS). */
  maxTextChars?: number;
}

export class AnswerAssembler {
  private pending: ChatEvent[] = [];
  /** The last pending text event, which the next text of the same kind and choice extends. */
  private openText: TextEvent | undefined;
  private modelSent = false;
  private lastUsage: Usage | undefined;
  private usageSent = false;
  private readonly seenChoices = new Set<number>();
  private readonly finishReasons = new Map<number, string>();
  private anyText = false;
  private done = false;
  private wholeBody = false;
  private errorFinish = false;
  private readonly choiceCount: number;
  private readonly maxTextChars: number;
  /** Text characters taken so far, counted against maxTextChars. */
  private textChars = 0;

  constructor(limits: AssemblerLimits = {}) {
    this.choiceCount = limits.choices ?? 1;
    this.maxTextChars = limits.maxTextChars ?? MAX_ANSWER_CHARS;
  }

  /** Whether new events wait for `drain()`. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Some answer text (content, refusal, reasoning or a tool call) was received. */
  get receivedText(): boolean {
    return this.anyText;
  }

  get doneSeen(): boolean {
    return this.done;
  }

  /** A choice ended with `finish_reason: "error"`: the server gave up, it did not complete. */
  get endedWithError(): boolean {
    return this.errorFinish;
  }

  /**
   * The answer ended as the server meant it to: `[DONE]` arrived, a whole body was read, or
   * every choice seen has its finish reason (servers that close without `[DONE]`).
   */
  get isComplete(): boolean {
    if (this.done || this.wholeBody) return true;
    if (this.seenChoices.size === 0) return false;
    for (const index of this.seenChoices) if (!this.finishReasons.has(index)) return false;
    return true;
  }

  /** The events since the last call, in order. */
  drain(): ChatEvent[] {
    const events = this.pending;
    this.pending = [];
    this.openText = undefined;
    return events;
  }

  /** The model was reported already (a chunk naming it again changes nothing). */
  get modelKnown(): boolean {
    return this.modelSent;
  }

  /** Content text of a choice already seen, read without parsing its chunk (see ContentShortcut). */
  takeContent(index: number, content: string): void {
    // The shortcut learned its index from a chunk checked here; checked again all the same.
    if (checkedIndex(index, this.choiceCount) === undefined) throw badIndexError('choices[].index', index, this.choiceCount, this.anyText);
    if (content !== '') this.pushText('delta', index, content);
  }

  markDone(): void {
    this.done = true;
  }

  /** One `chat.completion.chunk` (or anything shaped like one). */
  takeChunk(chunk: Wire): void {
    if (!this.modelSent) this.takeModel(chunk.model);
    const choices = chunk.choices;
    if (Array.isArray(choices)) {
      for (let position = 0; position < choices.length; position++) {
        const choice = choices[position];
        if (choice !== null && typeof choice === 'object') this.takeChoice(choice, position, choice.delta ?? choice.message);
      }
    }
    const usage = chunk.usage;
    // vLLM sends a growing usage on every chunk: the last one is the answer's.
    if (usage !== null && typeof usage === 'object') this.lastUsage = usage;
  }

  /** A whole, non-streaming completion: `choices[].message`. */
  takeCompletion(body: Wire): void {
    this.wholeBody = true;
    this.takeModel(body.model);
    const choices = Array.isArray(body.choices) ? body.choices : [];
    for (let position = 0; position < choices.length; position++) {
      const choice = choices[position];
      if (choice !== null && typeof choice === 'object') this.takeChoice(choice, position, choice.message ?? choice.delta, true);
    }
    if (body.usage !== null && typeof body.usage === 'object') this.lastUsage = body.usage;
  }

  /** The usage, once, after the answer: the last one the server sent. */
  finish(): void {
    if (this.usageSent || this.lastUsage === undefined) return;
    this.usageSent = true;
    this.push({ type: 'usage', usage: this.lastUsage });
  }

  private takeModel(model: unknown): void {
    // Azure's content-filter chunks carry `"model": ""`; the real name comes later.
    if (typeof model === 'string' && model !== '') {
      this.modelSent = true;
      this.push({ type: 'model', model });
    }
  }

  private takeChoice(choice: Wire, position: number, message: Wire, whole = false): void {
    const raw = choice.index === undefined || choice.index === null ? position : choice.index;
    const index = checkedIndex(raw, this.choiceCount);
    if (index === undefined) throw badIndexError('choices[].index', raw, this.choiceCount, this.anyText);
    this.seenChoices.add(index);
    if (message !== null && typeof message === 'object') {
      // Reasoning first: a model thinks before it answers, and one chunk may carry both.
      const reasoning = message.reasoning_content;
      if (typeof reasoning === 'string' && reasoning !== '') this.pushText('reasoning', index, reasoning);
      else if (typeof message.reasoning === 'string' && message.reasoning !== '') this.pushText('reasoning', index, message.reasoning);

      const content = message.content;
      if (typeof content === 'string') {
        if (content !== '') this.pushText('delta', index, content);
      } else if (Array.isArray(content)) {
        this.takeContentParts(index, content);
      }

      const refusal = message.refusal;
      if (typeof refusal === 'string' && refusal !== '') this.pushText('refusal', index, refusal);

      const toolCalls = message.tool_calls;
      if (Array.isArray(toolCalls)) this.takeToolCalls(index, toolCalls, whole);
    }
    // Legacy `/completions`-style choices carry `text`; a few chat proxies still answer with it.
    if (typeof choice.text === 'string' && choice.text !== '' && message === undefined) this.pushText('delta', index, choice.text);

    const reason = choice.finish_reason;
    // "error" is the server giving up (vLLM, llama.cpp, LiteLLM): never a finished answer.
    if (reason === 'error') {
      this.errorFinish = true;
      return;
    }
    if (typeof reason === 'string' && reason !== '' && this.finishReasons.get(index) !== reason) {
      this.finishReasons.set(index, reason);
      this.push({ type: 'finish', index, reason });
    }
  }

  /** Some servers send content as parts (`[{type:"text",text}]`) even in answers. */
  private takeContentParts(index: number, parts: Wire[]): void {
    for (const part of parts) {
      if (part !== null && typeof part === 'object' && typeof part.text === 'string' && part.text !== '') {
        this.pushText(part.type === 'refusal' ? 'refusal' : 'delta', index, part.text);
      } else if (typeof part === 'string' && part !== '') {
        this.pushText('delta', index, part);
      }
    }
  }

  private takeToolCalls(index: number, calls: Wire[], whole: boolean): void {
    for (let position = 0; position < calls.length; position++) {
      const call = calls[position];
      if (call === null || typeof call !== 'object') continue;
      const rawIndex = call.index === undefined || call.index === null ? position : call.index;
      const toolIndex = checkedIndex(rawIndex, MAX_TOOL_CALLS);
      if (toolIndex === undefined) throw badIndexError('tool_calls[].index', rawIndex, MAX_TOOL_CALLS, this.anyText);
      const fn = call.function !== null && typeof call.function === 'object' ? call.function : {};
      const rawArguments = fn.arguments;
      const args = this.fit(
        typeof rawArguments === 'string' ? rawArguments : whole && rawArguments !== undefined && rawArguments !== null ? JSON.stringify(rawArguments) : '',
      );
      const event: ChatEvent = { type: 'toolCall', index, toolIndex, arguments: args };
      if (typeof call.id === 'string' && call.id !== '') event.id = call.id;
      if (typeof fn.name === 'string' && fn.name !== '') event.name = fn.name;
      this.anyText = true;
      this.push(event);
      this.throwIfTooLarge();
    }
  }

  private pushText(type: TextEventType, index: number, text: string): void {
    const content = this.fit(text);
    if (content !== '') {
      this.anyText = true;
      const open = this.openText;
      if (open !== undefined && open.type === type && open.index === index) {
        open.content += content;
      } else {
        const event: TextEvent = { type, index, content };
        this.pending.push(event);
        this.openText = event;
      }
    }
    this.throwIfTooLarge();
  }

  /** Counts `text` against the cap; returns the part that fits (all of it, nearly always). */
  private fit(text: string): string {
    const room = this.maxTextChars - this.textChars;
    if (text.length <= room) {
      this.textChars += text.length;
      return text;
    }
    this.textChars = this.maxTextChars + 1;
    // Never end the kept text on half of a surrogate pair.
    const end = room > 0 && /[\ud800-\udbff]/.test(text.charAt(room - 1)) ? room - 1 : Math.max(0, room);
    return text.slice(0, end);
  }

  private throwIfTooLarge(): void {
    if (this.textChars > this.maxTextChars) throw answerTooLargeError(this.maxTextChars, this.anyText);
  }

  private push(event: ChatEvent): void {
    this.pending.push(event);
    this.openText = undefined;
  }
}
