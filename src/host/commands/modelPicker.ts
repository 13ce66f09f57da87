// Choosing the model of the current conversation: the curated families, the server's own
// list when it offers one, or any id typed by hand.

import * as vscode from 'vscode';
import { curatedModels, mergeModelIds } from '../../core/models';
import type { Dialogs } from '../dialogs';
import { safeText } from '../reporting/untrustedText';

interface ModelItem extends vscode.QuickPickItem {
  modelId?: string;
}

const customLabel = (): string => `$(edit) ${vscode.l10n.t('Enter a model id…')}`;
/** A server may list any number of models: the picker shows this many of its own at most. */
export const MAX_SERVER_MODELS = 1_000;
/** Longest model id shown in full in the picker (the id chosen is always the whole id). */
const MAX_SHOWN_ID_LENGTH = 200;

/** Resolves with the chosen id, or undefined when the user cancelled. */
export async function pickModel(current: string, serverModels: Promise<string[]>, dialogs: Pick<Dialogs, 'showInputBox'>): Promise<string | undefined> {
  const picker = vscode.window.createQuickPick<ModelItem>();
  picker.title = vscode.l10n.t('Completions Chat: model for this conversation');
  // Ids come from settings, conversations and the server: shown as safe text, never as `$(icon)` or links.
  picker.placeholder = vscode.l10n.t('Current: {0}', safeText(current, MAX_SHOWN_ID_LENGTH));
  picker.matchOnDetail = true;
  const show = (ids: string[]) => {
    const models = mergeModelIds(curatedModels(), ids.slice(0, MAX_SERVER_MODELS));
    picker.items = [
      ...models.map((model): ModelItem => ({
        label: safeText(model.id, MAX_SHOWN_ID_LENGTH),
        description: model.id === current ? `${model.detail} (current)` : model.detail,
        modelId: model.id,
      })),
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: customLabel() },
    ];
    picker.activeItems = picker.items.filter((item) => item.modelId === current);
  };
  show([]);
  picker.busy = true;
  // The server's list arrives later (or never: many servers have no /models).
  serverModels.then(show, () => undefined).finally(() => (picker.busy = false));

  const choice = await new Promise<ModelItem | undefined>((resolve) => {
    picker.onDidAccept(() => resolve(picker.selectedItems[0]));
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  picker.dispose();
  if (!choice) return undefined;
  if (choice.modelId) return choice.modelId;
  const typed = await dialogs.showInputBox({
    title: vscode.l10n.t('Completions Chat: model id'),
    prompt: vscode.l10n.t('The model id exactly as the server names it, e.g. llama3.1 or gpt-4o-2024-08-06'),
    value: current,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The model id must not be empty.')),
  });
  return typed?.trim() || undefined;
}
