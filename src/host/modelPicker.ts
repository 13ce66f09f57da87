// Choosing the model of the current conversation: the curated families, the server's own
// list when it offers one, or any id typed by hand.

import * as vscode from 'vscode';
import { CURATED_MODELS, mergeModelIds } from '../core/models';

interface ModelItem extends vscode.QuickPickItem {
  modelId?: string;
}

const CUSTOM_LABEL = '$(edit) Enter a model id…';

/** Resolves with the chosen id, or undefined when the user cancelled. */
export async function pickModel(current: string, serverModels: Promise<string[]>): Promise<string | undefined> {
  const picker = vscode.window.createQuickPick<ModelItem>();
  picker.title = 'Completions Chat: model for this conversation';
  picker.placeholder = `Current: ${current}`;
  picker.matchOnDetail = true;
  const show = (ids: string[]) => {
    const models = mergeModelIds(CURATED_MODELS, ids);
    picker.items = [
      ...models.map((model): ModelItem => ({
        label: model.id,
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
  serverModels.then(show, () => undefined).finally(() => (picker.busy = false));

  const choice = await new Promise<ModelItem | undefined>((resolve) => {
    picker.onDidAccept(() => resolve(picker.selectedItems[0]));
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  picker.dispose();
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
