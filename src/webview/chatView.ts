// The whole panel: toolbar, first-run card, transcript, composer. Draws itself from the
// host's `state` message and applies every later HostMessage; it holds no conversation data
// of its own beyond what it was sent.

import type { AssistantEntry, Entry } from '../shared/conversation';
import { assertNever, type HostMessage, type ViewState } from '../shared/protocol';
import { conversationUsage } from '../shared/usage';
import type { Bridge } from './bridge';
import { Composer } from './composer';
import { element } from './dom';
import { ParametersPanel } from './parametersPanel';
import type { FrameRequest } from './streamingRenderer';
import { TokenCard } from './tokenCard';
import { Toolbar } from './toolbar';
import { Transcript } from './transcript';

export interface ChatViewOptions {
  /** Frame scheduling for streamed text (tests drive frames by hand). */
  requestFrame?: FrameRequest;
}

export class ChatView {
  private readonly toolbar: Toolbar;
  private readonly tokenCard: TokenCard;
  private readonly transcript: Transcript;
  private readonly composer: Composer;
  private readonly parameters: ParametersPanel;
  /** The answers shown, for the conversation's token total. */
  private readonly answers = new Map<string, AssistantEntry>();

  constructor(root: HTMLElement, private readonly bridge: Bridge, options: ChatViewOptions = {}) {
    const post = bridge.post;
    this.toolbar = new Toolbar(post);
    this.parameters = new ParametersPanel(post, (parametersOpen) => bridge.saveUiState({ ...bridge.loadUiState(), parametersOpen }));
    this.parameters.setOpen(bridge.loadUiState().parametersOpen === true);
    this.tokenCard = new TokenCard(post);
    this.tokenCard.element.hidden = true;
    this.transcript = new Transcript(post, options.requestFrame);
    this.composer = new Composer(
      {
        send: (text) => post({ type: 'send', text }),
        stop: () => post({ type: 'stop' }),
        draftChanged: (draft) => bridge.saveUiState({ ...bridge.loadUiState(), draft }),
      },
      bridge.loadUiState().draft,
    );
    root.replaceChildren(
      element('div', { className: 'chat' }, [this.toolbar.element, this.parameters.element, this.tokenCard.element, this.transcript.element, this.composer.element]),
    );
  }

  /** Tells the host we can receive; it answers with `state`. */
  start(): void {
    this.bridge.post({ type: 'ready' });
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'state':
        this.applyState(message.state);
        break;
      case 'entryAdded':
        this.transcript.addEntry(message.entry);
        this.trackUsage([message.entry]);
        break;
      case 'entryUpdated':
        this.transcript.updateEntry(message.entry);
        this.trackUsage([message.entry]);
        break;
      case 'delta':
        this.transcript.appendDelta(message.entryId, message.index, message.content);
        break;
      case 'busy':
        this.composer.setBusy(message.busy);
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
      default:
        assertNever(message);
    }
  }

  private applyState(state: ViewState): void {
    this.toolbar.setModel(state.conversation.model);
    this.tokenCard.update(state.hasToken, state.origin);
    this.composer.setBusy(state.busy);
    this.transcript.setConversation(state.conversation);
    this.parameters.setDefaults(state.defaults);
    this.parameters.setOptions(state.conversation.options);
    this.answers.clear();
    this.trackUsage(state.conversation.entries);
  }

  private trackUsage(entries: readonly Entry[]): void {
    for (const entry of entries) if (entry.role === 'assistant') this.answers.set(entry.id, entry);
    this.parameters.setUsage(conversationUsage([...this.answers.values()]));
  }
}
