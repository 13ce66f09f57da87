// Every command the extension contributes. Each handler is small: it gathers what the user
// meant (selection, question, model) and hands it to the session or the view.

import * as vscode from 'vscode';
import { extractCodeBlocks } from '../../shared/codeBlocks';
import { chosenContent } from '../../shared/conversation';
import type { ChatSession } from '../session/chatSession';
import type { ChatViewProvider } from '../view/chatViewProvider';
import { COMMAND_IDS, COMMANDS, type CommandId } from '../contributionIds';
import { endpointOrigin, type Credentials } from '../credentials/credentials';
import { pickContext } from '../editor/editorContext';
import { runTextAction, type LastEditorTracker } from '../editor/editorActions';
import type { Logger } from '../reporting/log';
import { pickModel } from './modelPicker';
import { serverModels } from './serverModels';
import type { SettingsService } from '../settings/settingsService';
import { MAX_QUOTED_VALUE_LENGTH, safeText } from '../reporting/untrustedText';

/** The parts that need the saved conversation: opened on first use, not at activation. */
export interface ChatParts {
  session: ChatSession;
  view: ChatViewProvider;
}

export interface CommandServices {
  chat(): Promise<ChatParts>;
  credentials: Credentials;
  editors: LastEditorTracker;
  settings: SettingsService;
  log: Logger;
  /** Aborted when the extension is deactivated: a command's fetch (the model list) stops. */
  signal: AbortSignal;
}

export const EXPLAIN_QUESTION = 'Explain this code: what it does, how it works, and anything surprising in it.';

async function askAbout(services: CommandServices, question: string | undefined): Promise<void> {
  const editor = services.editors.editor;
  if (!editor) {
    void vscode.window.showWarningMessage('Open a file and select the code to ask about, then try again.');
    return;
  }
  const { session, view } = await services.chat();
  if (session.busy) {
    void vscode.window.showInformationMessage('An answer is still being written. Stop it first, or wait for it to finish.');
    return;
  }
  const { context, notice } = pickContext(editor);
  const text = question ?? await vscode.window.showInputBox({
    // A file name is the repository's: shown as safe text (no link, no `$(icon)`, no controls).
    title: `Completions Chat: ask about ${safeText(context.path, MAX_QUOTED_VALUE_LENGTH)}:${context.startLine}-${context.endLine}`,
    prompt: 'Your question about the selected code',
    placeHolder: 'e.g. Why does this loop never end?',
    ignoreFocusOut: true,
  });
  if (text === undefined || !text.trim()) return;
  if (notice) void vscode.window.showWarningMessage(notice);
  await view.reveal();
  await session.send(text, context);
}

async function insertLastAnswer(services: CommandServices): Promise<void> {
  const answer = (await services.chat()).session.lastAnswer();
  const content = answer ? chosenContent(answer) : '';
  if (!content) {
    void vscode.window.showInformationMessage('There is no answer to insert yet.');
    return;
  }
  const blocks = extractCodeBlocks(content);
  const only = blocks.length === 1 ? blocks[0]! : undefined;
  await runTextAction('insert', { text: only ? only.code : content }, services.editors);
}

async function selectModel(services: CommandServices): Promise<void> {
  const { session, view } = await services.chat();
  const deps = { settings: services.settings.valid(), tokenFor: (origin: string) => services.credentials.tokenFor(origin), log: (message: string) => services.log.info(message) };
  const model = await pickModel(session.conversation.model, (signal) => serverModels(deps, signal), services.signal);
  if (!model) return;
  session.setModel(model);
  view.post({ type: 'modelChanged', model });
}

/**
 * Always asks, in a password box. Arguments are ignored on purpose: a `command:` link in a
 * notification, a hover or a markdown preview can run this command with any arguments, and a
 * token passed that way would be an attacker's token, stored silently to receive the user's code.
 */
async function setApiToken(services: CommandServices): Promise<void> {
  const settings = services.settings.forRequest();
  const saved = await services.credentials.setToken(settings);
  if (saved) void vscode.window.showInformationMessage(`API token saved for ${safeText(endpointOrigin(settings.baseUrl), MAX_QUOTED_VALUE_LENGTH)}.`);
}

async function clearApiToken(services: CommandServices): Promise<void> {
  await services.credentials.clear();
  void vscode.window.showInformationMessage('API token removed from secret storage.');
}

/** Command handlers, each reporting its own failure; registered by id at activation (extension.ts). */
export function commandHandlers(services: CommandServices): Record<CommandId, (...args: unknown[]) => Promise<unknown>> {
  const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
    [COMMANDS.openChat]: async () => (await services.chat()).view.reveal(),
    [COMMANDS.newConversation]: async () => {
      const { session, view } = await services.chat();
      session.reset(services.settings.valid()?.model ?? session.conversation.model);
      await view.reveal();
    },
    [COMMANDS.askAboutSelection]: (question?: unknown) => askAbout(services, typeof question === 'string' ? question : undefined),
    [COMMANDS.explainSelection]: () => askAbout(services, EXPLAIN_QUESTION),
    [COMMANDS.stop]: async () => (await services.chat()).session.stop(),
    [COMMANDS.insertLastAnswer]: () => insertLastAnswer(services),
    [COMMANDS.setApiToken]: () => setApiToken(services),
    [COMMANDS.clearApiToken]: () => clearApiToken(services),
    [COMMANDS.selectModel]: () => selectModel(services),
  };
  const reporting = (id: CommandId) => async (...args: unknown[]): Promise<unknown> => {
    try {
      return await handlers[id](...args);
    } catch (error) {
      if (services.settings.reportFailure(error)) return undefined;
      services.log.error(`Command ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
      // An error can quote a server or a file: shown only as safe text.
      void vscode.window.showErrorMessage(`Completions Chat: ${safeText(error instanceof Error ? error.message : error)}`);
      return undefined;
    }
  };
  return Object.fromEntries(COMMAND_IDS.map((id) => [id, reporting(id)])) as Record<CommandId, (...args: unknown[]) => Promise<unknown>>;
}
