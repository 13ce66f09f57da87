// The history list's messages between the host and the webview (issue 11: many conversations
// and search), kept apart from protocol.ts, which joins them into its unions and its guard.

import type { SearchSnippet } from './conversationSearch';

/** One saved conversation as the history list shows it. */
export interface HistoryItem {
  id: string;
  title: string;
  /** Milliseconds since the epoch. */
  updatedAt: number;
  pinned: boolean;
}

/** A conversation matching a search: where it matched, with the ranges to highlight. */
export interface HistoryHit extends HistoryItem {
  /** How many messages match. */
  messages: number;
  snippets: SearchSnippet[];
}

export type HistoryHostMessage =
  /**
   * The history list: `shown` puts the panel in its history view (false: back to the chat);
   * `currentId` is the conversation the chat shows; `deleted` is the one whose Undo is offered.
   */
  | { type: 'history'; shown: boolean; items: HistoryItem[]; currentId?: string; deleted?: { id: string; title: string } }
  /** The answer to search `requestId` (a later search supersedes it: the view drops older ones). */
  | { type: 'searchResults'; requestId: number; hits: HistoryHit[] };

export type HistoryWebviewMessage =
  | { type: 'showHistory' }
  /** The view left the history (Escape, or back to the chat). */
  | { type: 'closeHistory' }
  | { type: 'searchHistory'; requestId: number; query: string }
  | { type: 'openConversation'; id: string }
  /** Asks the host for a new title (its input box). */
  | { type: 'renameConversation'; id: string }
  | { type: 'pinConversation'; id: string; pinned: boolean }
  | { type: 'deleteConversation'; id: string }
  | { type: 'undoDelete'; id: string };

/** Longest search query the view may send (the search reads the first 200 characters). */
export const MAX_SEARCH_QUERY_LENGTH = 1_000;
/** Largest search request id. */
const MAX_REQUEST_ID = Number.MAX_SAFE_INTEGER;
/** Conversation ids are UUIDs. */
const MAX_CONVERSATION_ID_LENGTH = 64;

type FieldCheck = (value: unknown) => boolean;

const conversationId: FieldCheck = (value) => typeof value === 'string' && value.length > 0 && value.length <= MAX_CONVERSATION_ID_LENGTH;
const requestId: FieldCheck = (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_REQUEST_ID;
const query: FieldCheck = (value) => typeof value === 'string' && value.length <= MAX_SEARCH_QUERY_LENGTH;
const flag: FieldCheck = (value) => typeof value === 'boolean';

/** Each history message's fields and their checks (protocol.ts's guard applies them). */
export const historyMessageShapes: { [K in HistoryWebviewMessage['type']]: Record<string, FieldCheck> } = {
  showHistory: {},
  closeHistory: {},
  searchHistory: { requestId, query },
  openConversation: { id: conversationId },
  renameConversation: { id: conversationId },
  pinConversation: { id: conversationId, pinned: flag },
  deleteConversation: { id: conversationId },
  undoDelete: { id: conversationId },
};
