// A host and a webview joined the way the extension joins them, for tests of how an answer
// is folded on both sides: a real ChatSession (over a scripted event stream), the real
// DeltaPacer on a clock the test moves, and a real ChatView under happy-dom, each message
// structured-cloned on the way as the webview bridge does.

import { mountView } from '../webview/mountView';
import type { ManualFrames } from '../webview/setupDom';
import type { ChatView } from '../../../src/webview/chatView';
import { AnswerAssembler } from '../../../src/core/answerAssembler';
import { AnswerDecoder } from '../../../src/core/answerDecoder';
import { choiceCountOf } from '../../../src/core/answerLimits';
import type { ChatEvent } from '../../../src/core/types';
import { ChatSession, newConversation, type SessionChange, type StreamChat } from '../../../src/host/session/chatSession';
import { SETTING_DEFAULTS } from '../../../src/host/settings/settings';
import { DeltaPacer } from '../../../src/host/view/deltaPacer';
import { ManualClock } from '../../support/manualClock';
import type { HostMessage, WebviewMessage } from '../../../src/shared/protocol';
import type { ConformanceCase } from '../../support/replayServer';


/** The events the core decodes from a recorded answer body (those before an error, if it fails). */
export function recordedEvents(testCase: ConformanceCase): ChatEvent[] {
  const assembler = new AnswerAssembler({ choices: choiceCountOf(testCase.request.n) });
  const decoder = new AnswerDecoder(assembler, testCase.http.status, new Headers(testCase.http.headers));
  decoder.push(testCase.body);
  decoder.end();
  if (decoder.error === undefined) assembler.finish();
  return assembler.drain();
}

/** The same events with each text event cut into random pieces (order kept). */
export function splitEvents(events: readonly ChatEvent[], random: () => number): ChatEvent[] {
  const out: ChatEvent[] = [];
  for (const event of events) {
    if ((event.type !== 'delta' && event.type !== 'refusal' && event.type !== 'reasoning') || event.content.length < 2) {
      out.push(event);
      continue;
    }
    let start = 0;
    while (start < event.content.length) {
      const length = 1 + Math.floor(random() * Math.min(8, event.content.length - start));
      out.push({ ...event, content: event.content.slice(start, start + length) });
      start += length;
    }
  }
  return out;
}


export interface Joined {
  session: ChatSession;
  view: ChatView;
  clock: ManualClock;
  frames: ManualFrames;
  /** What the webview posted to the host. */
  posted: WebviewMessage[];
  /** Every message the webview was sent, in order. */
  received: HostMessage[];
  /** Called with each message before the view handles it. */
  beforeHandle?: (message: HostMessage) => void;
  /** When set, messages are held here instead of reaching the view (to deliver them late). */
  held?: HostMessage[];
}

/** A session streaming `streamChat`'s events, joined to a webview through the pacer. */
export function joinHostAndView(streamChat: StreamChat): Joined {
  const clock = new ManualClock();
  const { api, frames, view } = mountView({ start: false });
  const session = new ChatSession(newConversation('gpt-4o-mini'), {
    streamChat,
    settings: () => ({ ...SETTING_DEFAULTS, baseUrl: 'http://127.0.0.1:9/v1' }),
    credentials: async () => ({ baseUrl: 'http://127.0.0.1:9/v1', token: 'sk-test' }),
    save: () => undefined,
    log: () => undefined,
  });
  const joined: Joined = { session, view, clock, frames, posted: api.posted as WebviewMessage[], received: [] };
  const deliver = (message: HostMessage): void => {
    // The bridge hands the webview a structured clone, never the host's live objects.
    const copy = structuredClone(message);
    if (joined.held) return void joined.held.push(copy);
    joined.received.push(copy);
    joined.beforeHandle?.(copy);
    view.handle(copy);
  };
  const pacer = new DeltaPacer(deliver, clock);
  const state = (): HostMessage => ({
    type: 'state',
    state: { conversation: session.conversation, hasToken: true, origin: 'http://127.0.0.1:9', busy: session.busy, requestId: session.requestId },
  });
  // As chatViewProvider.ts routes the session's changes.
  session.onDidChange((change: SessionChange) => {
    if (change.type === 'reset') {
      pacer.drop();
      pacer.message(state());
    } else if (change.type === 'delta') pacer.delta(change);
    else pacer.message(change);
  });
  view.start();
  pacer.message(state());
  return joined;
}
