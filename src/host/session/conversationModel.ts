// The conversation the session shows and saves: every edit to it, and when each edit is
// saved. It tells no one about changes (ChatSession does); it only keeps the data right and
// on its way to disk.

import type { AnswerImage, AssistantEntry, Conversation, Entry } from '../../shared/conversation';
import { optionProblems, type RequestOptions } from '../../shared/requestOptions';
import { InvalidOptionsError } from './answerErrors';
import { t } from '../../shared/l10n';

/**
 * Saves the conversation (the live object: the store serializes it when it writes); `urgent`
 * for a question, an answer's end and every change outside streaming, not urgent for streamed
 * text (the store throttles those).
 */
export type SaveConversation = (conversation: Conversation, urgent: boolean) => void;

export function newConversation(model: string, profile?: string): Conversation {
  const now = Date.now();
  return { id: crypto.randomUUID(), title: t('New conversation'), model, ...(profile === undefined ? {} : { profile }), entries: [], createdAt: now, updatedAt: now };
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
  return firstLine.length > 60 ? `${firstLine.slice(0, 57)}…` : firstLine || t('New conversation');
}

/** Entries taken out of the conversation (from `index` on), kept to put them back. */
export interface RemovedTurns {
  index: number;
  entries: Entry[];
}

export class ConversationModel {
  private current: Conversation;

  constructor(conversation: Conversation, private readonly save: SaveConversation) {
    this.current = conversation;
  }

  get conversation(): Conversation {
    return this.current;
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

  /** The first question names the conversation. */
  nameAfter(text: string): void {
    if (this.current.entries.length === 0) this.current.title = titleFrom(text);
  }

  /** A question or a new answer: saved at once, so it survives a reload that follows. */
  addEntry(entry: Entry): void {
    this.current.entries.push(entry);
    this.touched(true);
  }

  /**
   * Drops the last answer (to answer its question again); false when the conversation does
   * not end with a question after that.
   */
  dropLastAnswer(): boolean {
    const entries = this.current.entries;
    if (entries.at(-1)?.role === 'assistant') entries.pop();
    return entries.at(-1)?.role === 'user';
  }

  // ---- Edit and resend, regenerate any answer, continue (issue 11) ----

  /** Where entry `entryId` stands, or -1. */
  indexOf(entryId: string): number {
    return this.current.entries.findIndex((entry) => entry.id === entryId);
  }

  /**
   * Removes entry `entryId` and every entry after it, saved at once (a reload right after
   * must not bring them back); what was removed, to `restore` it, or undefined when there is
   * no such entry.
   */
  removeFrom(entryId: string): RemovedTurns | undefined {
    const index = this.indexOf(entryId);
    if (index < 0) return undefined;
    const entries = this.current.entries.splice(index);
    this.touched(true);
    return { index, entries };
  }

  /**
   * Undoes `removeFrom`: whatever stands at `removed.index` and after (what replaced the
   * entries) goes, and the removed entries come back as they were; saved at once.
   */
  restore(removed: RemovedTurns): void {
    const entries = this.current.entries;
    entries.splice(Math.min(removed.index, entries.length), Infinity, ...removed.entries);
    this.touched(true);
  }

  /**
   * The last answer again as streaming, to continue its chosen candidate (cut at the token
   * limit); saved at once. Undefined when `entryId` is not a last answer cut with text.
   */
  reopenCutAnswer(entryId: string): { answer: AssistantEntry; candidate: number } | undefined {
    const answer = this.lastAnswer();
    const candidate = answer?.candidates[answer.chosen];
    if (!answer || answer.id !== entryId || answer.status === 'streaming' || candidate?.finishReason !== 'length' || candidate.content === '') return undefined;
    answer.status = 'streaming';
    delete answer.error;
    delete candidate.finishReason;
    this.touched(true);
    return { answer, candidate: answer.chosen };
  }

  // ---- end of issue 11's block ----

  /** Starts over with an empty conversation. */
  replace(conversation: Conversation): void {
    this.current = conversation;
    this.save(this.current, true);
  }

  setModel(model: string): void {
    this.current.model = model;
    this.save(this.current, true);
  }

  /** Endpoint profiles (issue 12): later requests go to the profile of `key`, with `model`. */
  setProfile(key: string, model: string): void {
    this.current.profile = key;
    this.current.model = model;
    this.save(this.current, true);
  }

  /**
   * Replaces the conversation's parameters (absent fields follow the settings) and returns
   * what was kept. The protocol guard already refused bad values; they are checked again
   * here, as nothing invalid may ever be stored or sent.
   */
  setOptions(options: RequestOptions): RequestOptions {
    const problems = optionProblems(options);
    if (problems.length > 0) throw new InvalidOptionsError(problems);
    const kept = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as RequestOptions;
    this.current.options = kept;
    this.save(this.current, true);
    return kept;
  }

  /** Candidate `index` of a finished answer becomes the one later requests carry; the answer, or undefined when refused. */
  chooseCandidate(entryId: string, index: number): AssistantEntry | undefined {
    const answer = this.findAnswer(entryId);
    if (!answer || answer.status === 'streaming' || index >= answer.candidates.length || answer.chosen === index) return undefined;
    answer.chosen = index;
    this.save(this.current, true);
    return answer;
  }

  /** Records a fetched (or refused) image of an answer; the answer, or undefined when it is gone. */
  setAnswerImage(entryId: string, url: string, image: AnswerImage): AssistantEntry | undefined {
    const answer = this.findAnswer(entryId);
    if (!answer) return undefined;
    answer.images = { ...answer.images, [url]: image };
    this.save(this.current, true);
    return answer;
  }

  /** Streamed text arrived: saved soon, not at once (the store throttles). */
  streamed(): void {
    this.save(this.current, false);
  }

  /** The conversation changed (an entry added, an answer ended): stamped and saved. */
  touched(urgent: boolean): void {
    this.current.updatedAt = Date.now();
    this.save(this.current, urgent);
  }
}
