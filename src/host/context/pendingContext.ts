// The files and selections waiting in the composer for the next question. The host keeps them
// (not the webview), so only what it read and judged can be sent, and a rebuilt view gets them
// back. The limits of shared/contextItems.ts are applied here, when an item is attached: a
// question can then never be refused for its items, and nothing typed is lost to a limit.
// Free of `vscode` and of Node's modules (a web worker runs it too), so it runs in plain Node under test.

import type { CodeContext } from '../../shared/conversation';
import { contextLimitProblem, type PendingContextItem } from '../../shared/contextItems';
import type { HostMessage } from '../../shared/protocol';
import { Emitter } from '../emitter';

export type ContextChange = Extract<HostMessage, { type: 'contextItems' | 'contextError' }>;

/** Whether two items quote the same code (attaching a file twice adds nothing). */
function sameCode(a: CodeContext, b: CodeContext): boolean {
  return a.path === b.path && a.startLine === b.startLine && a.endLine === b.endLine && a.kind === b.kind && a.code === b.code;
}

export class PendingContext {
  private items: PendingContextItem[] = [];
  private readonly changed = new Emitter<ContextChange>();
  /** The list and refusals for the view (the presenter posts them as they are). */
  readonly onDidChange = this.changed.event;

  get list(): PendingContextItem[] {
    return [...this.items];
  }

  /** The items as the next question quotes them. */
  get contexts(): CodeContext[] {
    return this.items.map((item) => item.context);
  }

  /** Attaches `context` unless it passes a limit; the refusal (naming it and the limit) otherwise. */
  add(context: CodeContext): string | undefined {
    if (this.items.some((item) => sameCode(item.context, context))) return undefined;
    const problem = contextLimitProblem(this.contexts, context);
    if (problem) return problem;
    this.items.push({ id: globalThis.crypto.randomUUID(), context });
    this.post();
    return undefined;
  }

  /** Tells the view why an item was not attached. */
  refuse(message: string): void {
    this.changed.fire({ type: 'contextError', message });
  }

  remove(id: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((item) => item.id !== id);
    if (this.items.length === before) return false;
    this.post();
    return true;
  }

  /** Hands the items to the question being sent; the composer shows none after. */
  take(): CodeContext[] {
    const taken = this.contexts;
    if (taken.length === 0) return taken;
    this.items = [];
    this.post();
    return taken;
  }

  /**
   * Items the panel kept for a question a reload lost before it reached the host: attached
   * again (an item still here is not doubled), each refusal told as for any other.
   */
  reattach(contexts: readonly CodeContext[]): void {
    for (const context of contexts) {
      const problem = this.add(context);
      if (problem) this.refuse(problem);
    }
  }

  /** Puts items back in front when a send did not happen. */
  restore(contexts: readonly CodeContext[]): void {
    if (contexts.length === 0) return;
    this.items = [...contexts.map((context) => ({ id: globalThis.crypto.randomUUID(), context })), ...this.items];
    this.post();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private post(): void {
    this.changed.fire({ type: 'contextItems', items: this.list });
  }
}
