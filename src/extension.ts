// Wiring only: builds the services, registers the view and the commands, and hands every
// Disposable to the extension context.

import * as vscode from 'vscode';
import { streamChat } from './core/chatClient';
import { ChatImages } from './host/chatImages';
import { ChatSession, newConversation, restoreConversation } from './host/chatSession';
import { CHAT_VIEW_ID, ChatViewProvider } from './host/chatViewProvider';
import { registerCommands } from './host/commands';
import { ConversationStore } from './host/conversationStore';
import { Credentials, endpointOrigin } from './host/credentials';
import { LastEditorTracker } from './host/editorActions';
import { ImageStore } from './host/imageStore';
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
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const log = createLogger();
  const credentials = new Credentials(new TokenStore(context.secrets));
  const conversations = new ConversationStore(context.workspaceState);
  const editors = new LastEditorTracker();
  // Image bytes live in files, not in the workspaceState memento (see imageStore.ts).
  const imageStore = new ImageStore(vscode.Uri.joinPath(context.globalStorageUri, 'images').fsPath);
  const defaultModel = () => settingsOrReport()?.model ?? SETTING_DEFAULTS.model;

  const saved = conversations.load();
  const session = new ChatSession(saved ? restoreConversation(saved) : newConversation(defaultModel()), {
    streamChat,
    settings: currentSettings,
    credentials: (settings) => credentials.forRequest(settings),
    save: (conversation) => void conversations.save(conversation),
    log: (message) => log.warn(message),
    imageDataUrl: (id) => imageStore.dataUrl(id),
  });

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

  return context.extensionMode === vscode.ExtensionMode.Test ? { session, view, conversations, images, credentials } : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
