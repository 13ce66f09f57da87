// The composer's draft, also kept by the browser tab (tabStore.ts), for the same reason as a
// sent question: VS Code web saves the webview's state only now and then, and a reload of the
// tab loses whatever was typed since. The copy names the conversation it was typed in, so a tab
// that opens another workspace (or the same one showing another conversation) does not get it.

import type { TabStore } from './tabStore';

/** The tab storage's key for the draft. */
export const DRAFT_KEY = 'completionsChat.draft';

export class TabDraft {
  /** The copy an earlier page left, checked once against the first state. */
  private unchecked: { text: string; conversationId: string } | undefined;
  /** The conversation that copy was typed in: where changes go while the page knows none yet. */
  private readonly copiedFor: string | undefined;

  constructor(private readonly tab: TabStore) {
    this.unchecked = parse(tab.load(DRAFT_KEY));
    this.copiedFor = this.unchecked?.conversationId;
  }

  /**
   * Every change of the draft, as the webview state gets it. Before the page has drawn a state
   * it does not know its conversation: each change is kept for the one the tab's copy named (a
   * draft emptied right after a reload stays empty in a page built again from a webview state
   * that still holds it).
   */
  changed(text: string, conversationId: string | undefined): void {
    const target = conversationId ?? this.copiedFor;
    this.unchecked = undefined;
    // An emptied input is kept too: it is newer than a draft the state may still hold.
    if (target === undefined) this.tab.remove(DRAFT_KEY);
    else this.tab.save(DRAFT_KEY, JSON.stringify({ text, conversationId: target }));
  }

  /** The first state: the tab's draft when it was typed in this conversation (it is never older than the state's). */
  restoreFor(conversationId: string): string | undefined {
    const kept = this.unchecked;
    this.unchecked = undefined;
    return kept?.conversationId === conversationId ? kept.text : undefined;
  }
}

function parse(text: string | undefined): { text: string; conversationId: string } | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as { text?: unknown; conversationId?: unknown };
    return typeof value.text === 'string' && typeof value.conversationId === 'string' ? { text: value.text, conversationId: value.conversationId } : undefined;
  } catch {
    return undefined;
  }
}
