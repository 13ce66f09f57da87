// Search over every message of every conversation: a conversation is prepared once into a
// search document (its texts, folded), kept by the host and refreshed when the conversation
// is saved, so a search is a pass of `includes` over folded strings and builds nothing else.

import type { Conversation, Entry } from './conversation';
import { foldCase, matchRanges, searchTerms, type MatchRange } from './textSearch';
import { questionContexts } from './contextItems';

/** One message's searchable text: a question (with its code) or an answer (every candidate). */
interface SearchableText {
  entryId: string;
  text: string;
  folded: string;
}

export interface SearchDocument {
  id: string;
  title: string;
  updatedAt: number;
  titleFolded: string;
  texts: SearchableText[];
  /**
   * Which pairs of adjacent characters occur in the folded title and texts (hashed into
   * BIGRAM_BITS bits): a term with a pair the conversation lacks cannot match, so most
   * conversations are passed over for a rare term without reading their text.
   */
  bigrams: Uint32Array;
}

const BIGRAM_BITS = 4096;

function bigramHash(first: number, second: number): number {
  return (first * 31 + second) & (BIGRAM_BITS - 1);
}

function addBigrams(folded: string, into: Uint32Array): void {
  for (let i = 1; i < folded.length; i++) {
    const hash = bigramHash(folded.charCodeAt(i - 1), folded.charCodeAt(i));
    into[hash >>> 5]! |= 1 << (hash & 31);
  }
}

/** False only when `term` surely does not occur in the document. */
function mayContain(bigrams: Uint32Array, term: string): boolean {
  for (let i = 1; i < term.length; i++) {
    const hash = bigramHash(term.charCodeAt(i - 1), term.charCodeAt(i));
    if ((bigrams[hash >>> 5]! & (1 << (hash & 31))) === 0) return false;
  }
  return true;
}

/** A piece of a matching message, with its matches' ranges inside the piece. */
export interface SearchSnippet {
  entryId: string;
  text: string;
  ranges: MatchRange[];
}

export interface ConversationHit {
  id: string;
  title: string;
  updatedAt: number;
  /** How many messages match. */
  messages: number;
  /** The first few matching messages, cut around their first match. */
  snippets: SearchSnippet[];
}

/** Characters of context kept on each side of a snippet's first match. */
const SNIPPET_CONTEXT = 60;
const SNIPPETS_PER_HIT = 3;

function textOf(entry: Entry): string {
  if (entry.role === 'user') return [entry.text, ...questionContexts(entry).flatMap((context) => [context.path, context.code])].join('\n');
  return entry.candidates.map((candidate) => candidate.content).join('\n');
}

/** The search document of a conversation: built when it is loaded or saved, not per search. */
export function searchDocumentOf(conversation: Conversation): SearchDocument {
  const texts = conversation.entries
    .map((entry) => ({ entryId: entry.id, text: textOf(entry) }))
    .filter(({ text }) => text !== '')
    .map(({ entryId, text }) => ({ entryId, text, folded: foldCase(text) }));
  const titleFolded = foldCase(conversation.title);
  const bigrams = new Uint32Array(BIGRAM_BITS / 32);
  addBigrams(titleFolded, bigrams);
  for (const text of texts) addBigrams(text.folded, bigrams);
  return { id: conversation.id, title: conversation.title, titleFolded, updatedAt: conversation.updatedAt, texts, bigrams };
}

/** Whether every term occurs in the title or in one of the messages (a match never spans two). */
function matchesAll(document: SearchDocument, terms: readonly string[]): boolean {
  return terms.every(
    (term) => mayContain(document.bigrams, term) && (document.titleFolded.includes(term) || document.texts.some((text) => text.folded.includes(term))),
  );
}

function snippetOf(text: SearchableText, terms: readonly string[]): SearchSnippet | undefined {
  const first = matchRanges(text.text, terms, 1, text.folded)[0];
  if (!first) return undefined;
  const start = Math.max(0, first.start - SNIPPET_CONTEXT);
  const end = Math.min(text.text.length, first.end + SNIPPET_CONTEXT);
  const piece = text.text.slice(start, end);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.text.length ? '…' : '';
  const ranges = matchRanges(piece, terms).map((range) => ({ start: range.start + prefix.length, end: range.end + prefix.length }));
  // Line breaks become spaces one for one, so the ranges still fit.
  return { entryId: text.entryId, text: `${prefix}${piece.replace(/\s/g, ' ')}${suffix}`, ranges };
}

/**
 * The conversations in which every term of `query` occurs (in the title or any message),
 * newest first, at most `limit`; an empty query matches nothing.
 */
export function searchConversations(documents: Iterable<SearchDocument>, query: string, limit = 200): ConversationHit[] {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  const matching = [...documents].filter((document) => matchesAll(document, terms));
  matching.sort((a, b) => b.updatedAt - a.updatedAt);
  return matching.slice(0, limit).map((document) => {
    const matched = document.texts.filter((text) => terms.some((term) => text.folded.includes(term)));
    const snippets = matched
      .slice(0, SNIPPETS_PER_HIT)
      .map((text) => snippetOf(text, terms))
      .filter((snippet): snippet is SearchSnippet => snippet !== undefined);
    return { id: document.id, title: document.title, updatedAt: document.updatedAt, messages: matched.length, snippets };
  });
}
