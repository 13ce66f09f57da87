import { domWindow, ManualFrames } from './setupDom';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssistantEntry, Entry } from '../../../src/shared/conversation';
import type { DeferredScheduling, IdleDeadlineLike } from '../../../src/webview/deferredEntries';
import { Transcript } from '../../../src/webview/transcript';

// A new answer under a long conversation must cost what it costs without one: its deltas
// change only its own entry, and entries off screen are neither laid out nor painted
// (content-visibility), so the browser's work per frame does not grow with the transcript.

const REPO = join(__dirname, '..', '..', '..', '..');

function history(messages: number): Entry[] {
  const entries: Entry[] = [];
  for (let index = 0; index < messages; index++) {
    entries.push(
      index % 2 === 0
        ? { id: `q${index}`, role: 'user', text: `Question ${index}`, createdAt: index }
        : { id: `a${index}`, role: 'assistant', candidates: [{ content: `Answer ${index}\n\n\`\`\`ts\nconst x = ${index};\n\`\`\`` }], chosen: 0, status: 'done', model: 'm', createdAt: index },
    );
  }
  return entries;
}

/** Idle time that draws everything waiting at once. */
const drainIdle: DeferredScheduling & { run(): void } = {
  callbacks: [] as ((deadline: IdleDeadlineLike) => void)[],
  idle(callback: (deadline: IdleDeadlineLike) => void) {
    this.callbacks.push(callback);
  },
  run() {
    while (this.callbacks.length > 0) this.callbacks.shift()!({ timeRemaining: () => 50 });
  },
} as DeferredScheduling & { run(): void; callbacks: ((deadline: IdleDeadlineLike) => void)[] };

describe('a new answer under a long conversation (webview)', () => {
  it('its deltas change only its own entry, never an earlier one', async () => {
    const frames = new ManualFrames();
    const transcript = new Transcript(() => undefined, { requestFrame: frames.request, now: frames.now }, undefined, drainIdle);
    document.body.replaceChildren(transcript.element);
    transcript.setConversation({ id: 'c', title: 't', model: 'm', entries: history(60), createdAt: 1, updatedAt: 1 });
    drainIdle.run();
    assert.equal(transcript.pendingCount, 0);

    transcript.addEntry({ id: 'q-new', role: 'user', text: 'new question', createdAt: 1 });
    const streaming: AssistantEntry = { id: 'a-new', role: 'assistant', candidates: [{ content: '' }], chosen: 0, status: 'streaming', model: 'm', createdAt: 1 };
    transcript.addEntry(streaming);
    frames.runFrame();
    const answer = transcript.element.querySelector('[data-entry-id="a-new"]')!;
    const earlier = Array.from(transcript.element.querySelectorAll('article.entry')).filter((article) => article !== answer && article.getAttribute('data-entry-id') !== 'q-new');
    assert.equal(earlier.length, 60);

    const touched = new Set<Node>();
    const observer = new domWindow.MutationObserver((records) => records.forEach((record) => touched.add(record.target as unknown as Node)));
    observer.observe(transcript.element as never, { subtree: true, childList: true, characterData: true, attributes: true });
    const text = 'Some **text** with `code`.\n\n```ts\nconst y = 1;\n```\n\n- a\n- b\n'.repeat(20);
    for (let at = 0; at < text.length; at += 7) {
      transcript.applyDelta('a-new', [{ index: 0, content: text.slice(at, at + 7) }]);
      if (at % 70 === 0) frames.runFrame();
    }
    // The renderer paces its renders by the clock (a slow render waits a little): run frames until it is done.
    for (let frame = 0; frame < 500 && frames.pending > 0; frame++) {
      frames.runFrame();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    observer.takeRecords().forEach((record) => touched.add(record.target as unknown as Node));
    observer.disconnect();

    assert.ok(touched.size > 0);
    for (const node of touched) assert.ok(answer.contains(node), `a delta touched something outside the new answer: ${(node as Element).outerHTML?.slice(0, 80) ?? node.nodeName}`);
    assert.ok(answer.querySelector('.code-block'), `the answer was drawn: ${answer.outerHTML.slice(0, 600)}`);
  });

  it('older entries off screen are not laid out or painted: content-visibility with a remembered size', () => {
    const css = readFileSync(join(REPO, 'media', 'chat.css'), 'utf8');
    const rule = /\.entries\s*>\s*\.entry(?::nth-last-child\(n\s*\+\s*(\d+)\))?\s*\{([^}]*)\}/.exec(css);
    assert.ok(rule, 'a rule for the transcript\'s entries');
    // Each frame of a streaming answer walks every rendered entry: all but the question and its answer are skipped off screen.
    assert.ok(rule[1] === undefined || Number(rule[1]) <= 3, 'all but the newest two entries');
    assert.match(rule[2]!, /content-visibility:\s*auto/);
    assert.match(rule[2]!, /contain-intrinsic-(?:block-)?size:\s*auto\s+\d+px/, 'an off-screen entry keeps its last drawn height');
  });
});
