// Everything that needs the saved conversation: the storage folder is opened, and the session,
// the images, the presenter, the controller and the view provider are built on it, in that
// order (each takes only what was built before it). Called once, lazily, when the view is
// resolved or a command needs the session, so activation itself reads no file.

import * as vscode from 'vscode';
import { listModels, streamChat } from '../core/chatClient';
import { ChatActions } from './commands/chatActions';
import { HistoryActions, type HistoryActionsDeps } from './commands/historyActions';
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
import { panelCatalogue } from './localization';
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
import type { ProfileService } from './settings/profileService';
import type { ProfileActions } from './commands/profileActions';
import { endpointGuessFor, endpointStatusFor, historySession, modelListOptionsFor, profileActionsFor, requestEndpoint } from './profileServices';
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
  /** Endpoint profiles (issue 12). */
  profiles: ProfileService;
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
  /** Endpoint profiles (issue 12): switching, and the profile of a conversation opened. */
  profileActions: ProfileActions;
}

export async function openChatServices(base: BaseServices): Promise<ChatServices> {
  const { context, log, credentials, dialogs, settings, profiles } = base;
  let attachedImages: () => string[] = () => [];
  const { storage, folder: storageFolder } = await base.platform.openStorage(context, {
    memento: context.workspaceState,
    // Asked only when images are swept (after everything below is built).
    attachedImages: () => attachedImages(),
    notice: (message) => dialogs.warn(message),
    log: (message) => log.info(message),
  });
  const { conversations, library, images: imageStore, saved } = storage;
  // Endpoint profiles (issue 12): a new conversation takes the active profile and its model.
  const active = profiles.active();
  const session: ChatSession = new ChatSession(saved ? restoreConversation(saved) : newConversation(active.model ?? settings.current().settings.model, active.key), {
    streamChat,
    // The endpoint, token and headers of the profile the conversation uses.
    settings: () => profiles.requestSettings(session.conversation.profile),
    credentials: requestEndpoint(credentials, base.network),
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
      const profile = settings.valid() && profiles.find(session.conversation.profile);
      return profile ? new URL(endpointOrigin(profile.baseUrl)).hostname : undefined;
    },
    dialogs,
    files: vscodeFiles,
    userImageHosts: () => vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<string[]>('imageHosts')?.globalValue ?? [],
    setUserImageHosts: (hosts) => vscode.workspace.getConfiguration(SETTINGS_SECTION).update('imageHosts', hosts, vscode.ConfigurationTarget.Global),
    copyToClipboard: (text) => vscode.env.clipboard.writeText(text),
    log,
    // Network (issue 12): images through the proxy too, with the address check kept.
    fetchOptions: { request: base.network.imageRequest ?? base.platform.imageConnector.request, resolve: base.platform.imageConnector.resolve },
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
      void services.profileActions.checkProfiles();
      void services.presenter.refresh();
      void images.fetchAllowedEverywhere();
    }),
    // The window reloads or closes: an answer cut now reads "Interrupted", not the user's "Stopped".
    { dispose: () => session.interrupt() },
  );
  void storage.sweepImages();
  // A restored conversation's profile becomes the active one (or, gone, is said so).
  if (saved) void services.profileActions.opened();
  return { session, conversations, library, images, storageFolder, imageBytes: (id) => imageStore.get(id), ...services };
}

type ViewServices = Pick<ChatServices, 'presenter' | 'controller' | 'actions' | 'prompts' | 'diffs' | 'view' | 'history' | 'contextItems' | 'contextFiles' | 'profileActions'>;

/** The presenter, the actions, the controller and the provider, on a built session and images. */
function buildView({ context, log, credentials, editors, dialogs, settings, network, profiles }: BaseServices, session: ChatSession, images: ChatImages, library: ConversationLibrary): ViewServices {
  const { contextItems, contextFiles } = contextFor(dialogs, editors, (bytes, name) => images.attachImageFile(bytes, name));
  // Endpoint profiles (issue 12): built before the presenter exists, used once it does.
  let profileActions: ProfileActions | undefined;
  const presenter = new ChatPresenter({
    contextItems,
    session,
    images,
    endpointStatus: () => endpointStatusFor(profileActions!, profiles, settings, credentials),
    endpointGuess: () => endpointGuessFor(profileActions!, profiles, settings),
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
    listModels,
    modelListOptions: modelListOptionsFor(network),
    // Endpoint profiles (issue 12): the token, model list and new conversations follow the profile.
    profile: () => profileActions!.current(),
    newConversationProfile: () => profileActions!.forNewConversation(),
  });
  const diffs = new DiffProposals(dialogs);
  profileActions = profileActionsFor({ profiles, session, presenter, settings, dialogs });
  const { history, search } = historyFor(library, historySession(session, profileActions), presenter, dialogs, () => settings.current().settings.model);
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
    profiles: profileActions,
  });
  const view = viewProviderFor(context.extensionUri, presenter, controller);
  context.subscriptions.push(history, search);
  return { presenter, controller, actions, prompts, diffs, view, history, contextItems, contextFiles, profileActions };
}

/** The webview view's provider, with the panel's files (scripts, styles, the lazily loaded math). */
function viewProviderFor(extensionUri: vscode.Uri, presenter: ChatPresenter, controller: ChatController): ChatViewProvider {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  const files = { roots: [dist, media], script: vscode.Uri.joinPath(dist, 'webview.js'), style: vscode.Uri.joinPath(media, 'chat.css'), codicons: vscode.Uri.joinPath(dist, 'codicons', 'codicon.css'), mathScript: vscode.Uri.joinPath(dist, 'math.js'), catalogue: panelCatalogue() };
  return new ChatViewProvider(files, presenter, controller);
}

/** History and search (issue 11): the search reads every saved conversation on its first use only. */
function historyFor(library: ConversationLibrary, session: HistoryActionsDeps['session'], presenter: ChatPresenter, dialogs: Dialogs, defaultModel: () => string): { history: HistoryActions; search: HistorySearch } {
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
