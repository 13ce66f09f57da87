// The host's side of the webview protocol: every message from the panel is checked by the
// protocol's guard, then handled by the one handler of its type. The handler map is typed so
// that the compiler refuses a message type without a handler (add one here when you add a
// message to shared/protocol.ts). Free of `vscode`: VS Code's UI comes in through the deps.

import { extractCodeBlocks } from '../../shared/codeBlocks';
import { candidateContent, type AssistantEntry } from '../../shared/conversation';
import { jsonExportText } from '../../shared/jsonAnswer';
import { isWebviewMessage, type CodeBlockAction, type WebviewMessage } from '../../shared/protocol';
import type { ChatActions } from '../commands/chatActions';
import type { PromptRunner } from '../commands/promptRunner';
import type { Dialogs, WorkspaceFiles } from '../dialogs';
import { SETTINGS_SECTION } from '../contributionIds';
import type { InsertOptions } from '../editor/editorActions';
import { saveJsonFile } from '../editor/jsonFile';
import type { ChatImages } from '../images/chatImages';
import type { Logger } from '../reporting/log';
import { describeRefusedMessage } from '../reporting/logText';
import { safeText } from '../reporting/untrustedText';
import type { ChatSession } from '../session/chatSession';
import type { ChatPresenter } from './chatPresenter';
import { historyHandlers } from './historyHandlers';
import type { HistoryActions } from '../commands/historyActions';
import { turnEditHandlers, type TurnEditSession } from './turnEditHandlers';
import type { ContextFiles } from '../context/contextFiles';
import type { PendingContext } from '../context/pendingContext';
import type { ProfileActions } from '../commands/profileActions';

/** One handler per message type, each given its own message shape. */
export type WebviewHandlers = {
  [K in WebviewMessage['type']]: (message: Extract<WebviewMessage, { type: K }>) => unknown;
};

export interface ChatControllerDeps {
  session: Pick<ChatSession, 'busy' | 'conversation' | 'send' | 'stop' | 'regenerate' | 'findAnswer' | 'setOptions' | 'chooseCandidate'>
    // Issue 11: edit and resend, regenerate any answer, continue.
    & TurnEditSession;
  images: Pick<ChatImages, 'take' | 'replay' | 'pick' | 'attachDataUrl' | 'remove' | 'load' | 'allowHost' | 'imageAction'>;
  presenter: Pick<ChatPresenter, 'ready' | 'fillInput' | 'sendOlderEntries'>;
  /** Runs `/name …` typed in the input as a prompt on the editor's code. */
  prompts: Pick<PromptRunner, 'runSlashCommand'>;
  actions: Pick<ChatActions, 'newConversation' | 'selectModel' | 'setToken'>;
  dialogs: Dialogs;
  files: WorkspaceFiles;
  /** Copy, insert at the cursor, replace the selection, or open as a new file (editor/editorActions.ts). */
  runTextAction(action: CodeBlockAction, options: InsertOptions): Promise<unknown>;
  /** Opens a link from an answer, if it is one that may be opened (view/links.ts). */
  openLink(url: string): Promise<void>;
  /** VS Code's settings UI, filtered to `query`. */
  openSettings(query: string): Thenable<unknown>;
  log: Logger;
  /** The history list's actions (issue 11). */
  history: Pick<HistoryActions, 'show' | 'closed' | 'search' | 'open' | 'rename' | 'setPinned' | 'delete' | 'undo'>;
  // --- context items (issue 11: more context) ---
  /** The files and selections waiting for the next question. */
  contextItems: Pick<PendingContext, 'take' | 'remove' | 'reattach'>;
  /** The paperclip's picker and files dropped on the panel. */
  contextFiles: Pick<ContextFiles, 'pick' | 'fromDrop'>;
  // --- endpoint profiles (issue 12) ---
  /** The toolbar's profile picker (absent: the message does nothing). */
  profiles?: Pick<ProfileActions, 'choose'>;
}

/** What an answer action puts out: JSON answers as pretty JSON, others as markdown. */
export function answerText(answer: AssistantEntry, candidate: number | undefined): { text: string; languageId: string } {
  const content = candidateContent(answer, candidate);
  return answer.responseFormat === 'json_object'
    ? { text: jsonExportText(content), languageId: 'json' }
    : { text: content, languageId: 'markdown' };
}

export class ChatController {
  private readonly handlers: WebviewHandlers;

  constructor(private readonly deps: ChatControllerDeps) {
    this.handlers = handlersFor(deps);
  }

  /** Handles one message from the webview; anything the protocol's guard rejects is dropped. */
  async receive(raw: unknown): Promise<void> {
    if (!isWebviewMessage(raw)) {
      // Its kind and size only: a refused message's content is not echoed into the log.
      this.deps.log.warn(`Ignored an unexpected message from the chat view (${describeRefusedMessage(raw)}).`);
      return;
    }
    try {
      await (this.handlers[raw.type] as (message: WebviewMessage) => unknown)(raw);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`Chat view action "${raw.type}" failed: ${reason}`);
      // An error can quote a server or a file: shown only as safe text.
      this.deps.dialogs.error(`Completions Chat: ${safeText(reason)}`);
    }
  }
}

function handlersFor(deps: ChatControllerDeps): WebviewHandlers {
  const { session, images, actions } = deps;
  return {
    // Issue 10 (first state in the page): `drawn` names the state the page drew from its HTML.
    ready: async ({ drawn }) => {
      await deps.presenter.ready(drawn);
      // A new webview has an empty image cache: hand it the bytes once, not on every refresh.
      await images.replay(session.conversation);
    },
    send: async ({ text }) => {
      // An answer started elsewhere (an editor command) before the panel knew: the words go back, not away.
      if (session.busy) return void deps.presenter.fillInput(text);
      // `/name …` runs that prompt; a `/` that names none is sent as typed.
      const ran = await deps.prompts.runSlashCommand(text);
      if (ran === false) deps.presenter.fillInput(text);
      if (ran !== undefined) return;
      await session.send(text, deps.contextItems.take(), images.take());
    },
    stop: ({ requestId }) => void session.stop(requestId),
    regenerate: async () => void (await session.regenerate()),
    newConversation: () => actions.newConversation(),
    selectModel: () => actions.selectModel(),
    setToken: () => actions.setToken(),
    openSettings: ({ setting }) => deps.openSettings(setting ?? SETTINGS_SECTION),
    codeAction: async ({ action, entryId, block, candidate }) => {
      const answer = session.findAnswer(entryId);
      const code = answer && extractCodeBlocks(candidateContent(answer, candidate))[block];
      if (code) await deps.runTextAction(action, { text: code.code, languageId: code.language });
    },
    answerAction: async ({ action, entryId, candidate }) => {
      const answer = session.findAnswer(entryId);
      if (answer) await deps.runTextAction(action, answerText(answer, candidate));
    },
    setOptions: ({ options }) => session.setOptions(options),
    chooseCandidate: ({ entryId, index }) => void session.chooseCandidate(entryId, index),
    saveJson: async ({ entryId, candidate }) => {
      const answer = session.findAnswer(entryId);
      if (answer) await saveJsonFile(answerText(answer, candidate).text, deps);
    },
    openLink: ({ url }) => deps.openLink(url),
    pickImages: () => images.pick(),
    attachImage: ({ name, dataUrl }) => images.attachDataUrl(name, dataUrl),
    removeAttachment: ({ id }) => images.remove(id),
    loadImage: ({ entryId, url }) => images.load(entryId, url),
    allowImageHost: ({ entryId, url }) => images.allowHost(entryId, url),
    imageAction: ({ action, entryId, url }) => images.imageAction(action, entryId, url),
    // History and search (issue 11).
    ...historyHandlers(deps.history),
    // Issue 11: edit and resend, regenerate any answer, continue (host/view/turnEditHandlers.ts).
    ...turnEditHandlers(session, deps.dialogs),
    // --- context items (issue 11: more context) ---
    pickContextFiles: () => deps.contextFiles.pick(),
    attachUris: ({ uris }) => deps.contextFiles.fromDrop(uris),
    removeContextItem: ({ id }) => void deps.contextItems.remove(id),
    // --- issue 10 (perf): a long conversation in two messages ---
    olderEntriesWanted: ({ token }) => deps.presenter.sendOlderEntries(token),
    // --- endpoint profiles (issue 12) ---
    selectProfile: () => deps.profiles?.choose(),
    // --- keep words: the items of a question a reload lost before it came here ---
    restoreContextItems: ({ contexts }) => deps.contextItems.reattach(contexts),
  };
}
