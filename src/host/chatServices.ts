// Everything that needs the saved conversation: the storage folder is opened, and the session,
// the images, the presenter, the controller and the view provider are built on it, in that
// order (each takes only what was built before it). Called once, lazily, when the view is
// resolved or a command needs the session, so activation itself reads no file.

import * as vscode from 'vscode';
import { listModels, streamChat } from '../core/chatClient';
import type { ChatRequest } from '../core/types';
import { ChatActions } from './commands/chatActions';
import { HistoryActions } from './commands/historyActions';
import { PromptRunner } from './commands/promptRunner';
import { pickModel } from './commands/modelPicker';
import { CHAT_VIEW_ID, SETTINGS_SECTION } from './contributionIds';
import { endpointOrigin, type Credentials } from './credentials/credentials';
import type { Dialogs } from './dialogs';
import { vscodeFiles } from './dialogs';
import { runTextAction, type LastEditorTracker } from './editor/editorActions';
import { pickContext } from './editor/editorContext';
import { DiffProposals } from './editor/diffProposals';
import { ChatImages } from './images/chatImages';
import type { HostPlatform } from './platform';
import type { Logger } from './reporting/log';
import { ChatSession, newConversation, restoreConversation } from './session/chatSession';
import type { SettingsService } from './settings/settingsService';
import { currentPrompts } from './settings/vscodeSettings';
import type { ConversationLibrary } from './storage/conversationLibrary';
import type { ConversationStore } from './storage/conversationStore';
import { HistorySearch } from './storage/historySearch';
import type { VscodeNetwork } from './network/customHeadersCommand';
import { ChatController } from './view/chatController';
import { ChatPresenter } from './view/chatPresenter';
import { ChatViewProvider } from './view/chatViewProvider';
import { openLinkSafely } from './view/links';
import { ContextFiles } from './context/contextFiles';
import { PendingContext } from './context/pendingContext';

/** How long a question waits for its save before the request goes out anyway. */
const QUESTION_SAVE_WAIT_MS = 2000;

/** What activation builds at once (cheap, no file read) and hands to the lazy part. */
export interface BaseServices {
  context: vscode.ExtensionContext;
  log: Logger;
  credentials: Credentials;
  editors: LastEditorTracker;
  dialogs: Dialogs;
  settings: SettingsService;
  /** Where conversations are stored (Node's fs on the desktop, `vscode.workspace.fs` on the web). */
  platform: HostPlatform;
  /** Network (issue 12): custom headers, proxy and CAs for every request to the endpoint. */
  network: VscodeNetwork;
}

export interface ChatServices {
  session: ChatSession;
  conversations: ConversationStore;
  images: ChatImages;
  /** Posts to the webview; `onDidBecomeReady` tells when a (re)built view was sent the state. */
  presenter: ChatPresenter;
  /** Where the webview's messages go (`receive`, behind the protocol's guard). */
  controller: ChatController;
  /** What the palette and the panel both do (new conversation, model, token, reveal). */
  actions: ChatActions;
  /** Prompts run on the editor's code: from the palette, the editor's menu and `/name` in the panel. */
  prompts: PromptRunner;
  view: ChatViewProvider;
  /** The folder conversations and their images are saved in (a URI in the web build). */
  storageFolder: string;
  /** An attached image's stored bytes (undefined: no longer stored). */
  imageBytes(id: string): Promise<Uint8Array | undefined>;
  /** Code blocks shown as a diff against the selection, and accepted from there. */
  diffs: DiffProposals;
  /** Every saved conversation (issue 11). */
  library: ConversationLibrary;
  /** The history list and its search, for the palette and the panel. */
  history: HistoryActions;
  // --- context items (issue 11: more context) ---
  /** Files and selections waiting in the composer for the next question. */
  contextItems: PendingContext;
  /** Attaches files: the paperclip's picker, `addFileToContext`, drops on the panel. */
  contextFiles: ContextFiles;
}

export async function openChatServices(base: BaseServices): Promise<ChatServices> {
  const { context, log, credentials, dialogs, settings } = base;
  let attachedImages: () => string[] = () => [];
  const { storage, folder: storageFolder } = await base.platform.openStorage(context, {
    memento: context.workspaceState,
    // Asked only when images are swept (after everything below is built).
    attachedImages: () => attachedImages(),
    notice: (message) => dialogs.warn(message),
    log: (message) => log.info(message),
  });
  const { conversations, library, images: imageStore, saved } = storage;
  const defaultModel = () => settings.current().settings.model;

  const session = new ChatSession(saved ? restoreConversation(saved) : newConversation(defaultModel()), {
    streamChat: withExtras(base.network, streamChat),
    settings: () => settings.forRequest(),
    credentials: (settings) => credentials.forRequest(settings),
    save: (conversation, urgent) => conversations.save(conversation, urgent),
    durable: () => conversations.flushWithin(QUESTION_SAVE_WAIT_MS),
    log: (message) => log.warn(message),
    imageDataUrl: (id) => imageStore.dataUrl(id),
  });
  const images = new ChatImages({
    session,
    store: imageStore,
    // A bad setting allows no host.
    allowedHosts: () => settings.valid()?.imageHosts ?? [],
    endpointHost: () => {
      const valid = settings.valid();
      return valid ? new URL(endpointOrigin(valid.baseUrl)).hostname : undefined;
    },
    dialogs,
    files: vscodeFiles,
    userImageHosts: () => vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<string[]>('imageHosts')?.globalValue ?? [],
    setUserImageHosts: (hosts) => vscode.workspace.getConfiguration(SETTINGS_SECTION).update('imageHosts', hosts, vscode.ConfigurationTarget.Global),
    copyToClipboard: (text) => vscode.env.clipboard.writeText(text),
    log,
    // Network (issue 12): images through the proxy too, with the address check kept.
    fetchOptions: { request: base.network.imageRequest },
  });
  // Images attached and not sent yet, and those of turns an edit replaced while Undo can bring them back.
  attachedImages = () => [...images.attachments.map((image) => image.id), ...session.heldImageIds];
  const services = buildView(base, session, images, library);
  context.subscriptions.push(
    images,
    library,
    services.presenter,
    services.actions,
    services.diffs,
    services.contextItems,
    credentials.onDidChange(() => void services.presenter.refresh()),
    settings.onDidChange(() => {
      void services.presenter.refresh();
      void images.fetchAllowedEverywhere();
    }),
    { dispose: () => session.stop() },
  );
  void storage.sweepImages();
  return { session, conversations, library, images, storageFolder, imageBytes: (id) => imageStore.get(id), ...services };
}

/** Network (issue 12): streamChat with the endpoint's custom headers and the proxy/CA fetch. */
function withExtras(network: VscodeNetwork, stream: typeof streamChat): typeof streamChat {
  return async function* (request: ChatRequest, signal?: AbortSignal) {
    const extras = await network.extras.forEndpoint(request.baseUrl);
    yield* stream({ ...request, headers: { ...request.headers, ...extras.headers }, secrets: extras.secrets, fetch: extras.fetch }, signal);
  };
}

type ViewServices = Pick<ChatServices, 'presenter' | 'controller' | 'actions' | 'prompts' | 'diffs' | 'view' | 'history' | 'contextItems' | 'contextFiles'>;

/** The presenter, the actions, the controller and the provider, on a built session and images. */
function buildView({ context, log, credentials, editors, dialogs, settings, network }: BaseServices, session: ChatSession, images: ChatImages, library: ConversationLibrary): ViewServices {
  const { contextItems, contextFiles } = contextFor(dialogs, editors, (bytes, name) => images.attachImageFile(bytes, name));
  const presenter = new ChatPresenter({
    contextItems,
    session,
    images,
    endpointStatus: async () => {
      const valid = settings.valid();
      const origin = valid ? endpointOrigin(valid.baseUrl) : '';
      return { origin, hasToken: origin ? await credentials.hasToken(origin) : false };
    },
    optionDefaults: () => settings.current().settings,
    setContext: (key, value) => void vscode.commands.executeCommand('setContext', key, value),
  });
  const actions = new ChatActions({
    session,
    presenter,
    credentials,
    settings,
    dialogs,
    log,
    focusView: () => vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`),
    pickModel: (current, serverModels) => pickModel(current, serverModels, dialogs),
    // Network (issue 12): the model list goes with the same headers, proxy and CAs as a chat.
    listModels: async (baseUrl, token, signal) => listModels(baseUrl, token, signal, await network.extras.forEndpoint(baseUrl)),
  });
  const diffs = new DiffProposals(dialogs);
  const { history, search } = historyFor(library, session, presenter, dialogs, () => settings.current().settings.model);
  const prompts = new PromptRunner({
    prompts: currentPrompts,
    editorCode: () => (editors.editor ? pickContext(editors.editor) : undefined),
    dialogs,
    busy: () => session.busy,
    reveal: () => actions.reveal(),
    // The selection first (what the question is about), then the files waiting in the composer.
    send: (text, code) => session.send(text, [...(code ? [code] : []), ...contextItems.take()]),
  });
  const controller = new ChatController({
    session,
    images,
    presenter,
    actions,
    prompts,
    dialogs,
    files: vscodeFiles,
    runTextAction: (action, options) => runTextAction(action, options, editors, dialogs, diffs),
    openLink: openLinkSafely,
    openSettings: (query) => vscode.commands.executeCommand('workbench.action.openSettings', query),
    log,
    history,
    contextItems,
    contextFiles,
  });
  const view = viewProviderFor(context.extensionUri, presenter, controller);
  context.subscriptions.push(history, search);
  return { presenter, controller, actions, prompts, diffs, view, history, contextItems, contextFiles };
}

/** The webview view's provider, with the panel's files (scripts, styles, the lazily loaded math). */
function viewProviderFor(extensionUri: vscode.Uri, presenter: ChatPresenter, controller: ChatController): ChatViewProvider {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  const files = { roots: [dist, media], script: vscode.Uri.joinPath(dist, 'webview.js'), style: vscode.Uri.joinPath(media, 'chat.css'), codicons: vscode.Uri.joinPath(dist, 'codicons', 'codicon.css'), mathScript: vscode.Uri.joinPath(dist, 'math.js') };
  return new ChatViewProvider(files, presenter, controller);
}

/** History and search (issue 11): the search reads every saved conversation on its first use only. */
function historyFor(library: ConversationLibrary, session: ChatSession, presenter: ChatPresenter, dialogs: Dialogs, defaultModel: () => string): { history: HistoryActions; search: HistorySearch } {
  const search = new HistorySearch({ ids: () => library.ids(), read: (id) => library.read(id), onDidChange: library.onDidChange, onDidSave: library.onDidSave });
  const focusView = () => vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  return { search, history: new HistoryActions({ library, search, session, presenter, dialogs, defaultModel, focusView }) };
}

/**
 * More context (issue 11): the files and selections waiting for the next question, and how files get there;
 * `attachImage`: image files dropped or chosen as context go to the composer's images.
 */
function contextFor(dialogs: Dialogs, editors: BaseServices['editors'], attachImage: (bytes: Uint8Array, name: string) => Promise<string | undefined>): { contextItems: PendingContext; contextFiles: ContextFiles } {
  const contextItems = new PendingContext();
  return { contextItems, contextFiles: new ContextFiles({ pending: contextItems, dialogs, editors, attachImage }) };
}
