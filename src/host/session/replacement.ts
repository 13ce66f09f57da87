// What an edited question or a regenerated answer replaced, kept while Undo can bring it back,
// and the offer the panel shows for it.

import type { UndoOffer } from '../../shared/protocol';
import type { RemovedTurns } from './conversationModel';

export interface Replacement {
  offer: UndoOffer;
  removed: RemovedTurns;
  /** The conversation the turns were taken from: they are never put back into another one. */
  conversationId: string;
}

/**
 * The turns in `removed` as the user counts them: each question with its answer, and an answer
 * first in line (a regenerated one) with its question, which stays.
 */
export function turnsIn(removed: RemovedTurns): number {
  const questions = removed.entries.filter((entry) => entry.role === 'user').length;
  return questions + (removed.entries[0]?.role === 'assistant' ? 1 : 0);
}

/** The stored images the replaced turns refer to: kept while Undo can bring them back (the sweep asks). */
export function imagesHeldBy(held: Replacement | undefined): string[] {
  const ids = new Set<string>();
  for (const entry of held?.removed.entries ?? []) {
    if (entry.role === 'user') for (const image of entry.images ?? []) ids.add(image.id);
    else for (const image of Object.values(entry.images ?? {})) if (image?.status === 'loaded' && typeof image.id === 'string') ids.add(image.id);
  }
  return [...ids];
}

export function replacement(kind: UndoOffer['kind'], removed: RemovedTurns, conversationId: string): Replacement {
  return { offer: { id: crypto.randomUUID(), kind, turns: turnsIn(removed) }, removed, conversationId };
}
