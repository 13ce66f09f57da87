// Wiring only: builds the services, registers the view and the commands, and hands every
// Disposable to the extension context.

import * as vscode from 'vscode';
import { streamChat } from './core/chatClient';
import { ChatImages } from './host/chatImages';
import { ChatSession, newConversation, restoreConversation } from './host/chatSession';
import { CHAT_VIEW_ID, ChatViewProvider } from './host/chatViewProvider';
import { registerCommands } from './host/commands';
import { openConversationStorage } from './host/conversationStorage';
import type { ConversationStore } from './host/conversationStore';
import { Credentials, endpointOrigin } from './host/credentials';
import { LastEditorTracker } from './host/editorActions';
import { createLogger } from './host/log';
import { SETTING_DEFAULTS } from './host/settings';
import { currentSettings, settingsIfValid, settingsOrReport, watchSettings } from './host/settingsWatcher';
import { TokenStore } from './host/tokenStore';

/** Handed to the integration tests only (extension mode Test): never to other extensions. */
export interface TestApi {
  session: ChatSession;
  view: ChatViewProvider;
  conversations: ConversationStore;
  images: ChatImages;
  credentials: Credentials;
  /** The folder conversations and their images are saved in. */
  storageFolder: string;
}

/** How long a question waits for its save before the request goes out anyway, and shutdown for pending saves. */
const QUESTION_SAVE_WAIT_MS = 2000;
const SHUTDOWN_SAVE_WAIT_MS = 3000;

let pendingSaves: (() => Promise<unknown>) | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<TestApi | undefined> {
  const log = createLogger();
  const credentials = new Credentials(new TokenStore(context.secrets));
  const editors = new LastEditorTracker();
  // Written by this host into its own storage folder: the workspaceState memento lives on the
  // client in code-server, and a browser reload lost what was saved there just before.
  const storageFolder = (context.storageUri ?? context.globalStorageUri).fsPath;
  const storage = await openConversationStorage({
    folder: storageFolder,
    legacyImagesFolder: vscode.Uri.joinPath(context.globalStorageUri, 'images').fsPath,
    memento: context.workspaceState,
    attachedImages: () => images.attachments.map((image) => image.id),
    notice: (message) => void vscode.window.showWarningMessage(message),
    log: (message) => log.info(message),
  });
  const { conversations, images: imageStore, saved } = storage;
  const defaultModel = () => settingsOrReport()?.model ?? SETTING_DEFAULTS.model;

  const session = new ChatSession(saved ? restoreConversation(saved) : newConversation(defaultModel()), {
    streamChat,
    settings: currentSettings,
    credentials: (settings) => credentials.forRequest(settings),
    save: (conversation, urgent) => conversations.save(conversation, urgent),
    durable: () => conversations.flushWithin(QUESTION_SAVE_WAIT_MS),
    log: (message) => log.warn(message),
    imageDataUrl: (id) => imageStore.dataUrl(id),
  });
  pendingSaves = () => conversations.flushWithin(SHUTDOWN_SAVE_WAIT_MS);

  const images: ChatImages = new ChatImages({
    session,
    store: imageStore,
    post: (message) => view.post(message),
    // A bad setting allows no host.
    allowedHosts: () => settingsIfValid()?.imageHosts ?? [],
    endpointHost: () => {
      const settings = settingsIfValid();
      return settings ? new URL(endpointOrigin(settings.baseUrl)).hostname : undefined;
    },
    log,
  });

  const view: ChatViewProvider = new ChatViewProvider(context.extensionUri, session, {
    send: async (text) => {
      if (session.busy) return;
      await session.send(text, undefined, images.take());
    },
    endpointStatus: async () => {
      const settings = settingsOrReport();
      const origin = settings ? endpointOrigin(settings.baseUrl) : '';
      return { origin, hasToken: origin ? await credentials.hasToken(origin) : false };
    },
    optionDefaults: settingsIfValid,
  }, editors, log, images);

  context.subscriptions.push(
    log,
    credentials,
    editors,
    view,
    images,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view),
    ...registerCommands({ session, view, credentials, editors, settingsOrReport, log }),
    credentials.onDidChange(() => void view.refresh()),
    watchSettings(() => {
      void view.refresh();
      void images.fetchAllowedEverywhere();
    }),
    session.onDidChange((change) => {
      if (change.type === 'busy') void vscode.commands.executeCommand('setContext', 'completionsChat.answering', change.busy);
    }),
    { dispose: () => session.stop() },
  );
  void storage.sweepImages();

  return context.extensionMode === vscode.ExtensionMode.Test
    ? { session, view, conversations, images, credentials, storageFolder }
    : undefined;
}

/** Everything else is disposed through context.subscriptions; pending saves are waited for (bounded). */
export async function deactivate(): Promise<void> {
  await pendingSaves?.();
}
