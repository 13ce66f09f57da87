// What the extension host runs for one answer, outside VS Code: the core client, the session
// (with the real conversation store writing files, throttled as in the extension), and the
// presenter's pacer posting to a webview that only counts. Plus the floor: a plain `fetch` read
// of the same stream, which is what Node itself costs per read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamChat } from '../../src/core/chatClient';
import type { Conversation } from '../../src/shared/conversation';
import type { HostMessage } from '../../src/shared/protocol';
import { ChatSession, newConversation } from '../../src/host/session/chatSession';
import { ConversationStore } from '../../src/host/storage/conversationStore';
import { NodeFileStore } from '../../src/host/storage/fileStore';
import { SETTING_DEFAULTS } from '../../src/host/settings/settings';
import { ChatPresenter } from '../../src/host/view/chatPresenter';
import { Emitter } from '../../src/host/emitter';
import type { ServeMode } from './pacedServer';

const TOKEN = 'sk-bench-0123456789abcdef';
const BODY = (model: string): string => JSON.stringify({ model, messages: [{ role: 'user', content: 'go' }], stream: true });

/** What one answer took: the text (to check it), and the messages the webview got. */
export interface AnswerOutcome {
  chars: number;
  messages: number;
  /** Reads of the body (event-loop wake-ups for it), where counted. */
  reads?: number;
}

/** A plain fetch and a reader loop over the bytes: Node's own cost per read. */
export async function fetchRead(baseUrl: string, mode: ServeMode): Promise<AnswerOutcome> {
  const response = await fetch(`${baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: BODY(mode) });
  const reader = response.body!.getReader();
  let bytes = 0;
  for (let reads = 0; ; reads++) {
    const { done, value } = await reader.read();
    if (done) return { chars: bytes, messages: 0, reads };
    bytes += value.byteLength;
  }
}

/** The core client alone: streamChat's events. */
export async function coreRead(baseUrl: string, mode: ServeMode): Promise<AnswerOutcome> {
  let chars = 0;
  for await (const event of streamChat({ baseUrl, token: TOKEN, body: { model: mode, messages: [{ role: 'user', content: 'go' }], stream: true } })) {
    if (event.type === 'delta') chars += event.content.length;
  }
  return { chars, messages: 0 };
}

/**
 * The host's chain, built once per bench (as the extension builds it once per window) and asked
 * one question per answer: session → answer run → streamChat, the store's saves, the presenter's
 * pacer → a counting webview.
 */
export class HostChain {
  private readonly folder = mkdtempSync(join(tmpdir(), 'cc-host-bench-'));
  private readonly store = new ConversationStore(new NodeFileStore(this.folder));
  private readonly session: ChatSession;
  private readonly presenter: ChatPresenter;
  private posted = 0;
  private readonly noImages = new Emitter<never>();

  /**
   * `parts` leaves out the saving or the view, to see what each costs; `history` is a saved
   * conversation every answer is asked in (a long one shows what grows with it).
   */
  constructor(baseUrl: string, parts: { saves?: boolean; view?: boolean } = {}, private readonly history?: Conversation) {
    const saves = parts.saves !== false;
    this.session = new ChatSession(newConversation('paced'), {
      streamChat,
      settings: () => ({ ...SETTING_DEFAULTS, baseUrl }),
      credentials: async () => ({ baseUrl, token: TOKEN }),
      save: (conversation, urgent) => (saves ? this.store.save(conversation, urgent) : undefined),
      durable: () => this.store.flushWithin(2000),
      log: () => undefined,
    });
    this.presenter = new ChatPresenter({
      session: this.session,
      images: { attachments: [], onDidChange: this.noImages.event },
      endpointStatus: async () => ({ hasToken: true, origin: baseUrl }),
      optionDefaults: () => undefined,
      setContext: () => undefined,
    });
    if (parts.view === false) this.presenter.dispose();
    this.presenter.attach({
      postMessage: (message: HostMessage) => {
        this.posted++;
        void message;
        return Promise.resolve(true);
      },
    });
  }

  async ready(): Promise<void> {
    await this.presenter.ready();
  }

  /** A fresh conversation for the next answer (or the history again): not part of the answer's cost. */
  async prepare(mode: ServeMode): Promise<void> {
    if (this.history) this.session.open({ ...structuredClone(this.history), model: mode });
    else this.session.reset(mode);
    await this.store.flush();
  }

  /** One question, answered as the conversation's model (the server's mode) says. */
  async answer(): Promise<AnswerOutcome> {
    const before = this.posted;
    await this.session.send('go');
    const answer = this.session.lastAnswer();
    if (answer?.status !== 'done') throw new Error(`the answer ended ${answer?.status}: ${answer?.error?.message ?? ''}`);
    return { chars: answer.candidates[0]!.content.length, messages: this.posted - before };
  }

  /** Waits for the last throttled save (it belongs to the answer's cost), then cleans up. */
  async settle(): Promise<void> {
    await this.store.flush();
  }

  dispose(): void {
    this.presenter.dispose();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
