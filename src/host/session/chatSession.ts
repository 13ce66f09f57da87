// Owns the conversation: adds the user's turns, runs each answer through the core client,
// and tells its listeners about every change. Free of `vscode`, so it is tested in plain Node
// against a loopback server.

import { randomUUID } from 'node:crypto';
import { isDrawingModel } from '../../core/models';
import { buildMessages } from '../../core/promptBuilder';
import type { ChatEvent, ChatMessage, ChatRequest, RetryNotice } from '../../core/types';
import type { AnswerImage, AssistantEntry, CodeContext, Conversation, Entry, ImageAttachment, UserEntry } from '../../shared/conversation';
import { promptTurns } from '../../shared/promptTurns';
import type { HostMessage } from '../../shared/protocol';
import { effectiveOptions, effectiveProblems, optionProblems, type EffectiveOptions, type RequestOptions } from '../../shared/requestOptions';
import { estimateUsage } from '../../shared/usage';
import { InvalidOptionsError, toAnswerError } from './answerErrors';
import type { TextDelta } from '../view/deltaPacer';
import { buildRequestBody, isStreamOptionsRefusal } from './requestBody';
import type { Settings } from '../settings/settings';

export type StreamChat = (request: ChatRequest, signal: AbortSignal) => AsyncIterable<ChatEvent>;

/**
 * A change the view must show: the webview's own message shapes, or `reset` when the
 * conversation changed as a whole and the view must be drawn again from the state.
 */
export type SessionChange =
  | Extract<HostMessage, { type: 'entryAdded' | 'entryUpdated' | 'busy' | 'optionsChanged' | 'retrying' }>
  | TextDelta
  | { type: 'reset' };

export interface SessionDeps {
  streamChat: StreamChat;
  /** Current settings; throws SettingError for a bad one. */
  settings(): Settings;
  /**
   * The request's endpoint and token for the current settings: may ask the user for a token,
   * throws MissingTokenError when there is none to use.
   */
  credentials(settings: Settings): Promise<{ baseUrl: string; token?: string }>;
  /**
   * Saves the conversation (the live object: the store serializes it when it writes); called
   * on every change, `urgent` for a question, an answer's end and every change outside
   * streaming, not urgent for streamed deltas (the store throttles those).
   */
  save(conversation: Conversation, urgent: boolean): void;
  /**
   * Resolves when everything saved so far is on disk, or after a bounded wait: awaited before
   * a request goes out, so the question survives a reload or crash that follows.
   */
  durable?(): Promise<unknown>;
  log(message: string): void;
  /** The `data:` URL of an attached image's stored bytes (absent: questions go without images). */
  imageDataUrl?(id: string): Promise<string | undefined>;
}

export function newConversation(model: string): Conversation {
  const now = Date.now();
  return { id: randomUUID(), title: 'New conversation', model, entries: [], createdAt: now, updatedAt: now };
}

/**
 * A conversation loaded from storage: an answer that was streaming when the window went away
 * can never finish, so it is marked interrupted (its partial text stays).
 */
export function restoreConversation(saved: Conversation): Conversation {
  const entries = saved.entries.map((entry): Entry =>
    entry.role === 'assistant' && entry.status === 'streaming' ? { ...entry, status: 'interrupted' } : entry,
  );
  return { ...saved, entries };
}

function titleFrom(text: string): string {
  const firstLine = text.trim().split('\n')[0] ?? '';
  return firstLine.length > 60 ? `${firstLine.slice(0, 57)}…` : firstLine || 'New conversation';
}

export class ChatSession {
  private current: Conversation;
  private running: AbortController | undefined;
  private readonly listeners = new Set<(change: SessionChange) => void>();
  /** Endpoints that refused `stream_options` this session: asked without it from then on. */
  private readonly usageOptionRefused = new Set<string>();

  constructor(conversation: Conversation, private readonly deps: SessionDeps) {
    this.current = conversation;
  }

  get conversation(): Conversation {
    return this.current;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  onDidChange(listener: (change: SessionChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The last answer, if the conversation has one. */
  lastAnswer(): AssistantEntry | undefined {
    const last = this.current.entries.at(-1);
    return last?.role === 'assistant' ? last : undefined;
  }

  findAnswer(entryId: string): AssistantEntry | undefined {
    const entry = this.current.entries.find((candidate) => candidate.id === entryId);
    return entry?.role === 'assistant' ? entry : undefined;
  }

  /** Asks a new question; resolves when its answer has finished, stopped or failed. */
  async send(text: string, context?: CodeContext, images?: readonly ImageAttachment[]): Promise<void> {
    if (this.busy || (!text.trim() && !context && !images?.length)) return;
    const question: UserEntry = { id: randomUUID(), role: 'user', text: text.trim(), context, createdAt: Date.now() };
    if (images?.length) question.images = [...images];
    if (this.current.entries.length === 0) this.current.title = titleFrom(text || context?.path || images?.[0]?.name || '');
    this.addEntry(question);
    await this.answer();
  }

  /** Answers the last question again, replacing the last answer. */
  async regenerate(): Promise<void> {
    if (this.busy) return;
    const entries = this.current.entries;
    if (entries.at(-1)?.role === 'assistant') entries.pop();
    if (entries.at(-1)?.role !== 'user') return;
    this.emit({ type: 'reset' });
    await this.answer();
  }

  stop(): void {
    this.running?.abort();
  }

  /** Starts over; a running answer is stopped first. */
  reset(model: string): void {
    this.stop();
    this.running = undefined;
    this.current = newConversation(model);
    this.save(true);
    this.emit({ type: 'reset' });
  }

  setModel(model: string): void {
    this.current.model = model;
    this.save(true);
  }

  /**
   * Replaces the conversation's parameters (absent fields follow the settings). The protocol
   * guard already refused bad values; they are checked again here, as nothing invalid may
   * ever be stored or sent.
   */
  setOptions(options: RequestOptions): void {
    const problems = optionProblems(options);
    if (problems.length > 0) throw new InvalidOptionsError(problems);
    const kept = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as RequestOptions;
    this.current.options = kept;
    this.save(true);
    this.emit({ type: 'optionsChanged', options: kept });
  }

  /** "Use this answer": candidate `index` of a finished answer is what later requests carry. */
  chooseCandidate(entryId: string, index: number): boolean {
    const answer = this.findAnswer(entryId);
    if (!answer || answer.status === 'streaming' || index >= answer.candidates.length || answer.chosen === index) return false;
    answer.chosen = index;
    this.save(true);
    this.emit({ type: 'entryUpdated', entry: answer });
    return true;
  }

  private async answer(): Promise<void> {
    const controller = new AbortController();
    this.running = controller;
    this.emit({ type: 'busy', busy: true });
    const answer: AssistantEntry = {
      id: randomUUID(),
      role: 'assistant',
      candidates: [{ content: '' }],
      chosen: 0,
      status: 'streaming',
      model: this.current.model,
      createdAt: Date.now(),
    };
    // Known before any settings are read, so the view shows JSON from the first delta.
    if (this.current.options?.jsonMode === true) answer.responseFormat = 'json_object';
    const history = this.current.entries.slice();
    this.addEntry(answer);
    let messages: ChatMessage[] | undefined;
    try {
      const settings = this.deps.settings();
      const options = effectiveOptions(settings, this.current.options);
      const problems = effectiveProblems(options);
      if (problems.length > 0) throw new InvalidOptionsError(problems);
      const { baseUrl, token } = await this.deps.credentials(settings);
      controller.signal.throwIfAborted();
      messages = await this.requestMessages(options, history);
      await this.deps.durable?.();
      controller.signal.throwIfAborted();
      await this.requestWithUsage(answer, { baseUrl, token }, messages, options, controller.signal);
      answer.status = 'done';
    } catch (error) {
      if (controller.signal.aborted) {
        answer.status = 'stopped';
      } else {
        answer.status = 'error';
        answer.error = toAnswerError(error);
        this.deps.log(`Answer failed: ${answer.error.kind}: ${answer.error.message}`);
      }
    } finally {
      if (messages) this.estimateUsageIfMissing(answer, messages);
      // After a reset the answer belongs to a conversation nobody shows any more.
      if (this.running === controller) {
        this.running = undefined;
        this.current.updatedAt = Date.now();
        this.save(true);
        this.emit({ type: 'entryUpdated', entry: answer });
        this.emit({ type: 'busy', busy: false });
      }
    }
  }

  private async requestMessages(options: EffectiveOptions, history: Entry[]): Promise<ChatMessage[]> {
    // Image bytes are read before building, so the builder stays synchronous and pure.
    const dataUrls = new Map<string, string | undefined>();
    for (const entry of history) {
      for (const image of entry.role === 'user' ? entry.images ?? [] : []) {
        if (!dataUrls.has(image.id)) dataUrls.set(image.id, await this.deps.imageDataUrl?.(image.id));
      }
    }
    const missing = [...dataUrls.values()].filter((url) => url === undefined).length;
    if (missing > 0) this.deps.log(`${missing} attached image(s) are no longer stored and were left out of the request.`);
    return buildMessages(options.systemPrompt, promptTurns(history), {
      dataUrl: (image) => dataUrls.get(image.id),
      partType: isDrawingModel(this.current.model) ? 'file_url' : 'image_url',
    });
  }

  /** Records a fetched (or refused) image of an answer: saved with it and shown by the view. */
  setAnswerImage(entryId: string, url: string, image: AnswerImage): void {
    const answer = this.findAnswer(entryId);
    if (!answer) return;
    answer.images = { ...answer.images, [url]: image };
    this.save(true);
    this.emit({ type: 'entryUpdated', entry: answer });
  }

  /**
   * Runs the request asking for usage when streaming; an endpoint that refuses
   * `stream_options` gets the same request once more without it, and is remembered.
   */
  private async requestWithUsage(
    answer: AssistantEntry,
    endpoint: { baseUrl: string; token?: string },
    messages: ChatMessage[],
    options: EffectiveOptions,
    signal: AbortSignal,
  ): Promise<void> {
    const includeUsage = options.stream && !this.usageOptionRefused.has(endpoint.baseUrl);
    const body = buildRequestBody({ model: this.current.model, messages, options, includeUsage });
    try {
      await this.receive(answer, { ...endpoint, body }, signal);
    } catch (error) {
      if (!includeUsage || signal.aborted || !isStreamOptionsRefusal(error) || answer.candidates.some((c) => c.content !== '')) throw error;
      this.usageOptionRefused.add(endpoint.baseUrl);
      this.deps.log(`${endpoint.baseUrl} refused stream_options; asking again without it (usage will be estimated).`);
      const retryBody = buildRequestBody({ model: this.current.model, messages, options, includeUsage: false });
      await this.receive(answer, { ...endpoint, body: retryBody }, signal);
    }
  }

  private async receive(answer: AssistantEntry, request: ChatRequest, signal: AbortSignal): Promise<void> {
    // While the client waits to try again, the panel says so (and counts down).
    const onRetry = ({ attempt, delayMs, status }: RetryNotice): void =>
      this.emit({ type: 'retrying', entryId: answer.id, attempt, delayMs, ...(status !== undefined ? { status } : {}) });
    for await (const event of this.deps.streamChat({ ...request, onRetry }, signal)) {
      this.apply(answer, event);
    }
  }

  /** A server that sent no usage still cost tokens: estimate them, labelled as estimated. */
  private estimateUsageIfMissing(answer: AssistantEntry, messages: ChatMessage[]): void {
    if (answer.usage) return;
    const texts = answer.candidates.map((candidate) => candidate.content);
    if (texts.every((text) => text === '')) return;
    answer.usage = estimateUsage(messages, texts);
    answer.usageEstimated = true;
  }

  private apply(answer: AssistantEntry, event: ChatEvent): void {
    switch (event.type) {
      case 'delta': {
        const candidate = this.candidate(answer, event.index);
        candidate.content += event.content;
        this.emit({ type: 'delta', entryId: answer.id, index: event.index, content: event.content });
        this.save(false);
        return;
      }
      case 'refusal':
      case 'reasoning': {
        const candidate = this.candidate(answer, event.index);
        candidate[event.type] = (candidate[event.type] ?? '') + event.content;
        this.emit({ type: 'delta', entryId: answer.id, index: event.index, content: event.content, channel: event.type });
        this.save(false);
        return;
      }
      case 'finish':
        this.candidate(answer, event.index).finishReason = event.reason;
        break;
      case 'usage':
        answer.usage = event.usage;
        break;
      case 'model':
        answer.model = event.model;
        break;
      case 'toolCall':
        // No tools are offered in requests, so a tool call is a server's oddity: nothing to show.
        return;
    }
    this.emit({ type: 'entryUpdated', entry: answer });
  }

  private candidate(answer: AssistantEntry, index: number) {
    while (answer.candidates.length <= index) answer.candidates.push({ content: '' });
    return answer.candidates[index]!;
  }

  private addEntry(entry: Entry): void {
    this.current.entries.push(entry);
    this.current.updatedAt = Date.now();
    this.save(true);
    this.emit({ type: 'entryAdded', entry });
  }

  private save(urgent: boolean): void {
    this.deps.save(this.current, urgent);
  }

  private emit(change: SessionChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
