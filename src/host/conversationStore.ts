// Keeps the current conversation in the workspace's storage, so hiding the panel, reloading
// the window or restarting VS Code loses nothing.

import type { Conversation } from '../shared/conversation';

/** The part of `vscode.Memento` this module needs, so it is testable in Node. */
export interface Memento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const CURRENT_KEY = 'completionsChat.conversation';

function looksLikeConversation(value: unknown): value is Conversation {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Conversation>;
  return typeof candidate.id === 'string' && typeof candidate.model === 'string' && Array.isArray(candidate.entries);
}

export class ConversationStore {
  private pending: Thenable<void> = Promise.resolve();

  constructor(private readonly memento: Memento) {}

  load(): Conversation | undefined {
    const saved = this.memento.get<unknown>(CURRENT_KEY);
    return looksLikeConversation(saved) ? saved : undefined;
  }

  /** Saves a snapshot; writes are chained so an older snapshot never lands after a newer one. */
  save(conversation: Conversation): Thenable<void> {
    const snapshot = structuredClone(conversation);
    this.pending = this.pending.then(() => this.memento.update(CURRENT_KEY, snapshot));
    return this.pending;
  }

  /** Resolves when every save so far has been written. */
  flush(): Thenable<void> {
    return this.pending;
  }
}
