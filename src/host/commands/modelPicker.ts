// Choosing the model of the current conversation: the curated families, the server's own
// list when it offers one, or any id typed by hand.

import * as vscode from 'vscode';
import { CURATED_MODELS, mergeModelIds } from '../../core/models';
import { safeText } from '../reporting/untrustedText';

interface ModelItem extends vscode.QuickPickItem {
  modelId?: string;
}

const CUSTOM_LABEL = '$(edit) Enter a model id…';
/** A server may list any number of models: the picker shows this many of its own at most. */
export const MAX_SERVER_MODELS = 1_000;
/** Longest model id shown in full in the picker (the id chosen is always the whole id). */
const MAX_SHOWN_ID_LENGTH = 200;

/**
 * Resolves with the chosen id, or undefined when the user cancelled. `serverModels` is started
 * with a signal that aborts when the picker closes (chosen or dismissed) or `signal` (the
 * owner's lifetime) aborts; the latter also closes the picker.
 */
export async function pickModel(current: string, serverModels: (signal: AbortSignal) => Promise<string[]>, signal: AbortSignal): Promise<string | undefined> {
  if (signal.aborted) return undefined;
  const picker = vscode.window.createQuickPick<ModelItem>();
  picker.title = 'Completions Chat: model for this conversation';
  // Ids come from settings, conversations and the server: shown as safe text, never as `$(icon)` or links.
  picker.placeholder = `Current: ${safeText(current, MAX_SHOWN_ID_LENGTH)}`;
  picker.matchOnDetail = true;
  const show = (ids: string[]) => {
    const models = mergeModelIds(CURATED_MODELS, ids.slice(0, MAX_SERVER_MODELS));
    picker.items = [
      ...models.map((model): ModelItem => ({
        label: safeText(model.id, MAX_SHOWN_ID_LENGTH),
        description: model.id === current ? `${model.detail} (current)` : model.detail,
        modelId: model.id,
      })),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: CUSTOM_LABEL },
    ];
    picker.activeItems = picker.items.filter((item) => item.modelId === current);
  };
  show([]);
  picker.busy = true;
  // The server's list arrives later (or never: many servers have no /models).
  const closed = new AbortController();
  serverModels(AbortSignal.any([closed.signal, signal])).then(show, () => undefined).finally(() => (picker.busy = false));

  const hide = () => picker.hide();
  signal.addEventListener('abort', hide, { once: true });
  const choice = await new Promise<ModelItem | undefined>((resolve) => {
    picker.onDidAccept(() => resolve(picker.selectedItems[0]));
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  signal.removeEventListener('abort', hide);
  // Nobody waits for the list any more: the request is hung up.
  closed.abort();
  picker.dispose();
  if (signal.aborted) return undefined;
  if (!choice) return undefined;
  if (choice.modelId) return choice.modelId;
  const typed = await vscode.window.showInputBox({
    title: 'Completions Chat: model id',
    prompt: 'The model id exactly as the server names it, e.g. llama3.1 or gpt-4o-2024-08-06',
    value: current,
    validateInput: (value) => (value.trim() ? undefined : 'The model id must not be empty.'),
  });
  return typed?.trim() || undefined;
}
