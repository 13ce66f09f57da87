// One request for one answer, from the settings to the answer's end: the parameters, the
// endpoint and token, the messages, a durable question, the stream (asked once more without
// `stream_options` when an endpoint refuses it) folded into the answer by the shared reducer,
// and a usage estimate when the server sent none. It knows nothing of listeners or saving:
// it reports each change to its owner (ChatSession), which decides whether it still counts.

import { isDrawingModel } from '../../core/models';
import { buildMessages } from '../../core/promptBuilder';
import type { ChatEvent, ChatMessage, ChatRequest, RetryNotice } from '../../core/types';
import { foldEvent } from '../../shared/answerReducer';
import type { AssistantEntry, Conversation, Entry } from '../../shared/conversation';
import { promptTurns } from '../../shared/promptTurns';
import type { RequestId } from '../../shared/protocol';
import { effectiveOptions, effectiveProblems, type EffectiveOptions } from '../../shared/requestOptions';
import { estimateUsage } from '../../shared/usage';
import type { Settings } from '../settings/settings';
import { InvalidOptionsError, toAnswerError } from './answerErrors';
import { continuationMessages, type Continuation } from './continuation';
import { buildRequestBody, isStreamOptionsRefusal } from './requestBody';

export type StreamChat = (request: ChatRequest, signal: AbortSignal) => AsyncIterable<ChatEvent>;

/** What a run needs from the extension (the same as the session's, minus saving). */
export interface RunDeps {
  streamChat: StreamChat;
  /** Current settings; throws SettingError for a bad one. */
  settings(): Settings;
  /**
   * The request's endpoint and token for the current settings: may ask the user for a token,
   * throws MissingTokenError when there is none to use. With the endpoint's custom headers and
   * fetch (issue 12: they belong to the endpoint profile of the settings).
   */
  credentials(settings: Settings): Promise<Endpoint>;
  /**
   * Resolves when everything saved so far is on disk, or after a bounded wait: awaited before
   * a request goes out, so the question survives a reload or crash that follows.
   */
  durable?(): Promise<unknown>;
  log(message: string): void;
  /** The `data:` URL of an attached image's stored bytes (absent: questions go without images). */
  imageDataUrl?(id: string): Promise<string | undefined>;
}

/** How a run reports its answer's changes while it streams. */
export interface RunReports {
  /** An event changed the answer: appended text (`text`) or anything else (`entry`). */
  changed(change: 'text' | 'entry', event: ChatEvent): void;
  /** The client waits to try again (the panel counts down). */
  retrying(notice: RetryNotice): void;
}

type Endpoint = Pick<ChatRequest, 'baseUrl' | 'token' | 'headers' | 'secrets' | 'fetch'>;

/** A new, empty answer to stream into. */
function emptyAnswer(conversation: Conversation): AssistantEntry {
  const answer: AssistantEntry = {
    id: crypto.randomUUID(),
    role: 'assistant',
    candidates: [{ content: '' }],
    chosen: 0,
    status: 'streaming',
    model: conversation.model,
    createdAt: Date.now(),
  };
  // Known before any settings are read, so the view shows JSON from the first delta.
  if (conversation.options?.jsonMode === true) answer.responseFormat = 'json_object';
  return answer;
}

export class AnswerRun {
  readonly requestId: RequestId = crypto.randomUUID();
  readonly answer: AssistantEntry;
  private readonly controller = new AbortController();
  /** Some text of this run reached the answer (a request that answered is never asked again). */
  private receivedText = false;
  /** Ended by a shutdown (`interrupt`), not by a Stop. */
  private interrupted = false;
  /** The entries before the answer (with the cut answer, for a continuation): what the request carries. */
  private readonly history: Entry[];

  /**
   * @param usageOptionRefused endpoints that refused `stream_options` in this session, shared
   *   by every run: asked without it from then on (a run adds the endpoint it finds refusing).
   * @param continuation given: the run continues that answer (cut at the token limit) instead
   *   of writing a new one (continuation.ts says how the request is built).
   */
  constructor(
    private readonly conversation: Conversation,
    private readonly deps: RunDeps,
    private readonly usageOptionRefused: Set<string>,
    private readonly reports: RunReports,
    private readonly continuation?: Continuation,
  ) {
    this.history = conversation.entries.slice();
    this.answer = continuation?.answer ?? emptyAnswer(conversation);
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  stop(): void {
    this.controller.abort();
  }

  /**
   * The extension host is shutting down (a reload or close of the window): the answer ends as
   * interrupted, as one cut by a host that died is marked when it is loaded again, never as the
   * user's Stop. Marked at once, so a save made now already says so; later text is not folded.
   */
  interrupt(): void {
    this.interrupted = true;
    if (this.answer.status === 'streaming') this.answer.status = 'interrupted';
    this.controller.abort();
  }

  /** Runs the request to the answer's end: never throws, the answer's status says how it went. */
  async run(): Promise<void> {
    const { answer } = this;
    const signal = this.controller.signal;
    let messages: ChatMessage[] | undefined;
    try {
      const settings = this.deps.settings();
      const options = effectiveOptions(settings, this.conversation.options);
      const problems = effectiveProblems(options);
      if (problems.length > 0) throw new InvalidOptionsError(problems);
      const endpoint = await this.deps.credentials(settings);
      signal.throwIfAborted();
      messages = await this.requestMessages(options);
      await this.deps.durable?.();
      signal.throwIfAborted();
      await this.requestWithUsage(endpoint, messages, options);
      answer.status = 'done';
    } catch (error) {
      if (signal.aborted) {
        answer.status = this.interrupted ? 'interrupted' : 'stopped';
      } else {
        answer.status = 'error';
        answer.error = toAnswerError(error);
        this.deps.log(`Answer failed: ${answer.error.kind}: ${answer.error.message}`);
      }
    } finally {
      if (this.continuation) this.continuation.finish(messages);
      else if (messages) this.estimateUsageIfMissing(messages);
    }
  }

  private async requestMessages(options: EffectiveOptions): Promise<ChatMessage[]> {
    // Image bytes are read before building, so the builder stays synchronous and pure.
    const dataUrls = new Map<string, string | undefined>();
    for (const entry of this.history) {
      for (const image of entry.role === 'user' ? entry.images ?? [] : []) {
        if (!dataUrls.has(image.id)) dataUrls.set(image.id, await this.deps.imageDataUrl?.(image.id));
      }
    }
    const missing = [...dataUrls.values()].filter((url) => url === undefined).length;
    if (missing > 0) this.deps.log(`${missing} attached image(s) are no longer stored and were left out of the request.`);
    const messages = buildMessages(options.systemPrompt, promptTurns(this.history), {
      dataUrl: (image) => dataUrls.get(image.id),
      partType: isDrawingModel(this.conversation.model) ? 'file_url' : 'image_url',
    });
    return this.continuation ? continuationMessages(messages) : messages;
  }

  /**
   * Runs the request asking for usage when streaming; an endpoint that refuses
   * `stream_options` gets the same request once more without it, and is remembered.
   */
  private async requestWithUsage(endpoint: Endpoint, messages: ChatMessage[], effective: EffectiveOptions): Promise<void> {
    const model = this.conversation.model;
    // A continuation extends one candidate: one choice is asked for.
    const options = this.continuation ? { ...effective, n: 1 } : effective;
    const includeUsage = options.stream && !this.usageOptionRefused.has(endpoint.baseUrl);
    const body = buildRequestBody({ model, messages, options, includeUsage });
    try {
      await this.receive({ ...endpoint, body });
    } catch (error) {
      if (!includeUsage || this.stopped || !isStreamOptionsRefusal(error) || this.receivedText) throw error;
      this.usageOptionRefused.add(endpoint.baseUrl);
      this.deps.log(`${endpoint.baseUrl} refused stream_options; asking again without it (usage will be estimated).`);
      await this.receive({ ...endpoint, body: buildRequestBody({ model, messages, options, includeUsage: false }) });
    }
  }

  private async receive(request: ChatRequest): Promise<void> {
    const signal = this.controller.signal;
    const onRetry = (notice: RetryNotice): void => this.reports.retrying(notice);
    for await (const event of this.deps.streamChat({ ...request, onRetry }, signal)) {
      // Stopped: an event the client had already read is not shown (the loop ends with the abort).
      if (signal.aborted) break;
      const folded = this.continuation ? this.continuation.adapt(event) : event;
      const change = folded && foldEvent(this.answer, folded);
      if (change === 'text') this.receivedText = true;
      if (change) this.reports.changed(change, folded);
    }
    signal.throwIfAborted();
  }

  /** A server that sent no usage still cost tokens: estimate them, labelled as estimated. */
  private estimateUsageIfMissing(messages: ChatMessage[]): void {
    const { answer } = this;
    if (answer.usage) return;
    const texts = answer.candidates.map((candidate) => candidate.content);
    if (texts.every((text) => text === '')) return;
    answer.usage = estimateUsage(messages, texts);
    answer.usageEstimated = true;
  }
}
