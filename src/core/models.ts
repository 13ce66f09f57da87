// The provider's model families, offered in the picker before (and merged with) whatever the
// server's `GET /models` lists.

import { t } from './l10n';

export interface ModelInfo {
  id: string;
  /** Short description shown beside the id. */
  detail: string;
}

/** A function, not a constant: the descriptions are translated when the picker opens. */
export function curatedModels(): readonly ModelInfo[] {
  return [
    { id: 'gpt-5.2', detail: t('Latest flagship model') },
    { id: 'gpt-4o', detail: t('Fast, multimodal: reads images') },
    { id: 'gpt-4o-mini', detail: t('Small and quick: reads images') },
    { id: 'gpt-4', detail: t('Previous flagship') },
    { id: 'gpt-4-browsing', detail: t('Searches the web, answers with links') },
    { id: 'gpt-3.5-browsing', detail: t('Searches the web, answers with links') },
    { id: 'gpt-4o-image', detail: t('Draws images') },
    { id: 'gpt-3.5-turbo', detail: t('Older, inexpensive') },
  ];
}

/** Curated models first (in their order), then the server's others, each id once. */
export function mergeModelIds(curated: readonly ModelInfo[], fromServer: readonly string[]): ModelInfo[] {
  const seen = new Set(curated.map((model) => model.id));
  const extra = fromServer.filter((id) => !seen.has(id) && (seen.add(id), true)).sort();
  return [...curated, ...extra.map((id) => ({ id, detail: t('From the server') }))];
}

/**
 * The drawing model family (`gpt-4o-image`, and dated or suffixed variants): it answers with
 * markdown that links generated images, and its guide sends attached images as `file_url`
 * parts instead of `image_url`.
 */
export function isDrawingModel(model: string): boolean {
  return /^gpt-4o-image(?:\b|[-_.])/i.test(model.trim());
}
