// The one rule for how a streamed answer grows: the core's ChatEvents (and the webview's
// delta parts, which are the same text events paced) folded into an AssistantEntry. The host
// folds the server's events into the answer it saves; the webview folds the paced `delta`
// messages into its copy of the same entry. Both sides run this code, so they cannot disagree
// about what an answer holds (test/unit/shared/answerReducer.test.ts proves it on recordings).
//
// Contract: the reducer MUTATES the answer in place and returns the same object. An answer can
// grow by 50,000 deltas to megabytes of text; copying the entry (or its text) per delta would
// make streaming quadratic. Only the candidate an event names changes; nothing else is copied.
// Callers that need a snapshot clone it themselves (the bridge's structured clone does).

import type { ChatEvent } from '../core/types';
import type { AssistantEntry, Candidate } from './conversation';
import type { DeltaPart } from './protocol';

export type { ChatEvent } from '../core/types';

/**
 * Most candidates an answer may hold: the core's own cap on `n` choices (MAX_CHOICES in
 * core/answerLimits.ts, which already refuses a higher index). Checked again here so that no
 * index, from the server or a message, can make the reducer allocate.
 */
export const MAX_ANSWER_CANDIDATES = 128;

/**
 * What an event changed: `text` (appended to a candidate's answer, refusal or reasoning text:
 * the host sends it on as a `delta`), `entry` (anything else: finish, usage, model — sent as a
 * whole `entryUpdated`), or `undefined` when the event was ignored (nothing to show, an index
 * out of range, or an answer that is no longer streaming).
 */
export type AnswerChange = 'text' | 'entry' | undefined;

function isCandidateIndex(index: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < MAX_ANSWER_CANDIDATES;
}

/** Candidate `index`, created (with those before it) when the stream first names it. */
function candidateAt(answer: AssistantEntry, index: number): Candidate {
  while (answer.candidates.length <= index) answer.candidates.push({ content: '' });
  return answer.candidates[index]!;
}

/**
 * Folds `event` into `answer` in place (see the contract above) and says what changed. An
 * answer that is not streaming any more (stopped, failed, done) takes no event: a late event of
 * a finished request cannot touch it.
 */
export function foldEvent(answer: AssistantEntry, event: ChatEvent): AnswerChange {
  if (answer.status !== 'streaming') return undefined;
  switch (event.type) {
    case 'delta':
    case 'refusal':
    case 'reasoning': {
      if (event.content === '' || !isCandidateIndex(event.index)) return undefined;
      const candidate = candidateAt(answer, event.index);
      if (event.type === 'delta') candidate.content += event.content;
      else candidate[event.type] = (candidate[event.type] ?? '') + event.content;
      return 'text';
    }
    case 'finish':
      if (!isCandidateIndex(event.index)) return undefined;
      candidateAt(answer, event.index).finishReason = event.reason;
      return 'entry';
    case 'usage':
      answer.usage = event.usage;
      return 'entry';
    case 'model':
      answer.model = event.model;
      return 'entry';
    case 'toolCall':
      // No tools are offered in requests, so a tool call is a server's oddity: nothing to show.
      return undefined;
  }
}

/** `foldEvent` for callers that only want the answer: the same object, changed in place. */
export function applyEvent(answer: AssistantEntry, event: ChatEvent): AssistantEntry {
  foldEvent(answer, event);
  return answer;
}

/** The text event a paced delta part stands for. */
export function partEvent(part: DeltaPart): Extract<ChatEvent, { type: 'delta' | 'refusal' | 'reasoning' }> {
  return { type: part.channel ?? 'delta', index: part.index, content: part.content };
}
