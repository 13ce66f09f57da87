// The whole panel: toolbar, first-run card, transcript, composer. Draws itself from the
// host's `state` message and applies every later HostMessage; it holds no conversation data
// of its own beyond what it was sent.

import type { AssistantEntry, Entry } from '../shared/conversation';
import { type HostMessage, type RequestId, type ViewState } from '../shared/protocol';
import { conversationUsage } from '../shared/usage';
import { Announcer } from './announcer';
import { AttachmentStrip, filesOf } from './attachments';
import type { Bridge } from './bridge';
import { Composer } from './composer';
import { element } from './dom';
import { HistoryPanel, type HistoryPanelHost } from './historyPanel';
import { imageCache } from './imageCache';
import { ParametersPanel } from './parametersPanel';
import type { FrameRequest, WorkMeter } from './streamingRenderer';
import { TokenCard } from './tokenCard';
import { Toolbar } from './toolbar';
import { Transcript } from './transcript';
import { UndoBar } from './undoBar';
import { ContextChips } from './contextChips';
import { carriesUriList, parseUriList } from '../shared/uriList';
import { t } from '../shared/l10n';
import { SentQuestionKeeper } from './sentQuestion';
import { keepImages, restoreImages } from './sentImages';
import { sessionTabStore, type TabStore } from './tabStore';
import { TabDraft } from './tabDraft';

export interface ChatViewOptions {
  /** Frame scheduling for streamed text (tests drive frames by hand). */
  requestFrame?: FrameRequest;
  /** The clock streamed text's renders are paced by (tests drive it with their frames). */
  now?: () => number;
  /** Counts the characters streaming work looks at (tests prove it does not grow with the answer). */
  meter?: WorkMeter;
  /** The history search's debounce clock (tests drive it). */
  historyTimers?: HistoryPanelHost['timers'];
  /** The tab's storage for a question on its way to the host (tests give a fake one). */
  tabStore?: TabStore;
}

type HostHandlers = { [K in HostMessage['type']]: (message: Extract<HostMessage, { type: K }>) => void };

export class ChatView {
  private readonly toolbar: Toolbar;
  private readonly tokenCard: TokenCard;
  private readonly transcript: Transcript;
  private readonly composer: Composer;
  private readonly attachments: AttachmentStrip;
  private readonly contextChips: ContextChips;
  private readonly parameters: ParametersPanel;
  private readonly root: HTMLElement;
  /** The answers shown, for the conversation's token total. */
  private readonly answers = new Map<string, AssistantEntry>();
  /**
   * The request answering now, as the host named it. A message of another request (one that
   * ended, e.g. stopped before a regenerate) is late and dropped; Stop names this one.
   */
  private request: RequestId | undefined;
  private readonly announcer = new Announcer();
  /** The history view and search (issue 11). */
  readonly history: HistoryPanel;
  /** Issue 11: brings back the turns an edit or a regenerate replaced. */
  private readonly undoBar: UndoBar;
  // --- issue 10 (perf): a long conversation in two messages (shared/firstState.ts) ---
  /** The `olderEntries` the last state said would follow (undefined: none, or already here). */
  private olderToFollow: number | undefined;
  /** The questions shown since that state, for the input's history once the older ones come. */
  private questionsShown: string[] = [];
  /** The question sent until the host echoes it, kept across a reload (sentQuestion.ts). */
  private readonly sent: SentQuestionKeeper;
  /** The conversation shown and its last entry: where a question sent now will go. */
  private shown: { conversationId?: string; lastEntryId?: string } = {};
  /** The question put back in the input after a reload, until the next entry comes. */
  private putBackText: string | undefined;
  /** The draft, kept by the tab too (a reload of VS Code web loses the state's latest). */
  private readonly tabDraft: TabDraft;

  constructor(root: HTMLElement, private readonly bridge: Bridge, options: ChatViewOptions = {}) {
    const post = bridge.post;
    this.toolbar = new Toolbar(post);
    this.parameters = new ParametersPanel(post, (parametersOpen) => bridge.saveUiState({ ...bridge.loadUiState(), parametersOpen }));
    this.parameters.setOpen(bridge.loadUiState().parametersOpen === true);
    this.tokenCard = new TokenCard(post);
    this.tokenCard.element.hidden = true;
    this.transcript = new Transcript(post, { requestFrame: options.requestFrame, now: options.now }, options.meter);
    this.attachments = new AttachmentStrip(post);
    this.undoBar = new UndoBar(post);
    this.contextChips = new ContextChips(post, () => this.composer.focus());
    const tab = options.tabStore ?? sessionTabStore();
    this.sent = new SentQuestionKeeper(bridge, tab);
    this.tabDraft = new TabDraft(tab);
    this.composer = new Composer(
      {
        send: (text) => {
          this.attachments.showError(undefined);
          this.contextChips.showError(undefined);
          const images = keepImages(this.attachments.images, (id) => imageCache.get(id));
          this.sent.keep({ text, contexts: this.contextChips.contexts, ...images, conversationId: this.shown.conversationId, afterEntryId: this.shown.lastEntryId });
          post({ type: 'send', text });
        },
        stop: () => this.stop(),
        draftChanged: (draft) => {
          bridge.saveUiState({ ...bridge.loadUiState(), draft });
          this.tabDraft.changed(draft, this.shown.conversationId);
        },
        attach: () => post({ type: 'pickImages' }),
        hasAttachments: () => this.attachments.count > 0 || this.contextChips.count > 0,
        attachFiles: () => post({ type: 'pickContextFiles' }),
        attachFilesLabel: t('Attach Files. Hold Shift while dropping files from the Explorer to attach them.'),
      },
      bridge.loadUiState().draft,
    );
    const chat = element('div', { className: 'chat' }, [
      this.toolbar.element, this.parameters.element, this.tokenCard.element, this.transcript.element, this.undoBar.element, this.contextChips.element, this.attachments.element, this.composer.element,
      this.announcer.element,
    ]);
    root.replaceChildren(chat);
    this.root = chat;
    this.acceptImages(chat);
    // History and search (issue 11): a mode of the panel, its view beside the chat's parts.
    this.history = new HistoryPanel({
      post,
      root: chat,
      transcript: this.transcript.element,
      revealEntry: (entryId) => this.transcript.revealEntry(entryId),
      backToChat: () => this.composer.focus(),
      olderToFollow: () => this.olderToFollow !== undefined,
      timers: options.historyTimers,
    });
    chat.append(this.history.view.element);
    // Escape stops the answer from anywhere in the panel, not only where VS Code's own Escape
    // keybinding sees the focus (inside the webview's frame it often does not). A control that
    // uses Escape itself (a box being edited, a menu) prevents the default and keeps it.
    chat.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented || !this.composer.isBusy) return;
      event.preventDefault();
      this.stop();
    });
  }

  private stop(): void {
    this.bridge.post({ type: 'stop', ...(this.request !== undefined ? { requestId: this.request } : {}) });
  }

  /** Pasted images (in the input) and files dropped anywhere on the panel become attachments. */
  private acceptImages(chat: HTMLElement): void {
    this.composer.input.addEventListener('paste', (event: ClipboardEvent) => {
      const files = filesOf(event.clipboardData);
      if (files.length === 0) return; // plain text pastes as usual
      event.preventDefault();
      void this.attachments.addFiles(files);
    });
    chat.addEventListener('dragover', (event: DragEvent) => {
      const types = Array.from(event.dataTransfer?.types ?? []);
      if (!event.dataTransfer || (!types.includes('Files') && !carriesUriList(types))) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      chat.classList.add('is-drop-target');
    });
    chat.addEventListener('dragleave', (event: DragEvent) => {
      if (event.relatedTarget === null || !chat.contains(event.relatedTarget as Node)) chat.classList.remove('is-drop-target');
    });
    chat.addEventListener('drop', (event: DragEvent) => {
      chat.classList.remove('is-drop-target');
      if (this.dropUris(event)) return;
      const files = filesOf(event.dataTransfer);
      if (files.length === 0) return;
      event.preventDefault();
      void this.attachments.addFiles(files);
    });
  }

  // --- context items (issue 11: more context) ---
  /**
   * Files dragged from VS Code's Explorer or a tab come as URIs: attached by the host (as text,
   * or an image file as an image). True when the drop was that.
   */
  private dropUris(event: DragEvent): boolean {
    const transfer = event.dataTransfer;
    const types = Array.from(transfer?.types ?? []);
    // Files from the desktop (they carry `Files`, sometimes a URI list too) stay images, as before.
    if (!transfer || types.includes('Files') || !carriesUriList(types)) return false;
    const uris = parseUriList(transfer.getData('application/vnd.code.uri-list') || transfer.getData('text/uri-list'));
    if (uris.length === 0) return false;
    event.preventDefault();
    this.contextChips.showError(undefined);
    this.bridge.post({ type: 'attachUris', uris });
    return true;
  }

  /**
   * Tells the host we can receive; it answers with `state`, or, when `drawn` names the state the
   * page drew from its HTML and nothing changed since, only with what follows (issue 10).
   */
  start(drawn?: number): void {
    this.bridge.post(drawn === undefined ? { type: 'ready' } : { type: 'ready', drawn });
  }

  handle(message: HostMessage): void {
    if (this.isLate(message)) return;
    (this.handlers[message.type] as (message: HostMessage) => void)(message);
  }

  /** One handler per host message type; a missing one does not compile. */
  private readonly handlers: HostHandlers = {
    state: (message) => this.applyState(message.state),
    entryAdded: (message) => {
      if (message.requestId !== undefined) this.request = message.requestId;
      if (message.entry.role === 'user') this.history.questionAsked();
      if (message.entry.role === 'user') this.sent.received();
      // Put back because the state did not have it, yet the host did (a view rebuilt mid-send): not twice.
      if (message.entry.role === 'user' && this.putBackText === message.entry.text) this.composer.forgetIfSent(message.entry.text);
      this.putBackText = undefined;
      this.shown.lastEntryId = message.entry.id;
      this.transcript.addEntry(message.entry);
      if (message.entry.role === 'user') this.composer.rememberQuestion(message.entry.text);
      if (message.entry.role === 'user') this.questionsShown.push(message.entry.text);
      this.trackUsage([message.entry]);
    },
    entryUpdated: (message) => {
      this.transcript.updateEntry(message.entry);
      this.trackUsage([message.entry]);
      if (message.requestId !== undefined && message.entry.status !== 'streaming') this.announceEnd(message.entry);
    },
    delta: (message) => this.transcript.applyDelta(message.entryId, message.parts),
    busy: (message) => {
      this.request = message.busy ? message.requestId : undefined;
      this.composer.setBusy(message.busy);
    },
    retrying: (message) => this.transcript.showRetry(message.entryId, message.attempt, message.delayMs, message.status),
    tokenStatus: (message) => {
      this.tokenCard.update(message.hasToken, message.origin);
      // Endpoint profiles (issue 12).
      this.toolbar.setProfile(message.profile);
    },
    modelChanged: (message) => this.toolbar.setModel(message.model),
    optionsChanged: (message) => this.parameters.setOptions(message.options),
    fillInput: (message) => {
      this.sent.received();
      this.composer.fill(message.text);
    },
    focusInput: () => this.composer.focus(),
    attachments: (message) => this.attachments.setAttachments(message.attachments),
    attachmentError: (message) => this.attachments.showError(message.message),
    imageData: (message) => imageCache.add(message.images),
    // History and search (issue 11).
    history: (message) => this.history.handle(message),
    searchResults: (message) => this.history.handle(message),
    // Issue 11: edit and resend.
    undoOffer: (message) => this.undoBar.show(message.offer),
    // Context items (issue 11: more context).
    contextItems: (message) => this.contextChips.apply(message),
    contextError: (message) => this.contextChips.apply(message),
    // Issue 10 (perf): the older entries of a long conversation, after its newest were painted.
    olderEntries: (message) => this.applyOlder(message.token, message.entries),
  };

  private applyState(state: ViewState): void {
    this.toolbar.setModel(state.conversation.model);
    // Endpoint profiles (issue 12): the profile picker shows when there is more than Default.
    this.toolbar.setProfile(state.profile);
    this.tokenCard.update(state.hasToken, state.origin);
    this.request = state.busy ? state.requestId : undefined;
    this.composer.setBusy(state.busy);
    this.transcript.setConversation(state.conversation);
    const typed = this.tabDraft.restoreFor(state.conversation.id);
    if (typed !== undefined) this.composer.restoreDraft(typed);
    this.composer.forgetIfSent(lastQuestionOf(state.conversation.entries));
    this.putBackLost(state.conversation.id, state.conversation.entries);
    this.questionsShown = questionsOf(state.conversation.entries);
    this.olderToFollow = state.olderToFollow;
    if (state.olderToFollow !== undefined) this.askForOlderAfterPaint(state.olderToFollow);
    this.composer.setQuestions(this.questionsShown);
    this.attachments.setAttachments(state.attachments ?? []);
    this.undoBar.show(state.undo);
    this.contextChips.setItems(state.contextItems ?? []);
    this.parameters.setDefaults(state.defaults);
    this.parameters.setOptions(state.conversation.options);
    this.answers.clear();
    this.trackUsage(state.conversation.entries);
    // Drawn from the host's state at least once: what a test (or a person) sees is the real
    // panel, not the empty frame built before the host answered `ready`.
    this.root.dataset.state = 'ready';
    this.history.conversationShown(state.conversation.id);
  }

  /** A question an earlier page sent that the host never got: back in the input, with its items. */
  private putBackLost(conversationId: string, entries: readonly Entry[]): void {
    this.shown = { conversationId, lastEntryId: entries.at(-1)?.id };
    this.putBackText = undefined;
    const lost = this.sent.lostIn(conversationId, entries);
    if (!lost) return;
    if (lost.text.trim() !== '') this.composer.putBack(lost.text);
    this.putBackText = lost.text.trim();
    if (lost.contexts) this.bridge.post({ type: 'restoreContextItems', contexts: lost.contexts });
    restoreImages(lost, this.bridge.post, (message) => this.attachments.showError(message));
  }

  /** Once the newest entries are painted (the frame after this one has begun), asks for the older ones. */
  private askForOlderAfterPaint(token: number): void {
    const ask = () => {
      if (this.olderToFollow === token) this.bridge.post({ type: 'olderEntriesWanted', token });
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(ask, 0));
    else setTimeout(ask, 0);
  }

  /** The entries before the state's newest ones: put above them, if they belong to the state shown. */
  private applyOlder(token: number, entries: readonly Entry[]): void {
    if (token !== this.olderToFollow) return;
    this.olderToFollow = undefined;
    this.transcript.prependOlder(entries);
    this.history.olderEntriesShown();
    this.questionsShown = [...questionsOf(entries), ...this.questionsShown];
    this.composer.setQuestions(this.questionsShown);
    this.trackUsage(entries);
  }

  /** The answer as the transcript holds it. */
  answer(entryId: string): AssistantEntry | undefined {
    return this.transcript.answer(entryId);
  }

  /**
   * A message of a request that is not the one answering now: a delta, update, countdown or
   * end that arrived after its request ended (and maybe after a newer one began). Messages
   * naming no request (an older host, a candidate chosen, an image) always apply.
   */
  private isLate(message: HostMessage): boolean {
    switch (message.type) {
      case 'delta':
      case 'entryUpdated':
      case 'retrying':
      case 'busy':
        if (message.requestId === undefined) return false;
        // A request's start is never late; its end is, when another request is answering.
        if (message.type === 'busy') return !message.busy && this.request !== undefined && message.requestId !== this.request;
        return message.requestId !== this.request;
      default:
        return false;
    }
  }

  /** The answer of the request now ending, once, for screen readers: the words as drawn. */
  private announceEnd(answer: AssistantEntry): void {
    const entry = [...this.root.querySelectorAll<HTMLElement>('[data-entry-id]')].find((candidate) => candidate.dataset.entryId === answer.id);
    this.announcer.answerEnded(answer, entry?.querySelector('.markdown-body')?.textContent ?? '');
  }

  private trackUsage(entries: readonly Entry[]): void {
    for (const entry of entries) if (entry.role === 'assistant') this.answers.set(entry.id, entry);
    this.parameters.setUsage(conversationUsage([...this.answers.values()]));
  }
}

function questionsOf(entries: readonly Entry[]): string[] {
  return entries.flatMap((entry) => (entry.role === 'user' ? [entry.text] : []));
}

function lastQuestionOf(entries: readonly Entry[]): string | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (entry.role === 'user') return entry.text;
  }
  return undefined;
}
