// Every command the extension contributes. Each handler is small: it gathers what the user
// meant (selection, question) and hands it to the session, or to what the panel's buttons do
// too (chatActions.ts).

import { extractCodeBlocks } from '../../shared/codeBlocks';
import { chosenContent } from '../../shared/conversation';
import type { ChatSession } from '../session/chatSession';
import { COMMAND_IDS, COMMANDS, type CommandId } from '../contributionIds';
import type { Credentials } from '../credentials/credentials';
import type { Dialogs } from '../dialogs';
import { runTextAction, type LastEditorTracker } from '../editor/editorActions';
import type { Logger } from '../reporting/log';
import type { SettingsService } from '../settings/settingsService';
import { quote, safeText } from '../reporting/untrustedText';
import { DEFAULT_PROFILE_KEY } from '../settings/profiles';
import { setApiToken, withProfile, type ChatActions } from './chatActions';
import type { ProfileActions } from './profileActions';
import type { ProfileService } from '../settings/profileService';
import { exportConversation, type ExportDeps } from './exportConversation';
import { fixProblems } from './fixProblems';
import type { PromptRunner } from './promptRunner';
import type { DiffProposals } from '../editor/diffProposals';
import type { HistoryActions } from './historyActions';
import type { ContextFiles } from '../context/contextFiles';
import { askAboutSelectionWithProblems } from './askWithProblems';
import { setHeaderSecret, type VscodeNetwork } from '../network/customHeadersCommand';
import { t } from '../../shared/l10n';

/** The parts that need the saved conversation: opened on first use, not at activation. */
export interface ChatParts {
  session: ChatSession;
  actions: ChatActions;
  prompts: PromptRunner;
  diffs: Pick<DiffProposals, 'accept'>;
  imageBytes(id: string): Promise<Uint8Array | undefined>;
  history: Pick<HistoryActions, 'show'>;
  // --- context items (issue 11: more context) ---
  contextFiles: Pick<ContextFiles, 'fromCommand'>;
  /** Endpoint profiles (issue 12). */
  profileActions: Pick<ProfileActions, 'choose'>;
}

export interface CommandServices {
  chat(): Promise<ChatParts>;
  credentials: Credentials;
  editors: LastEditorTracker;
  settings: SettingsService;
  dialogs: Dialogs;
  /** The workspace's files, and the editor and clipboard an export goes to. */
  exports: Pick<ExportDeps, 'files' | 'besides' | 'openInEditor' | 'copy'>;
  log: Logger;
  /** Custom headers' secrets, proxies and CAs (issue 12). */
  network: VscodeNetwork;
  /** Endpoint profiles (issue 12): the palette's token and header commands are for the active one. */
  profiles: Pick<ProfileService, 'active'>;
}

/** Runs the prompt named `slug` (a built-in one, or the user's of that name) on the editor's code. */
async function runNamedPrompt(services: CommandServices, slug: string, extra = ''): Promise<void> {
  const { prompts } = await services.chat();
  const prompt = await prompts.choose(slug);
  if (prompt) await prompts.run(prompt, extra);
}

async function insertLastAnswer(services: CommandServices): Promise<void> {
  const answer = (await services.chat()).session.lastAnswer();
  const content = answer ? chosenContent(answer) : '';
  if (!content) {
    services.dialogs.info(t('There is no answer to insert yet.'));
    return;
  }
  const blocks = extractCodeBlocks(content);
  const only = blocks.length === 1 ? blocks[0]! : undefined;
  await runTextAction('insert', { text: only ? only.code : content }, services.editors, services.dialogs);
}

async function clearApiToken(services: CommandServices): Promise<void> {
  // Endpoint profiles (issue 12): the active profile's token (the one the panel shows).
  const profile = services.profiles.active();
  await services.credentials.clear(profile.key);
  services.dialogs.info(profile.key === DEFAULT_PROFILE_KEY ? t('API token removed from secret storage.') : t('API token of the endpoint profile {0} removed from secret storage.', quote(profile.name)));
}

/** Command handlers, each reporting its own failure; registered by id at activation (extension.ts). */
export function commandHandlers(services: CommandServices): Record<CommandId, (...args: unknown[]) => Promise<unknown>> {
  const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
    [COMMANDS.openChat]: async () => (await services.chat()).actions.reveal(),
    [COMMANDS.newConversation]: async () => (await services.chat()).actions.newConversation(),
    [COMMANDS.askAboutSelection]: (question?: unknown) => runNamedPrompt(services, 'ask', typeof question === 'string' ? question : ''),
    [COMMANDS.explainSelection]: () => runNamedPrompt(services, 'explain'),
    [COMMANDS.findBugs]: () => runNamedPrompt(services, 'find-bugs'),
    [COMMANDS.writeTests]: () => runNamedPrompt(services, 'write-tests'),
    [COMMANDS.addDocs]: () => runNamedPrompt(services, 'add-docs'),
    [COMMANDS.refactor]: () => runNamedPrompt(services, 'refactor'),
    // The diff's title bar passes the proposal's URI; any other argument finds no proposal.
    [COMMANDS.acceptDiff]: async (uri?: unknown) => (await services.chat()).diffs.accept(uri),
    [COMMANDS.fixProblems]: (uri?: unknown, lines?: unknown) =>
      fixProblems({ editors: services.editors, dialogs: services.dialogs, prompts: async () => (await services.chat()).prompts }, uri, lines),
    // A name from arguments (a keybinding's `args`) picks among the offered prompts only.
    [COMMANDS.runPrompt]: async (name?: unknown) => {
      const { prompts } = await services.chat();
      const prompt = await prompts.choose(typeof name === 'string' ? name : undefined);
      if (prompt) await prompts.run(prompt);
    },
    [COMMANDS.stop]: async () => (await services.chat()).session.stop(),
    [COMMANDS.insertLastAnswer]: () => insertLastAnswer(services),
    // Needs no conversation: the storage stays closed.
    [COMMANDS.setApiToken]: () => setApiToken({ ...services, profile: () => services.profiles.active() }),
    [COMMANDS.clearApiToken]: () => clearApiToken(services),
    // Network (issue 12): needs no conversation either.
    [COMMANDS.setHeaderSecret]: () => setHeaderSecret(services.network, withProfile(services.settings.forRequest(), services.profiles.active()), services.dialogs),
    // Endpoint profiles (issue 12): the panel's toolbar offers the same picker.
    [COMMANDS.switchProfile]: async () => (await services.chat()).profileActions.choose(),
    [COMMANDS.selectModel]: async () => (await services.chat()).actions.selectModel(),
    [COMMANDS.exportConversation]: async (target?: unknown) => {
      const { session, imageBytes } = await services.chat();
      // Only a known target is taken from arguments (a `command:` link can pass anything).
      const chosen = target === 'editor' || target === 'clipboard' ? target : undefined;
      return exportConversation(session.conversation, { ...services.exports, dialogs: services.dialogs, imageBytes }, chosen);
    },
    // History and search (issue 11): the list in the panel.
    [COMMANDS.showHistory]: async () => (await services.chat()).history.show(),
    // --- context items (issue 11: more context) ---
    // The Explorer passes (clicked, selected), an editor's title or tab (uri); only Uris count.
    [COMMANDS.addFileToContext]: async (clicked?: unknown, selected?: unknown) => {
      const { contextFiles, actions } = await services.chat();
      if (await contextFiles.fromCommand(clicked, selected)) await actions.reveal();
    },
    [COMMANDS.askAboutSelectionWithProblems]: (question?: unknown) =>
      askAboutSelectionWithProblems({ editors: services.editors, dialogs: services.dialogs, prompts: async () => (await services.chat()).prompts }, question),
  };
  const reporting = (id: CommandId) => async (...args: unknown[]): Promise<unknown> => {
    try {
      return await handlers[id](...args);
    } catch (error) {
      if (services.settings.reportFailure(error)) return undefined;
      services.log.error(`Command ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
      // An error can quote a server or a file: shown only as safe text.
      services.dialogs.error(t('Completions Chat: {0}', safeText(error instanceof Error ? error.message : error)));
      return undefined;
    }
  };
  return Object.fromEntries(COMMAND_IDS.map((id) => [id, reporting(id)])) as Record<CommandId, (...args: unknown[]) => Promise<unknown>>;
}
