// Export the conversation as Markdown: into a new editor, to a file (its attached images
// written into a folder beside it and linked), or to the clipboard. Free of `vscode` values:
// the editor, the clipboard and the files come in as functions.

import type * as vscode from 'vscode';
import { conversationMarkdown } from '../../shared/conversationMarkdown';
import type { Conversation, ImageAttachment } from '../../shared/conversation';
import type { Dialogs, WorkspaceFiles } from '../dialogs';
import { t } from '../../shared/l10n';

export type ExportTarget = 'editor' | 'file' | 'clipboard';

export interface ExportDeps {
  dialogs: Pick<Dialogs, 'pickOne' | 'showSaveDialog' | 'info'>;
  files: Pick<WorkspaceFiles, 'suggest' | 'write' | 'show'>;
  /** The stored bytes of an attached image (undefined: no longer stored). */
  imageBytes(id: string): Promise<Uint8Array | undefined>;
  /** `folder/name` as a URI beside the chosen file. */
  besides(target: vscode.Uri, name: string): vscode.Uri;
  openInEditor(markdown: string): Thenable<unknown>;
  copy(text: string): Thenable<void>;
}

const targets = (): { id: ExportTarget; label: string; detail: string }[] => [
  { id: 'editor', label: t('Open in a New Editor'), detail: t('An untitled Markdown document; images are named, not included.') },
  { id: 'file', label: t('Save to a File…'), detail: t('A .md file, with the attached images in a folder beside it.') },
  { id: 'clipboard', label: t('Copy to the Clipboard'), detail: t('The whole conversation as Markdown.') },
];

const EXTENSIONS: Record<ImageAttachment['mimeType'], string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** A file name of our making for an image: its content hash, never the name it came with. */
function imageFileName(image: ImageAttachment): string {
  return `${image.id.slice(0, 16)}.${EXTENSIONS[image.mimeType] ?? 'img'}`;
}

/** A name for the file from the title: letters, digits and dashes only. */
export function exportFileName(title: string): string {
  const base = title.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60).toLowerCase();
  return `${base || 'conversation'}.md`;
}

/** Resolves with where it went, or undefined when there was nothing to export or the user cancelled. */
export async function exportConversation(conversation: Conversation, deps: ExportDeps, chosen?: ExportTarget): Promise<ExportTarget | undefined> {
  if (conversation.entries.length === 0) {
    deps.dialogs.info(t('There is nothing to export yet: ask a question first.'));
    return undefined;
  }
  const target = chosen ?? (await deps.dialogs.pickOne(targets(), t('Completions Chat: Export Conversation as Markdown')));
  if (target === 'editor') await deps.openInEditor(conversationMarkdown(conversation));
  else if (target === 'clipboard') await deps.copy(conversationMarkdown(conversation));
  else if (target === 'file') return (await saveToFile(conversation, deps)) ? target : undefined;
  return target;
}

/** `notes.md` keeps its images in `notes-images/`, a name of our making whatever the file's. */
function imagesFolderFor(file: vscode.Uri): string {
  const stem = (file.path.split('/').pop() ?? '').replace(/\.md$/i, '');
  return `${exportFileName(stem).slice(0, -'.md'.length)}-images`;
}

async function saveToFile(conversation: Conversation, deps: ExportDeps): Promise<boolean> {
  const name = exportFileName(conversation.title);
  const file = await deps.dialogs.showSaveDialog({
    title: t('Completions Chat: Export Conversation'),
    saveLabel: t('Export'),
    defaultUri: deps.files.suggest(name),
    filters: { Markdown: ['md'] },
  });
  if (!file) return false;
  const folder = imagesFolderFor(file);
  const written = new Map<string, string>();
  for (const entry of conversation.entries) {
    for (const image of entry.role === 'user' ? entry.images ?? [] : []) {
      if (written.has(image.id)) continue;
      const bytes = await deps.imageBytes(image.id);
      if (!bytes) continue;
      const relative = `${folder}/${imageFileName(image)}`;
      await deps.files.write(deps.besides(file, relative), bytes);
      written.set(image.id, relative);
    }
  }
  const markdown = conversationMarkdown(conversation, { imagePath: (image) => written.get(image.id) });
  await deps.files.write(file, new TextEncoder().encode(markdown));
  await deps.files.show(file);
  return true;
}
