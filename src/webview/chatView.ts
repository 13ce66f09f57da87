// The whole panel: toolbar, first-run card, transcript, composer. Draws itself from the
// host's `state` message and applies every later HostMessage; it holds no conversation data
// of its own beyond what it was sent.

import type { AssistantEntry, Entry } from '../shared/conversation';
import { assertNever, type HostMessage, type RequestId, type ViewState } from '../shared/protocol';
import { conversationUsage } from '../shared/usage';
import { Announcer } from './announcer';
import { AttachmentStrip, filesOf } from './attachments';
import type { Bridge } from './bridge';
import { Composer } from './composer';
import { element } from './dom';
import { imageCache } from './imageCache';
import { ParametersPanel } from './parametersPanel';
import type { FrameRequest, WorkMeter } from './streamingRenderer';
import { TokenCard } from './tokenCard';
import { Toolbar } from './toolbar';
import { Transcript } from './transcript';

export interface ChatViewOptions {
  /** Frame scheduling for streamed text (tests drive frames by hand). */
  requestFrame?: FrameRequest;
  /** Counts the characters streaming work looks at (tests prove it does not grow with the answer). */
  meter?: WorkMeter;
}

export class ChatView {
  private readonly toolbar: Toolbar;
  private readonly tokenCard: TokenCard;
  private readonly transcript: Transcript;
  private readonly composer: Composer;
  private readonly attachments: AttachmentStrip;
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
  // --- issue 10 (perf): a long conversation in two messages (shared/firstState.ts) ---
  /** The `olderEntries` the last state said would follow (undefined: none, or already here). */
  private olderToFollow: number | undefined;
  /** The questions shown since that state, for the input's history once the older ones come. */
  private questionsShown: string[] = [];

  constructor(root: HTMLElement, private readonly bridge: Bridge, options: ChatViewOptions = {}) {
    const post = bridge.post;
    this.toolbar = new Toolbar(post);
    this.parameters = new ParametersPanel(post, (parametersOpen) => bridge.saveUiState({ ...bridge.loadUiState(), parametersOpen }));
    this.parameters.setOpen(bridge.loadUiState().parametersOpen === true);
    this.tokenCard = new TokenCard(post);
    this.tokenCard.element.hidden = true;
    this.transcript = new Transcript(post, options.requestFrame, options.meter);
    this.attachments = new AttachmentStrip(post);
    this.composer = new Composer(
      {
        send: (text) => {
          this.attachments.showError(undefined);
          post({ type: 'send', text });
        },
        stop: () => post({ type: 'stop', ...(this.request !== undefined ? { requestId: this.request } : {}) }),
        draftChanged: (draft) => bridge.saveUiState({ ...bridge.loadUiState(), draft }),
        attach: () => post({ type: 'pickImages' }),
        hasAttachments: () => this.attachments.count > 0,
      },
      bridge.loadUiState().draft,
    );
    const chat = element('div', { className: 'chat' }, [
      this.toolbar.element, this.parameters.element, this.tokenCard.element, this.transcript.element, this.attachments.element, this.composer.element,
      this.announcer.element,
    ]);
    root.replaceChildren(chat);
    this.root = chat;
    this.acceptImages(chat);
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
      if (!event.dataTransfer || !Array.from(event.dataTransfer.types ?? []).includes('Files')) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      chat.classList.add('is-drop-target');
    });
    chat.addEventListener('dragleave', (event: DragEvent) => {
      if (event.relatedTarget === null || !chat.contains(event.relatedTarget as Node)) chat.classList.remove('is-drop-target');
    });
    chat.addEventListener('drop', (event: DragEvent) => {
      chat.classList.remove('is-drop-target');
      const files = filesOf(event.dataTransfer);
      if (files.length === 0) return;
      event.preventDefault();
      void this.attachments.addFiles(files);
    });
  }

  /** Tells the host we can receive; it answers with `state`. */
  start(): void {
    this.bridge.post({ type: 'ready' });
  }

  handle(message: HostMessage): void {
    if (this.isLate(message)) return;
    switch (message.type) {
      case 'state':
        this.applyState(message.state);
        break;
      case 'entryAdded':
        if (message.requestId !== undefined) this.request = message.requestId;
        this.transcript.addEntry(message.entry);
        if (message.entry.role === 'user') this.composer.rememberQuestion(message.entry.text);
        if (message.entry.role === 'user') this.questionsShown.push(message.entry.text);
        this.trackUsage([message.entry]);
        break;
      case 'entryUpdated':
        this.transcript.updateEntry(message.entry);
        this.trackUsage([message.entry]);
        if (message.requestId !== undefined && message.entry.status !== 'streaming') this.announceEnd(message.entry);
        break;
      case 'delta':
        this.transcript.applyDelta(message.entryId, message.parts);
        break;
      case 'busy':
        this.request = message.busy ? message.requestId : undefined;
        this.composer.setBusy(message.busy);
        break;
      case 'retrying':
        this.transcript.showRetry(message.entryId, message.attempt, message.delayMs, message.status);
        break;
      case 'tokenStatus':
        this.tokenCard.update(message.hasToken, message.origin);
        break;
      case 'modelChanged':
        this.toolbar.setModel(message.model);
        break;
      case 'optionsChanged':
        this.parameters.setOptions(message.options);
        break;
      case 'fillInput':
        this.composer.fill(message.text);
        break;
      case 'focusInput':
        this.composer.focus();
        break;
      case 'attachments':
        this.attachments.setAttachments(message.attachments);
        break;
      case 'attachmentError':
        this.attachments.showError(message.message);
        break;
      case 'imageData':
        imageCache.add(message.images);
        break;
      case 'olderEntries':
        this.applyOlder(message.token, message.entries);
        break;
      default:
        assertNever(message);
    }
  }

  private applyState(state: ViewState): void {
    this.toolbar.setModel(state.conversation.model);
    this.tokenCard.update(state.hasToken, state.origin);
    this.request = state.busy ? state.requestId : undefined;
    this.composer.setBusy(state.busy);
    this.transcript.setConversation(state.conversation);
    this.composer.forgetIfSent(lastQuestionOf(state.conversation.entries));
    this.questionsShown = questionsOf(state.conversation.entries);
    this.olderToFollow = state.olderToFollow;
    if (state.olderToFollow !== undefined) this.askForOlderAfterPaint(state.olderToFollow);
    this.composer.setQuestions(this.questionsShown);
    this.attachments.setAttachments(state.attachments ?? []);
    this.parameters.setDefaults(state.defaults);
    this.parameters.setOptions(state.conversation.options);
    this.answers.clear();
    this.trackUsage(state.conversation.entries);
    // Drawn from the host's state at least once: what a test (or a person) sees is the real
    // panel, not the empty frame built before the host answered `ready`.
    this.root.dataset.state = 'ready';
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
