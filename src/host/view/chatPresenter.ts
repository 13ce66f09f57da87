// The one thing that posts to the chat webview. It turns what happens elsewhere (the session's
// changes, images, a model chosen, the endpoint's status) into `HostMessage`s, in order,
// through the DeltaPacer, and only to a webview that said `ready`: the webview can be torn
// down and rebuilt at any time, and is then drawn again from the whole state.

import type { Entry, ImageAttachment } from '../../shared/conversation';
import { firstStateStart } from '../../shared/firstState';
import type { HistoryHit, HistoryHostMessage } from '../../shared/historyProtocol';
import type { FirstStateBlock, HostMessage } from '../../shared/protocol';
import type { OptionDefaults } from '../../shared/requestOptions';
import { Emitter, type Event, type Subscription } from '../emitter';
import type { ImagesChange } from '../images/chatImages';
import type { ChatSession, SessionChange } from '../session/chatSession';
import { systemClock, type Clock } from '../clock';
import { DeltaPacer } from './deltaPacer';
import { ANSWERING_CONTEXT_KEY, HISTORY_CONTEXT_KEY } from '../contributionIds';
import type { PendingContextItem } from '../../shared/contextItems';
import type { ContextChange } from '../context/pendingContext';

/** Where messages go: a webview (`vscode.Webview` has this shape). */
export interface MessageTarget {
  postMessage(message: HostMessage): Thenable<boolean>;
}

/** The endpoint the panel shows: its origin, whether it has a token, its profile's name (issue 12). */
export interface EndpointStatus {
  hasToken: boolean;
  origin: string;
  profile?: string;
}

export interface PresenterDeps {
  session: Pick<ChatSession, 'conversation' | 'busy' | 'requestId' | 'onDidChange'> & Partial<Pick<ChatSession, 'undoOffer'>>;
  images: { readonly attachments: ImageAttachment[]; onDidChange: Event<ImagesChange> };
  /** `profile`: the name of the shown conversation's endpoint profile when there is a choice (issue 12). */
  endpointStatus(): Promise<EndpointStatus>;
  /** The endpoint from the settings alone, a token assumed (no secret read): for a page built before the read. */
  endpointGuess?(): EndpointStatus;
  /** The settings a conversation's parameters fall back to; undefined while a setting is bad. */
  optionDefaults(): OptionDefaults | undefined;
  /** VS Code's `setContext`, for when-clauses. */
  setContext(key: string, value: unknown): void;
  clock?: Clock;
  // --- context items (issue 11: more context) ---
  /** The files and selections waiting in the composer; their changes are posted as they come. */
  contextItems?: { readonly list: PendingContextItem[]; onDidChange: Event<ContextChange> };
}

const sameEndpoint = (a: EndpointStatus, b: EndpointStatus): boolean => a.hasToken === b.hasToken && a.origin === b.origin && a.profile === b.profile;

export class ChatPresenter {
  private target: MessageTarget | undefined;
  /** Messages are only posted after the current webview said `ready`. */
  private isReadyNow = false;
  /** The token status last read; a refresh sends it at once and checks it after. */
  private endpoint: EndpointStatus | undefined;
  /** The first read of the token status, begun when the first webview is attached (see attach). */
  private endpointRead: Promise<EndpointStatus | undefined> | undefined;
  /** Numbers each state sent; the older entries of a state sent in two parts go only for the newest one. */
  private olderToken = 0;
  /** The older entries of the last state, until the page asks for them. */
  private olderWaiting: { token: number; entries: Entry[] } | undefined;
  private readonly readied = new Emitter<void>();
  /** Fires each time a webview said `ready` and was sent the state. */
  readonly onDidBecomeReady = this.readied.event;
  /** Every message goes through it: streamed text at most once per frame, in order with the rest. */
  private readonly pacer: DeltaPacer;
  private readonly subscriptions: Subscription[];
  /** While the panel shows the history: the list as it is now (sent again to a rebuilt view). */
  private historyList: (() => Extract<HistoryHostMessage, { type: 'history' }>) | undefined;
  // --- issue 10 (first state in the page) ---
  /**
   * The state last put in the page's HTML, while nothing has changed since: its number, and the
   * token status it carries (read, or guessed from the settings).
   */
  private page: { drawn: number; status: EndpointStatus } | undefined;
  private readonly pageStale = new Emitter<void>();
  /** Fires when the state last put in the page's HTML went out of date (the provider may build a newer page). */
  readonly onDidStalePageState = this.pageStale.event;

  constructor(private readonly deps: PresenterDeps) {
    this.pacer = new DeltaPacer((message) => {
      if (this.target && this.isReadyNow) void this.target.postMessage(message);
    }, deps.clock ?? systemClock);
    this.subscriptions = [
      deps.session.onDidChange((change) => this.onSessionChange(change)),
      deps.images.onDidChange((change) => this.post(change)),
      ...(deps.contextItems ? [deps.contextItems.onDidChange((change) => this.post(change))] : []),
    ];
  }

  /** Whether the current webview said `ready` (and has not been hidden or closed since). */
  get isReady(): boolean {
    return this.isReadyNow;
  }

  /** A new webview: nothing is posted to it until it says `ready`. */
  attach(target: MessageTarget): void {
    this.target = target;
    this.isReadyNow = false;
    // Read the secret storage (a round trip to the workbench) while the page loads, not after
    // it said `ready`. A failure is read again then.
    this.endpointRead ??= this.deps.endpointStatus().catch(() => undefined);
  }

  /** The webview is gone (a newer one may have been attached since: that one stays). */
  detach(target: MessageTarget): void {
    if (this.target !== target) return;
    this.target = undefined;
    this.isReadyNow = false;
  }

  /** A hidden view's webview is torn down; it says `ready` again when shown. */
  hidden(): void {
    this.isReadyNow = false;
  }

  /**
   * The webview said `ready`: it gets the whole state, unless it drew the state numbered
   * `drawn` from its HTML and nothing changed since (then only what follows: the token status
   * checked again, the history list, the older entries when it asks).
   */
  async ready(drawn?: number): Promise<void> {
    this.isReadyNow = true;
    const known = this.endpoint;
    const page = drawn !== undefined && drawn === this.page?.drawn ? this.page : undefined;
    this.page = undefined;
    // The page's status is checked against what it drew (a guess, if it was built before the
    // read); not awaited: a secret storage that never answers must not hold back what follows.
    if (page) void (known ? this.recheck(page.status) : this.correct(page.status));
    // A reopen sends what it knew and checks after; the first open takes the status read since attach.
    else if (known) await this.sendState(known, true);
    else await this.sendState((this.endpoint = await this.endpointRead), false);
    if (this.historyList) this.post(this.historyList());
    this.readied.fire();
  }

  /** Sends the whole state again (token or endpoint changed, new conversation). */
  refresh(): Promise<void> {
    return this.sendState(undefined, false);
  }

  /**
   * Sends the whole state. With a `known` token status (a reopened panel) it goes at once and
   * the status is checked after: reading the secret storage is a round trip to the workbench
   * that the panel need not wait for.
   */
  private async sendState(known: EndpointStatus | undefined, recheck: boolean): Promise<void> {
    // A page built with the state before this change must be sent the new one.
    this.changed();
    if (!this.isReadyNow) return;
    const status = known ?? (this.endpoint = await this.deps.endpointStatus());
    if (!this.isReadyNow) return;
    this.post(this.stateMessage(status).message);
    if (recheck && known) void this.recheck(known);
  }

  /** The `state` message as of now, numbered; the older entries of a long conversation wait for the page to ask. */
  private stateMessage(status: EndpointStatus): FirstStateBlock {
    const defaults = this.deps.optionDefaults();
    const { conversation, busy, requestId } = this.deps.session;
    const attachments = this.deps.images.attachments;
    // --- issue 10 (perf): a long conversation in two messages (shared/firstState.ts) ---
    const split = firstStateStart(conversation.entries);
    const token = ++this.olderToken;
    const first = split > 0 ? { conversation: { ...conversation, entries: conversation.entries.slice(split) }, olderToFollow: token } : { conversation };
    // Issue 11: the Undo an edit or regenerate offers is drawn again with the rest; the composer's waiting files too.
    const undo = this.deps.session.undoOffer;
    const contextItems = this.deps.contextItems?.list;
    this.olderWaiting = split > 0 ? { token, entries: conversation.entries.slice(0, split) } : undefined;
    return { drawn: token, message: { type: 'state', state: { ...first, ...status, busy, requestId, defaults, attachments, contextItems, ...(undo ? { undo } : {}) } } };
  }

  // --- issue 10 (first state in the page) ---
  /**
   * The state for a page about to be built (not shown yet, or hidden), numbered: the page draws
   * it at once and names it in `ready`. Undefined when a page is up, or while the token status
   * is unknown and there is no guess for it (it is part of the state).
   */
  pageFirstState(): FirstStateBlock | undefined {
    // Not read yet (the secret storage is a round trip to the workbench): the settings' guess;
    // the page is corrected after `ready` if the read says otherwise.
    const status = this.endpoint ?? this.deps.endpointGuess?.();
    if (!status || this.isReadyNow) return undefined;
    const block = this.stateMessage(status);
    this.page = { drawn: block.drawn, status };
    return block;
  }

  /** The page drew a state with `drawnStatus`: the status read since `attach` replaces it if it differs. */
  private async correct(drawnStatus: EndpointStatus): Promise<void> {
    const read = (await this.endpointRead) ?? (await this.deps.endpointStatus().catch(() => undefined));
    if (!read) return;
    this.endpoint = read;
    if (!sameEndpoint(read, drawnStatus)) this.post({ type: 'tokenStatus', ...read });
  }

  /** Anything the state holds changed: a page built with an earlier state is sent the new one. */
  private changed(): void {
    if (this.page === undefined) return;
    this.page = undefined;
    this.pageStale.fire();
  }

  /**
   * The page painted the newest entries of the state numbered `token` and asks for the older
   * ones: sent once, only for the last state (a newer one replaced them). Asked for by the page
   * rather than sent at once, so that relaying megabytes through the workbench — on the main
   * thread that also draws the panel — never delays its first paint.
   */
  sendOlderEntries(token: number): void {
    const waiting = this.olderWaiting;
    if (!waiting || waiting.token !== token || !this.isReadyNow) return;
    this.olderWaiting = undefined;
    this.post({ type: 'olderEntries', token, entries: waiting.entries });
  }

  /**
   * The endpoint may have changed (another profile became active): the view hears of the token
   * status only when it changed. Never the whole state: that would redraw the conversation just
   * opened and drop what was drawn on it (the search's highlights).
   */
  async endpointChanged(): Promise<void> {
    const sent = this.endpoint;
    if (!sent) return this.refresh();
    return this.recheck(sent);
  }

  /** Reads the token's status again; the view hears of it only when it changed. */
  private async recheck(sent: EndpointStatus): Promise<void> {
    const checked = (this.endpoint = await this.deps.endpointStatus());
    if (!sameEndpoint(checked, sent)) this.post({ type: 'tokenStatus', ...checked });
  }

  focusInput(): void {
    this.post({ type: 'focusInput' });
  }

  /** Puts text back in the panel's input (a `/prompt` that could not run), so nothing typed is lost. */
  fillInput(text: string): void {
    this.post({ type: 'fillInput', text });
  }

  modelChanged(model: string): void {
    this.post({ type: 'modelChanged', model });
  }

  // --- History and search (issue 11) ---

  /** Puts the panel in its history view, showing `list()` (asked again on every change). */
  showHistory(list: () => Extract<HistoryHostMessage, { type: 'history' }>): void {
    this.historyList = list;
    this.deps.setContext(HISTORY_CONTEXT_KEY, true);
    this.post(list());
  }

  /** Back to the chat; `tellView` when the host decides it (the view closed it itself otherwise). */
  closeHistory(tellView: boolean): void {
    const wasShown = this.historyList !== undefined;
    this.historyList = undefined;
    if (wasShown) this.deps.setContext(HISTORY_CONTEXT_KEY, false);
    if (wasShown && tellView) this.post({ type: 'history', shown: false, items: [] });
  }

  /** The list changed (a rename, a pin, a delete): the view shows it again, if it shows the history. */
  historyChanged(): void {
    if (this.historyList) this.post(this.historyList());
  }

  searchResults(requestId: number, hits: HistoryHit[]): void {
    this.post({ type: 'searchResults', requestId, hits });
  }

  dispose(): void {
    this.pacer.dispose();
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.readied.dispose();
    this.pageStale.dispose();
  }

  private post(message: HostMessage): void {
    if (!notInState.has(message.type)) this.changed();
    this.pacer.message(message);
  }

  private onSessionChange(change: SessionChange): void {
    if (change.type === 'reset') {
      // The old answer's pending text belongs to a conversation the state replaces.
      this.pacer.drop();
      void this.refresh();
      return;
    }
    if (change.type === 'delta') {
      this.changed();
      return this.pacer.delta(change);
    }
    if (change.type === 'busy') this.deps.setContext(ANSWERING_CONTEXT_KEY, change.busy);
    this.post(change);
  }
}

/** Messages a `state` does not replace (issue 10): posting them does not make a page's first state stale. */
const notInState: ReadonlySet<HostMessage['type']> = new Set(['focusInput', 'fillInput', 'history', 'searchResults', 'olderEntries']);
