// The conversation as the host owns and persists it, and as the webview renders it.
// Plain serialisable data: it crosses the webview bridge and is saved as JSON files by the host.

import type { QuotedCode } from '../core/promptBuilder';
import type { Usage } from '../core/types';
import type { RequestOptions } from './requestOptions';

/** Code the user asked about, as it was sent: the shape the prompt builder quotes. */
export type CodeContext = QuotedCode;

export interface UserEntry {
  id: string;
  role: 'user';
  /** The question as the user typed it. */
  text: string;
  /** The one selection a question carried before questions took several items (still read). */
  context?: CodeContext;
  /** The code sent with the question: selections and whole files, in order (shared/contextItems.ts). */
  contexts?: CodeContext[];
  /** Images sent with the question, in order; their bytes live in the host's image store. */
  images?: ImageAttachment[];
  createdAt: number;
}

/**
 * An image judged real by its bytes and kept by the host under `id` (the SHA-256 of the
 * bytes). The data itself never sits in the conversation: the webview gets it as a `data:`
 * URL in an `imageData` message.
 */
export interface ImageAttachment {
  id: string;
  mimeType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  /** File name shown to the user (`pasted image.png` for a paste). */
  name: string;
  width: number;
  height: number;
  /** Bytes. */
  size: number;
}

/** An image an answer links to, once the host fetched it (or failed to). */
export type AnswerImage =
  | ({ status: 'loaded' } & ImageAttachment)
  | { status: 'failed'; reason: string };

export interface Candidate {
  content: string;
  refusal?: string;
  reasoning?: string;
  finishReason?: string;
}

export type AnswerStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

/** An error as the user sees it: what went wrong and the one action that fixes it. */
export interface AnswerError {
  message: string;
  kind: string;
  status?: number;
  action?: ErrorAction;
  /** With `openSettings`: the setting to show, e.g. `completionsChat.baseUrl`. */
  setting?: string;
}

export type ErrorAction = 'setToken' | 'retry' | 'openSettings';

export interface AssistantEntry {
  id: string;
  role: 'assistant';
  /** One per `n` choice; `chosen` is the one the next request carries. */
  candidates: Candidate[];
  chosen: number;
  status: AnswerStatus;
  error?: AnswerError;
  model: string;
  usage?: Usage;
  /** `usage` is an estimate from the text (the server sent none). */
  usageEstimated?: boolean;
  /** Asked in JSON mode: the candidates are shown and exported as JSON. */
  responseFormat?: 'json_object';
  /** Images linked in the answer that the host fetched, by their URL as written in the markdown. */
  images?: Record<string, AnswerImage>;
  createdAt: number;
}

export type Entry = UserEntry | AssistantEntry;

export interface Conversation {
  id: string;
  title: string;
  model: string;
  /** Parameters changed from the panel for this conversation; absent ones follow the settings. */
  options?: RequestOptions;
  /**
   * Endpoint profiles (issue 12): the key of the profile the conversation was started with (or
   * switched to); absent in files written before profiles, which used the Default profile.
   */
  profile?: string;
  entries: Entry[];
  createdAt: number;
  updatedAt: number;
}

/** The text of an answer's chosen candidate. */
export function chosenContent(entry: AssistantEntry): string {
  return entry.candidates[entry.chosen]?.content ?? '';
}

/** The text of candidate `index`, or of the chosen one when `index` is absent or out of range. */
export function candidateContent(entry: AssistantEntry, index?: number): string {
  if (index !== undefined && index < entry.candidates.length) return entry.candidates[index]!.content;
  return chosenContent(entry);
}
