// A question between Enter and the host's echo of it. The composer empties at once, but the
// panel's `send` message can still be lost: a reload of the browser tab (or the window) in the
// milliseconds before it reaches the extension host drops it, and the host never saw the words.
// So the sent text and the items it carried stay in the webview's UI state (saved in the same
// `setState` that empties the draft, before the message is posted) and in the tab's session
// storage (tabStore.ts: VS Code web does not save the state on a reload) until the host answers
// with the question's entry; a page that starts with one still kept puts it back in the input
// unless the conversation the host shows has it. The copy in the tab lives for those
// milliseconds only: it is removed with the echo.

import type { CodeContext, Entry } from '../shared/conversation';
import { isCodeContext, MAX_CONTEXT_ITEMS } from '../shared/contextItems';
import type { Bridge } from './bridge';
import { toSentImages, withoutBytes, type SentImages } from './sentImages';
import { sessionTabStore, type TabStore } from './tabStore';

/** The tab storage's key for the question on its way to the host. */
export const SENT_QUESTION_KEY = 'completionsChat.sentQuestion';

/** A sent question the host has not yet echoed (with its images, sentImages.ts). */
export interface SentQuestion extends SentImages {
  text: string;
  /** The files and selections that went with it (the host held them: a new host has none). */
  contexts?: CodeContext[];
  /** The conversation shown when it was sent, and its last entry then: the question comes after it. */
  conversationId?: string;
  afterEntryId?: string;
}

/** The `sent` field of a saved UI state, if it is one (the state is only ours, but old or damaged ones load too). */
export function toSentQuestion(value: unknown): SentQuestion | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const saved = value as Record<string, unknown>;
  if (typeof saved.text !== 'string') return undefined;
  const sent: SentQuestion = { text: saved.text };
  const contexts = Array.isArray(saved.contexts) ? saved.contexts.filter(isCodeContext).slice(0, MAX_CONTEXT_ITEMS) : [];
  if (contexts.length > 0) sent.contexts = contexts;
  if (typeof saved.conversationId === 'string') sent.conversationId = saved.conversationId;
  if (typeof saved.afterEntryId === 'string') sent.afterEntryId = saved.afterEntryId;
  Object.assign(sent, toSentImages(saved));
  return sent.text.trim() === '' && !sent.contexts && !sent.images && !sent.imagesNotKept ? undefined : sent;
}

/**
 * Whether `entries` (the conversation `conversationId`) hold the question `sent`: a question
 * of the same text after the entry that was last when it was sent.
 */
export function conversationHas(sent: SentQuestion, conversationId: string, entries: readonly Entry[]): boolean {
  if (sent.conversationId !== undefined && sent.conversationId !== conversationId) return false;
  const after = sent.afterEntryId === undefined ? -1 : entries.findIndex((entry) => entry.id === sent.afterEntryId);
  const text = sent.text.trim();
  return entries.slice(after + 1).some((entry) => entry.role === 'user' && entry.text === text);
}

export class SentQuestionKeeper {
  /** What an earlier page kept and never saw echoed: checked once, against the first state. */
  private unchecked: SentQuestion | undefined;

  constructor(private readonly bridge: Bridge, private readonly tab: TabStore = sessionTabStore()) {
    this.unchecked = bridge.loadUiState().sent ?? fromTab(tab.load(SENT_QUESTION_KEY));
  }

  /** Enter: the question is kept (and the draft emptied) before the message goes out. */
  keep(sent: SentQuestion): void {
    this.unchecked = undefined;
    const state = this.bridge.loadUiState();
    const keep = toSentQuestion(sent);
    // The tab's copy first: written at once, whatever happens to the state's. A tab too full for
    // the images keeps the rest, naming the images to attach again.
    if (!keep || !this.tab.save(SENT_QUESTION_KEY, JSON.stringify(keep))) {
      const smaller = keep?.images && JSON.stringify({ ...keep, images: undefined, ...withoutBytes(keep) });
      if (!smaller || !this.tab.save(SENT_QUESTION_KEY, smaller)) this.tab.remove(SENT_QUESTION_KEY);
    }
    this.bridge.saveUiState(keep ? { ...state, draft: '', sent: keep } : withoutSent({ ...state, draft: '' }));
  }

  /** The host has it (its entry came, or it handed the text back to the input): nothing to keep. */
  received(): void {
    this.tab.remove(SENT_QUESTION_KEY);
    const state = this.bridge.loadUiState();
    if (state.sent !== undefined) this.bridge.saveUiState(withoutSent(state));
  }

  /**
   * The first state after the page started: the question an earlier page sent, when this
   * conversation lacks it (to put back), else undefined. Either way it is no longer kept.
   */
  lostIn(conversationId: string, entries: readonly Entry[]): SentQuestion | undefined {
    const sent = this.unchecked;
    this.unchecked = undefined;
    if (sent === undefined) return undefined;
    this.received();
    return conversationHas(sent, conversationId, entries) ? undefined : sent;
  }
}

function fromTab(text: string | undefined): SentQuestion | undefined {
  if (text === undefined) return undefined;
  try {
    return toSentQuestion(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function withoutSent<T extends { sent?: unknown }>(state: T): T {
  const { sent: _dropped, ...rest } = state;
  return rest as T;
}
