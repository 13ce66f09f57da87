import { ManualFrames } from './setupDom';
import * as assert from 'node:assert/strict';
import type { AssistantEntry, Conversation, Entry, UserEntry } from '../../../src/shared/conversation';
import type { WebviewMessage } from '../../../src/shared/protocol';
import { AssistantEntryView } from '../../../src/webview/assistantEntry';
import type { DeferredScheduling, IdleDeadlineLike, NearViewportWatcher } from '../../../src/webview/deferredEntries';
import { Transcript } from '../../../src/webview/transcript';
import { renderUserEntry } from '../../../src/webview/userEntry';

// Opening a long conversation draws the newest entries at once and the older answers later
// (near the viewport, when touched, or in idle time): what is drawn when, counted, never timed.

/** Idle callbacks and the near-viewport watcher, run by hand. */
class ManualScheduling implements DeferredScheduling {
  private callbacks: ((deadline: IdleDeadlineLike) => void)[] = [];
  readonly watched = new Set<Element>();
  private near: ((targets: Element[]) => void) | undefined;

  readonly idle = (callback: (deadline: IdleDeadlineLike) => void): void => {
    this.callbacks.push(callback);
  };

  readonly watch = (_root: Element, near: (targets: Element[]) => void): NearViewportWatcher => {
    this.near = near;
    return {
      observe: (target) => this.watched.add(target),
      unobserve: (target) => this.watched.delete(target),
      disconnect: () => this.watched.clear(),
    };
  };

  get idleWaiting(): number {
    return this.callbacks.length;
  }

  /** One idle period in which `checks` calls of timeRemaining() find time left. */
  runIdle(checks = 0): void {
    const callbacks = this.callbacks;
    this.callbacks = [];
    for (const callback of callbacks) {
      let left = checks;
      callback({ timeRemaining: () => (left-- > 0 ? 10 : 0) });
    }
  }

  bringNear(target: Element): void {
    assert.ok(this.watched.has(target), 'the placeholder is watched');
    this.near?.([target]);
  }
}

const user = (index: number): UserEntry => ({ id: `q${index}`, role: 'user', text: `Question ${index}?`, createdAt: index });

/** Long prose, few elements: a handful of answers fill the panel (and happy-dom stays quick). */
const prose = 'The handler mixes parsing and I/O; keep the parsing pure so it can be tested on its own. '.repeat(16);

function answerText(index: number): string {
  return [
    `## Answer ${index}`,
    `Split \`parse${index}\` from the I/O, see [docs](https://example.com/${index}). ${prose}`,
    '```ts\n' + `export function parse${index}(input: string): number {\n  return input.length + ${index};\n}\n` + '```',
    `| a | b |\n|---|---|\n| ${index} | x |`,
    '```sh\nnpm test\n```',
  ].join('\n\n');
}

const answer = (index: number, content = answerText(index)): AssistantEntry => ({
  id: `a${index}`, role: 'assistant', candidates: [{ content, finishReason: 'stop' }], chosen: 0, status: 'done', model: 'm', createdAt: index,
});

function longConversation(messages: number): Conversation {
  const entries: Entry[] = [];
  for (let index = 0; index < messages; index++) entries.push(index % 2 === 0 ? user(index) : answer(index));
  return { id: 'c', title: 't', model: 'm', entries, createdAt: 1, updatedAt: 1 };
}

function setup() {
  const scheduling = new ManualScheduling();
  const posted: WebviewMessage[] = [];
  const frames = new ManualFrames();
  const transcript = new Transcript((message) => posted.push(message), { requestFrame: frames.request, now: frames.now }, undefined, scheduling);
  document.body.replaceChildren(transcript.element);
  const articles = () => Array.from(transcript.element.querySelectorAll<HTMLElement>('article.entry'));
  const drawnAnswers = () => articles().filter((article) => article.matches('.assistant:not(.entry-pending)'));
  return { scheduling, posted, frames, transcript, articles, drawnAnswers };
}

/** The entries drawn the way the transcript drew them before any was deferred: all at once. */
function drawnAllAtOnce(entries: readonly Entry[]): string {
  const lastAnswer = [...entries].reverse().find((entry) => entry.role === 'assistant');
  return entries
    .map((entry) => {
      // Every question has its Edit button (issue 11).
      if (entry.role === 'user') return renderUserEntry(entry, () => undefined).outerHTML;
      const view = new AssistantEntryView(entry, { post: () => undefined, contentChanged: () => undefined });
      view.setIsLast(entry === lastAnswer);
      return view.element.outerHTML;
    })
    .join('');
}

describe('opening a long conversation (webview)', () => {
  it('draws only the newest entries at once and the older answers in idle time, nearest to the bottom first', () => {
    const { scheduling, transcript, articles, drawnAnswers } = setup();
    const conversation = longConversation(500);
    transcript.setConversation(conversation);

    assert.equal(articles().length, 500, 'every entry has its place from the start');
    const atOnce = drawnAnswers().length;
    assert.ok(atOnce >= 2 && atOnce <= 10, `only the newest answers are drawn at once (${atOnce} of 250)`);
    assert.equal(transcript.element.querySelectorAll('.code-block').length, atOnce * 2, 'markdown and code of the others wait');
    assert.equal(transcript.pendingCount, 250 - atOnce);
    const lastAnswer = articles().at(-1)!;
    assert.ok(lastAnswer.querySelector('.answer-actions'), 'the last answer is drawn with its actions');
    // A placeholder holds its answer's words: find in page and a selection see them.
    const oldest = articles()[1]!;
    assert.ok(oldest.classList.contains('entry-pending'));
    assert.ok(oldest.textContent!.includes('export function parse1(input: string)'));
    assert.equal(oldest.querySelector('a, button, code'), null, 'a placeholder is plain text, no markup from the answer');

    // One idle period draws the waiting answer nearest to the bottom first.
    const newestWaiting = articles().filter((article) => article.classList.contains('entry-pending')).at(-1)!.dataset.entryId;
    scheduling.runIdle(0);
    assert.equal(transcript.pendingCount, 250 - atOnce - 1);
    assert.ok(!articles().find((article) => article.dataset.entryId === newestWaiting)!.classList.contains('entry-pending'));

    // A longer idle period draws several.
    scheduling.runIdle(5);
    assert.equal(transcript.pendingCount, 250 - atOnce - 1 - 6);
  });

  it('idle time goes on until every answer is drawn, exactly as if all had been drawn at once', () => {
    const { scheduling, transcript } = setup();
    const conversation = longConversation(40);
    transcript.setConversation(conversation);
    assert.ok(transcript.pendingCount >= 10);
    for (let period = 0; period < 100 && scheduling.idleWaiting > 0; period++) scheduling.runIdle(5);
    assert.equal(transcript.pendingCount, 0);
    assert.equal(scheduling.idleWaiting, 0, 'nothing left to do in idle time');
    assert.equal(transcript.element.querySelector('.entries')!.innerHTML, drawnAllAtOnce(conversation.entries));
  });

  it('a short conversation is drawn at once', () => {
    const { scheduling, transcript } = setup();
    transcript.setConversation(longConversation(6));
    assert.equal(transcript.pendingCount, 0);
    assert.equal(scheduling.idleWaiting, 0);
  });

  it('an answer coming near the viewport is drawn at once, before idle time', () => {
    const { scheduling, transcript, articles } = setup();
    transcript.setConversation(longConversation(60));
    const target = articles()[41]!;
    assert.equal(target.dataset.entryId, 'a41');
    scheduling.bringNear(target);
    const drawn = articles()[41]!;
    assert.ok(!drawn.classList.contains('entry-pending'));
    assert.ok(drawn.querySelector('.code-block[data-block="1"] button[data-action="copy"]'), 'its code blocks are numbered and have their buttons');
    assert.ok(articles()[39]!.classList.contains('entry-pending'), 'its neighbours still wait');
    assert.ok(!scheduling.watched.has(target), 'no longer watched');
  });

  it('a code block action works on an answer drawn later, numbered as the host numbers it', () => {
    const { scheduling, transcript, articles, posted } = setup();
    transcript.setConversation(longConversation(60));
    scheduling.bringNear(articles()[3]!);
    const button = articles()[3]!.querySelector('.code-block[data-block="1"] button[data-action="insert"]')!;
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    assert.deepEqual(posted, [{ type: 'codeAction', action: 'insert', entryId: 'a3', block: 1 }]);
  });

  it('an update or a delta for an answer not drawn yet draws it first', () => {
    const { transcript, articles } = setup();
    transcript.setConversation(longConversation(60));
    transcript.updateEntry({ ...answer(5), candidates: [{ content: 'Rewritten **now**', finishReason: 'stop' }] });
    const updated = articles()[5]!;
    assert.ok(!updated.classList.contains('entry-pending'));
    assert.equal(updated.querySelector('.markdown-body strong')?.textContent, 'now');
    assert.equal(articles().filter((article) => article.dataset.entryId === 'a5').length, 1, 'replaced, not added');

    transcript.applyDelta('a7', [{ index: 0, content: ' more' }]);
    assert.ok(!articles()[7]!.classList.contains('entry-pending'));
  });

  it('hidden characters in a placeholder are marked as in a drawn answer', () => {
    const { transcript, articles } = setup();
    const conversation = longConversation(60);
    conversation.entries[1] = answer(1, 'safe \u202Eevil');
    transcript.setConversation(conversation);
    const placeholder = articles()[1]!;
    assert.ok(placeholder.classList.contains('entry-pending'));
    assert.equal(placeholder.querySelector('.hidden-char')?.getAttribute('data-code-point'), 'U+202E');
  });

  it('stays at the bottom on opening and while older answers are drawn above', () => {
    const { scheduling, transcript, drawnAnswers } = setup();
    const scroller = transcript.element;
    let top = 0;
    const height = () => 2000 + 100 * drawnAnswers().length;
    Object.defineProperty(scroller, 'clientHeight', { get: () => 500 });
    Object.defineProperty(scroller, 'scrollHeight', { get: height });
    Object.defineProperty(scroller, 'scrollTop', {
      get: () => top,
      set: (value: number) => {
        top = Math.max(0, Math.min(value, height() - 500));
        scroller.dispatchEvent(new Event('scroll'));
      },
    });
    transcript.setConversation(longConversation(60));
    assert.equal(top, height() - 500);
    // Drawn above: the page grew before anyone scrolled; the browser reports a scroll.
    scheduling.runIdle(3);
    scroller.dispatchEvent(new Event('scroll'));
    assert.equal(top, height() - 500, 'still at the bottom');
  });

  it('a new conversation drops the old one\'s waiting answers', () => {
    const { scheduling, transcript, articles } = setup();
    transcript.setConversation(longConversation(60));
    transcript.setConversation(longConversation(4));
    scheduling.runIdle(100);
    assert.equal(articles().length, 4);
    assert.equal(transcript.pendingCount, 0);
  });
});
