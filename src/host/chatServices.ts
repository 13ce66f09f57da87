// Everything that needs the saved conversation: the storage folder is opened, and the session,
// the images and the real view provider are built on it. Called once, lazily, when the view
// is resolved or a command needs the session, so activation itself reads no file.

import * as vscode from 'vscode';
import { streamChat } from '../core/chatClient';
import { ChatImages } from './images/chatImages';
import { ChatSession, newConversation, restoreConversation } from './session/chatSession';
import { ChatViewProvider } from './view/chatViewProvider';
import { openConversationStorage } from './storage/conversationStorage';
import type { ConversationStore } from './storage/conversationStore';
import { endpointOrigin, type Credentials } from './credentials/credentials';
import type { LastEditorTracker } from './editor/editorActions';
import type { Logger } from './reporting/log';
import { ANSWERING_CONTEXT_KEY } from './contributionIds';
import type { SettingsService } from './settings/settingsService';

/** How long a question waits for its save before the request goes out anyway. */
const QUESTION_SAVE_WAIT_MS = 2000;

/** What activation builds at once (cheap, no file read) and hands to the lazy part. */
export interface BaseServices {
  context: vscode.ExtensionContext;
  log: Logger;
  credentials: Credentials;
  editors: LastEditorTracker;
  settings: SettingsService;
}

export interface ChatServices {
  session: ChatSession;
  view: ChatViewProvider;
  conversations: ConversationStore;
  images: ChatImages;
  /** The folder conversations and their images are saved in. */
  storageFolder: string;
}

export async function openChatServices({ context, log, credentials, editors, settings }: BaseServices): Promise<ChatServices> {
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
  const defaultModel = () => settings.current().settings.model;

  const session = new ChatSession(saved ? restoreConversation(saved) : newConversation(defaultModel()), {
    streamChat,
    settings: () => settings.forRequest(),
    credentials: (settings) => credentials.forRequest(settings),
    save: (conversation, urgent) => conversations.save(conversation, urgent),
    durable: () => conversations.flushWithin(QUESTION_SAVE_WAIT_MS),
    log: (message) => log.warn(message),
    imageDataUrl: (id) => imageStore.dataUrl(id),
  });

  const images: ChatImages = new ChatImages({
    session,
    store: imageStore,
    post: (message) => view.post(message),
    // A bad setting allows no host.
    allowedHosts: () => settings.valid()?.imageHosts ?? [],
    endpointHost: () => {
      const valid = settings.valid();
      return valid ? new URL(endpointOrigin(valid.baseUrl)).hostname : undefined;
    },
    log,
  });

  const view: ChatViewProvider = new ChatViewProvider(context.extensionUri, session, {
    send: async (text) => {
      if (session.busy) return;
      await session.send(text, undefined, images.take());
    },
    endpointStatus: async () => {
      const valid = settings.valid();
      const origin = valid ? endpointOrigin(valid.baseUrl) : '';
      return { origin, hasToken: origin ? await credentials.hasToken(origin) : false };
    },
    optionDefaults: () => settings.current().settings,
  }, editors, log, images);

  context.subscriptions.push(
    view,
    images,
    credentials.onDidChange(() => void view.refresh()),
    settings.onDidChange(() => {
      void view.refresh();
      void images.fetchAllowedEverywhere();
    }),
    session.onDidChange((change) => {
      if (change.type === 'busy') void vscode.commands.executeCommand('setContext', ANSWERING_CONTEXT_KEY, change.busy);
    }),
    { dispose: () => session.stop() },
  );
  void storage.sweepImages();
  return { session, view, conversations, images, storageFolder };
}
