// The conversation as the host owns and persists it, and as the webview renders it.
// Plain serialisable data: it crosses the webview bridge and lives in globalState.

import type { Usage } from '../core/types';

/** Code the user asked about, as it was sent. */
export interface CodeContext {
  /** Workspace-relative path (or the file name of an untitled/outside file). */
  path: string;
  languageId: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  code: string;
  /** Set when the selection was cut to the size limit before sending. */
  truncated?: boolean;
}

export interface UserEntry {
  id: string;
  role: 'user';
  /** The question as the user typed it. */
  text: string;
  context?: CodeContext;
  createdAt: number;
}

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
  createdAt: number;
}

export type Entry = UserEntry | AssistantEntry;

export interface Conversation {
  id: string;
  title: string;
  model: string;
  entries: Entry[];
  createdAt: number;
  updatedAt: number;
}

/** The text of an answer's chosen candidate. */
export function chosenContent(entry: AssistantEntry): string {
  return entry.candidates[entry.chosen]?.content ?? '';
}
