// Files attached to the next question: from the composer's paperclip (a quick pick of the
// workspace's files, or Browse… for the open dialog), from `completionsChat.addFileToContext`
// (the Explorer, an editor's title or tab, the palette) and from files dropped on the panel.
// Files are read through vscode.workspace.fs, so remote and virtual workspaces work, and an
// open editor's text is taken as shown (unsaved changes included). An image file (by its name)
// goes to the composer's images instead, judged by its bytes with the limits of a pasted image.

import * as vscode from 'vscode';
import type { CodeContext } from '../../shared/conversation';
import { formatSize, MAX_CONTEXT_ITEMS, utf8Length } from '../../shared/contextItems';
import { ATTACHMENT_LIMITS } from '../../shared/imageLimits';
import type { Choice, Dialogs } from '../dialogs';
import { pickContext } from '../editor/editorContext';
import type { LastEditorTracker } from '../editor/editorActions';
import { MAX_QUOTED_VALUE_LENGTH, safeText } from '../reporting/untrustedText';
import { binaryProblem, fileSizeProblem, isImageName, languageOfName, textOfBytes, wholeFileContext } from './fileText';
import type { PendingContext } from './pendingContext';

/** Files offered in the quick pick: a large workspace is searched by typing in Browse… instead. */
const MAX_PICKED_FILES = 2000;
/**
 * Left out of the pick: a given exclude replaces files.exclude, and a project's dependencies
 * would otherwise fill the list before its own files.
 */
const PICK_EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/build/**,**/.venv/**,**/target/**}';
const BROWSE = '\u0000browse';
/** The file was too large and the user is being offered its selection instead: nothing to report. */
const OFFERED = Symbol('offered');
/** The action of the offer to attach the selection instead of a file too large. */
const attachSelectionLabel = (): string => vscode.l10n.t('Attach Selection');

export interface ContextFilesDeps {
  pending: PendingContext;
  dialogs: Dialogs;
  editors: LastEditorTracker;
  /** Attaches an image file's bytes as a pasted image is (host/images/chatImages.ts): the refusal, or undefined when attached. */
  attachImage?(bytes: Uint8Array, name: string): Promise<string | undefined>;
}

/** Where a file came from: one the user chose in a dialog may be anywhere; others must be the workspace's. */
type Origin = 'dialog' | 'command' | 'drop';

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}

function nameOf(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

function imageSizeProblem(name: string, size: number): string {
  return vscode.l10n.t('{0} was not attached: it is {1}; the limit for an image is {2}.', name, formatSize(size), formatSize(ATTACHMENT_LIMITS.maxBytes));
}

export class ContextFiles {
  constructor(private readonly deps: ContextFilesDeps) {}

  /** The paperclip: the workspace's files (open ones first), and Browse… for any other. */
  async pick(): Promise<void> {
    const open = vscode.workspace.textDocuments.filter((document) => !document.isClosed && document.uri.scheme !== 'output' && vscode.workspace.getWorkspaceFolder(document.uri));
    const found = await vscode.workspace.findFiles('**/*', PICK_EXCLUDE, MAX_PICKED_FILES);
    const seen = new Set<string>();
    const choices: Choice<string>[] = [{ id: BROWSE, label: vscode.l10n.t('Browse…'), detail: vscode.l10n.t('Choose files with the open dialog') }];
    for (const uri of [...open.map((document) => document.uri), ...found.sort((a, b) => a.path.localeCompare(b.path))]) {
      const key = uri.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      // File names are the repository's: shown as safe text (no `$(icon)`, no links).
      choices.push({ id: key, label: safeText(nameOf(uri), MAX_QUOTED_VALUE_LENGTH), detail: safeText(vscode.workspace.asRelativePath(uri, true), 300) });
    }
    const chosen = await this.deps.dialogs.pickOne(choices, vscode.l10n.t('Completions Chat: Attach a File to the Question'));
    if (chosen === undefined) return;
    if (chosen !== BROWSE) return void (await this.attach([vscode.Uri.parse(chosen, true)], 'command'));
    const files = await this.deps.dialogs.showOpenDialog({
      title: vscode.l10n.t('Completions Chat: Attach Files'),
      openLabel: vscode.l10n.t('Attach'),
      canSelectMany: true,
      canSelectFolders: false,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    if (files?.length) await this.attach(files, 'dialog');
  }

  /**
   * `completionsChat.addFileToContext`: the Explorer passes the clicked file and the selected
   * ones, an editor's title or tab its file; from the palette, the active editor's file.
   * Anything else a caller passes (a `command:` link can pass anything) is not a file URI and
   * attaches nothing. True when something was attached.
   */
  async fromCommand(clicked?: unknown, selected?: unknown): Promise<boolean> {
    const many = Array.isArray(selected) ? selected.filter((item): item is vscode.Uri => item instanceof vscode.Uri) : [];
    const uris = many.length > 0 ? many : clicked instanceof vscode.Uri ? [clicked] : [];
    if (uris.length === 0) {
      const document = this.deps.editors.editor?.document;
      if (!document) {
        this.deps.dialogs.warn(vscode.l10n.t('Open a file, or right-click one in the Explorer, to attach it to the question.'));
        return false;
      }
      uris.push(document.uri);
    }
    return (await this.attach(uris, 'command')) > 0;
  }

  /** Files dropped on the panel, as URI strings from its drag data (shared/uriList.ts). */
  async fromDrop(raw: readonly string[]): Promise<void> {
    const uris: vscode.Uri[] = [];
    for (const text of raw) {
      try {
        uris.push(vscode.Uri.parse(text, true));
      } catch {
        this.deps.pending.refuse(vscode.l10n.t('{0} was not attached: it is not a file.', safeText(text, MAX_QUOTED_VALUE_LENGTH)));
      }
    }
    await this.attach(uris, 'drop');
  }

  /** Attaches each file in order; every refusal is told, naming the file. The number attached. */
  async attach(uris: readonly vscode.Uri[], origin: Origin): Promise<number> {
    let attached = 0;
    for (const uri of uris.slice(0, MAX_CONTEXT_ITEMS + 1)) {
      const problem = await this.attachOne(uri, origin);
      if (problem === OFFERED) continue;
      if (problem) this.refuse(problem, origin);
      else attached++;
    }
    return attached;
  }

  private async attachOne(uri: vscode.Uri, origin: Origin): Promise<string | typeof OFFERED | undefined> {
    const document = openDocument(uri);
    const name = safeText(vscode.workspace.asRelativePath(uri, false), MAX_QUOTED_VALUE_LENGTH);
    // A drop or a command argument is outside input: only the workspace's files and open editors.
    if (origin !== 'dialog' && !document && !vscode.workspace.getWorkspaceFolder(uri)) {
      return vscode.l10n.t('{0} was not attached: only files of this workspace (or open in an editor) can be attached this way; use Browse… for others.', name);
    }
    if (!document && this.deps.attachImage && isImageName(uri.path)) return this.imageFromFile(uri, name, this.deps.attachImage);
    const read = document ? this.fromDocument(document, name) : await this.fromFile(uri, name);
    if (typeof read === 'string' || read === OFFERED) return read;
    return this.deps.pending.add(read);
  }

  /** An image from the Explorer: refused by its size before it is read, then judged by its bytes. */
  private async imageFromFile(uri: vscode.Uri, name: string, attachImage: (bytes: Uint8Array, name: string) => Promise<string | undefined>): Promise<string | undefined> {
    let bytes: Uint8Array;
    try {
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > ATTACHMENT_LIMITS.maxBytes) return imageSizeProblem(name, size);
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      return vscode.l10n.t('{0} was not attached: it could not be read ({1}).', name, safeText(error instanceof Error ? error.message : error, 200));
    }
    if (bytes.byteLength > ATTACHMENT_LIMITS.maxBytes) return imageSizeProblem(name, bytes.byteLength);
    return attachImage(bytes, nameOf(uri));
  }

  private fromDocument(document: vscode.TextDocument, name: string): CodeContext | string | typeof OFFERED {
    const text = document.getText();
    const tooLarge = fileSizeProblem(name, utf8Length(text));
    if (tooLarge) return this.offerSelection(document, tooLarge);
    return wholeFileContext(vscode.workspace.asRelativePath(document.uri, false), document.languageId, text);
  }

  private async fromFile(uri: vscode.Uri, name: string): Promise<CodeContext | string> {
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch (error) {
      return vscode.l10n.t('{0} was not attached: it could not be read ({1}).', name, safeText(error instanceof Error ? error.message : error, 200));
    }
    if (stat.type & vscode.FileType.Directory) return vscode.l10n.t('{0} was not attached: it is a folder; attach the files in it.', name);
    // The size is known before reading: a large file is refused without being read.
    const tooLarge = fileSizeProblem(name, stat.size);
    if (tooLarge) return vscode.l10n.t('{0} Open it, select the part you need and attach it again: the selection is offered then.', tooLarge);
    const bytes = await vscode.workspace.fs.readFile(uri);
    const sizeNow = fileSizeProblem(name, bytes.byteLength);
    if (sizeNow) return sizeNow;
    const text = textOfBytes(bytes);
    if (text === undefined) return binaryProblem(name);
    return wholeFileContext(vscode.workspace.asRelativePath(uri, false), languageOfName(uri.path), text);
  }

  /** A file too large whole: when the user has part of it selected, that part may go instead. */
  private offerSelection(document: vscode.TextDocument, problem: string): string | typeof OFFERED {
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document && !candidate.selection.isEmpty);
    if (!editor) return vscode.l10n.t('{0} Select the part you need and attach the file again to attach the selection.', problem);
    void this.deps.dialogs.warnWithAction(vscode.l10n.t('Completions Chat: {0} Attach the selected lines instead?', problem), attachSelectionLabel()).then((yes) => {
      if (!yes) return;
      const refused = this.deps.pending.add(pickContext(editor).context);
      if (refused) this.refuse(refused, 'command');
    });
    return OFFERED;
  }

  private refuse(message: string, origin: Origin): void {
    this.deps.pending.refuse(message);
    // From the Explorer or the palette the panel may be closed: the refusal is shown there too.
    if (origin === 'command') this.deps.dialogs.warn(vscode.l10n.t('Completions Chat: {0}', message));
  }
}
