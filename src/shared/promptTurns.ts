// The conversation's entries as core's prompt builder reads them. Core knows nothing of
// entries or candidates (it imports nothing of ours), so an answer is reduced here to the text
// of its chosen candidate; which turns are left out stays the builder's rule.

import type { PromptTurn } from '../core/promptBuilder';
import { chosenContent, type Entry } from './conversation';
import { questionContexts } from './contextItems';

export function promptTurns(entries: readonly Entry[]): PromptTurn[] {
  return entries.map((entry): PromptTurn => entry.role === 'user'
    ? { role: 'user', text: entry.text, contexts: questionContexts(entry), images: entry.images }
    : { role: 'assistant', content: chosenContent(entry) });
}
