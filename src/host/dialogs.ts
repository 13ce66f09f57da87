// What the chat asks of VS Code's own UI: modal questions, notifications, the file dialogs, the
// input box, and the files a dialog picked. Behind two small interfaces so the logic of the
// view and the commands runs in plain Node under test with fakes; in the extension host the
// real ones are used, or (in test mode only) `AnswerableDialogs`, as no dialog can be clicked there.

import * as vscode from 'vscode';
import type { TrustQuestion } from './images/imageTrust';

export interface Dialogs {
  /** A modal question; true only when the user chose `question.action` (cancel is always there). */
  confirm(question: TrustQuestion): Promise<boolean>;
  info(message: string): void;
  warn(message: string): void;
  /** A warning with one button; true when the user chose it. */
  warnWithAction(message: string, action: string): Promise<boolean>;
  error(message: string): void;
  showSaveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** A quick pick of a few choices; the chosen one's id, undefined when dismissed. */
  pickOne<T extends string>(choices: readonly Choice<T>[], title: string): Promise<T | undefined>;
}

export interface Choice<T extends string> {
  id: T;
  label: string;
  detail?: string;
}

/** The workspace's files, as far as saving from the chat goes. */
export interface WorkspaceFiles {
  /** `name` in the first workspace folder, suggested in a save dialog (undefined: no folder open). */
  suggest(name: string): vscode.Uri | undefined;
  read(source: vscode.Uri): Thenable<Uint8Array>;
  write(target: vscode.Uri, bytes: Uint8Array): Thenable<void>;
  /** Opens a saved file in an editor. */
  show(target: vscode.Uri): Thenable<unknown>;
  /** How the user knows the file: relative to the workspace when it is in it. */
  describe(target: vscode.Uri): string;
}

export const vscodeDialogs: Dialogs = {
  confirm: async ({ message, detail, action }) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action,
  info: (message) => void vscode.window.showInformationMessage(message),
  warn: (message) => void vscode.window.showWarningMessage(message),
  warnWithAction: async (message, action) => (await vscode.window.showWarningMessage(message, action)) === action,
  error: (message) => void vscode.window.showErrorMessage(message),
  showSaveDialog: (options) => vscode.window.showSaveDialog(options),
  showOpenDialog: (options) => vscode.window.showOpenDialog(options),
  showInputBox: (options) => vscode.window.showInputBox(options),
  pickOne: async (choices, title) => (await vscode.window.showQuickPick(choices.map((choice) => ({ ...choice })), { title }))?.id,
};

export const vscodeFiles: WorkspaceFiles = {
  suggest: (name) => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder ? vscode.Uri.joinPath(folder, name) : undefined;
  },
  read: (source) => vscode.workspace.fs.readFile(source),
  write: (target, bytes) => vscode.workspace.fs.writeFile(target, bytes),
  show: (target) => vscode.window.showTextDocument(target, { preview: true }),
  describe: (target) => vscode.workspace.asRelativePath(target),
};

/** Where an export goes: the workspace's files, a file beside another, a new editor, the clipboard. */
export const vscodeExportTargets = {
  files: vscodeFiles,
  // joinPath normalizes as posix.join does: `..` drops the file's name (no node:path, for the web build).
  besides: (target: vscode.Uri, relative: string) => vscode.Uri.joinPath(target, '..', relative),
  openInEditor: async (markdown: string) => vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: markdown, language: 'markdown' })),
  copy: (text: string) => vscode.env.clipboard.writeText(text),
};
