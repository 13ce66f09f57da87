// The chat session the view and the commands talk to: one conversation, at most one answer
// running, and the changes the view must show. A thin facade: the conversation's edits and
// saving are ConversationModel's, one request is AnswerRun's, and how an answer grows is the
// shared reducer's (shared/answerReducer.ts). Free of `vscode`, so it is tested in plain Node
// against a loopback server.

import type { ChatEvent, RetryNotice } from '../../core/types';
import type { AnswerImage, AssistantEntry, CodeContext, Conversation, ImageAttachment, UserEntry } from '../../shared/conversation';
import type { HostMessage, RequestId, UndoOffer } from '../../shared/protocol';
import type { RequestOptions } from '../../shared/requestOptions';
import type { TextDelta } from '../view/deltaPacer';
import { AnswerRun, type RunDeps } from './answerRun';
import { questionContexts } from '../../shared/contextItems';
import { Continuation } from './continuation';
import { ConversationModel, newConversation, restoreConversation, type SaveConversation } from './conversationModel';
import { imagesHeldBy, replacement, type Replacement } from './replacement';

export type { StreamChat } from './answerRun';
export { newConversation, restoreConversation } from './conversationModel';

/**
 * A change the view must show: the webview's own message shapes, or `reset` when the
 * conversation changed as a whole and the view must be drawn again from the state. Every
 * change a request causes names it (`requestId`); a request's changes stop when it is no
 * longer the one running.
 */
export type SessionChange =
  | Extract<HostMessage, { type: 'entryAdded' | 'entryUpdated' | 'busy' | 'optionsChanged' | 'retrying' | 'undoOffer' }>
  | TextDelta
  | { type: 'reset' };

export interface SessionDeps extends RunDeps {
  /**
   * Saves the conversation (the live object: the store serializes it when it writes); called
   * on every change, `urgent` for a question, an answer's end and every change outside
   * streaming, not urgent for streamed deltas (the store throttles those).
   */
  save: SaveConversation;
}

export class ChatSession {
  private readonly model: ConversationModel;
  /** The answer being streamed, if any: the only run whose changes reach the listeners. */
  private running: AnswerRun | undefined;
  private readonly listeners = new Set<(change: SessionChange) => void>();
  /** Endpoints that refused `stream_options` this session: asked without it from then on. */
  private readonly usageOptionRefused = new Set<string>();
  /** The turns the last edit or regenerate replaced, while Undo can bring them back. */
  private replaced: Replacement | undefined;

  constructor(conversation: Conversation, private readonly deps: SessionDeps) {
    this.model = new ConversationModel(conversation, deps.save);
  }

  get conversation(): Conversation {
    return this.model.conversation;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** The request of the answer being streamed, if any. */
  get requestId(): RequestId | undefined {
    return this.running?.requestId;
  }

  onDidChange(listener: (change: SessionChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The last answer, if the conversation has one. */
  lastAnswer(): AssistantEntry | undefined {
    return this.model.lastAnswer();
  }

  findAnswer(entryId: string): AssistantEntry | undefined {
    return this.model.findAnswer(entryId);
  }

  /**
   * Asks a new question with the code it quotes (selections and files, in order); resolves
   * when its answer has finished, stopped or failed, with the id of the request that answered
   * it (undefined when nothing was asked: busy, or empty).
   */
  async send(text: string, contexts: readonly CodeContext[] = [], images?: readonly ImageAttachment[]): Promise<RequestId | undefined> {
    if (this.busy || (!text.trim() && !contexts.length && !images?.length)) return undefined;
    const question: UserEntry = { id: crypto.randomUUID(), role: 'user', text: text.trim(), createdAt: Date.now() };
    if (contexts.length) question.contexts = [...contexts];
    if (images?.length) question.images = [...images];
    this.dropUndo();
    this.model.nameAfter(text || contexts[0]?.path || images?.[0]?.name || '');
    this.model.addEntry(question);
    this.emit({ type: 'entryAdded', entry: question });
    return this.answer();
  }

  /** Answers the last question again, replacing the last answer; resolves like `send`. */
  async regenerate(): Promise<RequestId | undefined> {
    if (this.busy) return undefined;
    const hasQuestion = this.model.dropLastAnswer();
    if (!hasQuestion) return undefined;
    this.replaced = undefined;
    this.emit({ type: 'reset' });
    return this.answer();
  }

  /**
   * Stops the running answer: only if it is request `requestId` when one is named (a Stop
   * meant for an answer that already ended must not stop the next one). True if it stopped one.
   */
  stop(requestId?: RequestId): boolean {
    const run = this.running;
    if (!run || (requestId !== undefined && requestId !== run.requestId)) return false;
    run.stop();
    return true;
  }

  /**
   * The window is reloading or closing (the extension host shuts down): the running answer ends
   * as "Interrupted" with its text kept, and is saved at once, while shutdown still waits for
   * saves. A Stop here would read as the user's.
   */
  interrupt(): void {
    const run = this.running;
    if (!run) return;
    run.interrupt();
    this.model.touched(true);
  }

  /**
   * Starts over (with the endpoint profile of `profile`, issue 12); a running answer is stopped
   * first, and nothing it does later is shown.
   */
  reset(model: string, profile?: string): void {
    this.running?.stop();
    this.running = undefined;
    this.replaced = undefined;
    this.model.replace(newConversation(model, profile));
    this.emit({ type: 'reset' });
  }

  /** Shows a saved conversation (from the history); a running answer is stopped first, as by `reset`. */
  open(saved: Conversation): void {
    this.running?.stop();
    this.running = undefined;
    this.model.replace(restoreConversation(saved));
    this.emit({ type: 'reset' });
  }

  setModel(model: string): void {
    this.model.setModel(model);
  }

  /** Endpoint profiles (issue 12): the next requests go to profile `key`, asking `model`. */
  setProfile(key: string, model: string): void {
    this.model.setProfile(key, model);
  }

  /** Replaces the conversation's parameters (absent fields follow the settings); throws InvalidOptionsError for a bad one. */
  setOptions(options: RequestOptions): void {
    const kept = this.model.setOptions(options);
    this.emit({ type: 'optionsChanged', options: kept });
  }

  /** "Use this answer": candidate `index` of a finished answer is what later requests carry. */
  chooseCandidate(entryId: string, index: number): boolean {
    const answer = this.model.chooseCandidate(entryId, index);
    if (answer) this.emit({ type: 'entryUpdated', entry: answer });
    return answer !== undefined;
  }

  /** Records a fetched (or refused) image of an answer: saved with it and shown by the view. */
  setAnswerImage(entryId: string, url: string, image: AnswerImage): void {
    const answer = this.model.setAnswerImage(entryId, url, image);
    if (answer) this.emit({ type: 'entryUpdated', entry: answer });
  }

  // ---- Edit and resend, regenerate any answer, continue (issue 11) ----

  /**
   * The turns (user questions) after entry `entryId`, which an edit of that question or a
   * regenerate of that answer replaces besides its own; undefined when there is no such entry.
   */
  laterTurns(entryId: string): number | undefined {
    const index = this.model.indexOf(entryId);
    if (index < 0) return undefined;
    return this.model.conversation.entries.slice(index + 1).filter((entry) => entry.role === 'user').length;
  }

  /** Turns Undo can bring back into the conversation shown, if any. */
  get undoOffer(): UndoOffer | undefined {
    return this.undoable()?.offer;
  }

  /** The images of the turns Undo can still bring back: the image sweep keeps them. */
  get heldImageIds(): string[] {
    return imagesHeldBy(this.replaced);
  }

  /** The replacement, while the conversation it was made in is the one shown (another one opened: never put back there). */
  private undoable(): Replacement | undefined {
    return this.replaced?.conversationId === this.model.conversation.id ? this.replaced : undefined;
  }

  /**
   * Asks question `entryId` again as `text`, keeping its code and images: it and every later
   * entry are replaced (Undo brings them back). Resolves like `send`.
   */
  async editQuestion(entryId: string, text: string): Promise<RequestId | undefined> {
    const old = this.model.conversation.entries[this.model.indexOf(entryId)];
    if (this.busy || old?.role !== 'user' || (!text.trim() && questionContexts(old).length === 0 && !old.images?.length)) return undefined;
    const removed = this.model.removeFrom(entryId)!;
    const question: UserEntry = { ...structuredClone(old), id: crypto.randomUUID(), text: text.trim(), createdAt: Date.now() };
    this.model.addEntry(question);
    this.replaced = replacement('edit', removed, this.model.conversation.id);
    this.emit({ type: 'reset' });
    return this.answer();
  }

  /** Answers the question of answer `entryId` again (any answer): it and every later entry are replaced (Undo brings them back). */
  async regenerateAnswer(entryId: string): Promise<RequestId | undefined> {
    const index = this.model.indexOf(entryId);
    const entries = this.model.conversation.entries;
    if (this.busy || entries[index]?.role !== 'assistant' || entries[index - 1]?.role !== 'user') return undefined;
    this.replaced = replacement('regenerate', this.model.removeFrom(entryId)!, this.model.conversation.id);
    this.emit({ type: 'reset' });
    return this.answer();
  }

  /** Continues the last answer, cut at the token limit, in place; resolves like `send` (undefined: nothing to continue). */
  async continueAnswer(entryId: string): Promise<RequestId | undefined> {
    if (this.busy) return undefined;
    const reopened = this.model.reopenCutAnswer(entryId);
    return reopened && this.answer(new Continuation(reopened.answer, reopened.candidate));
  }

  /**
   * Brings back the turns replacement `id` replaced, exactly as they were; what replaced them
   * goes (an answer still streaming there is stopped first). False when `id` is not the offer.
   */
  undoReplace(id: string): boolean {
    const replaced = this.undoable();
    if (!replaced || replaced.offer.id !== id) return false;
    const run = this.running;
    if (run) {
      this.running = undefined;
      run.stop();
      this.emit({ type: 'busy', busy: false, requestId: run.requestId });
    }
    this.replaced = undefined;
    this.model.restore(replaced.removed);
    this.emit({ type: 'reset' });
    return true;
  }

  /** Anything else changed the turns: what an edit replaced can no longer be put back. */
  private dropUndo(): void {
    if (!this.replaced) return;
    this.replaced = undefined;
    this.emit({ type: 'undoOffer' });
  }

  // ---- end of issue 11's block ----

  private async answer(continuation?: Continuation): Promise<RequestId> {
    const run: AnswerRun = new AnswerRun(this.model.conversation, this.deps, this.usageOptionRefused, {
      changed: (change, event) => this.onRunChange(run, change, event),
      retrying: (notice) => this.onRetry(run, notice),
    }, continuation);
    const { requestId, answer } = run;
    this.running = run;
    this.emit({ type: 'busy', busy: true, requestId });
    if (continuation) {
      // The same answer streams again: the view draws it as streaming, then appends.
      this.emit({ type: 'entryUpdated', entry: answer, requestId });
    } else {
      this.model.addEntry(answer);
      this.emit({ type: 'entryAdded', entry: answer, requestId });
    }
    await run.run();
    // After a reset the answer belongs to a conversation nobody shows any more.
    if (this.running === run) {
      this.running = undefined;
      this.model.touched(true);
      this.emit({ type: 'entryUpdated', entry: answer, requestId });
      this.emit({ type: 'busy', busy: false, requestId });
    }
    return requestId;
  }

  private onRunChange(run: AnswerRun, change: 'text' | 'entry', event: ChatEvent): void {
    if (this.running !== run) return;
    const { requestId, answer } = run;
    if (change === 'entry') {
      this.emit({ type: 'entryUpdated', entry: answer, requestId });
      return;
    }
    if (event.type !== 'delta' && event.type !== 'refusal' && event.type !== 'reasoning') return;
    const channel = event.type === 'delta' ? {} : { channel: event.type };
    this.emit({ type: 'delta', entryId: answer.id, requestId, index: event.index, content: event.content, ...channel });
    this.model.streamed();
  }

  private onRetry(run: AnswerRun, { attempt, delayMs, status }: RetryNotice): void {
    if (this.running !== run) return;
    const { requestId, answer } = run;
    this.emit({ type: 'retrying', entryId: answer.id, requestId, attempt, delayMs, ...(status !== undefined ? { status } : {}) });
  }

  private emit(change: SessionChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
