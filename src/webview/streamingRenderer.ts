// Renders a markdown answer while it streams, at a cost per frame that does not grow with
// the answer: deltas are only collected until the next animation frame; finished top-level
// blocks become frozen DOM that is never rendered again; each frame re-lexes and re-renders
// only the open tail (the last two top-level blocks and what follows them).
//
// Why the last *two* blocks stay open: a block's extent can depend on how the next block
// begins (`para\n#` is a paragraph plus an empty heading until `#x` turns it into one
// paragraph; a table's delimiter row followed by `x` on the same line is no table). Once a
// third block has begun, the second-to-last one's text is complete, so nothing after it can
// change where the blocks before it end.
//
// Link reference definitions apply to the whole text (`[a]` early, `[a]: url` later), so the
// frozen blocks remember the definitions they were rendered with; if the set in effect
// changes, everything is rendered again from scratch (rare: few answers define references).
//
// Parts the parser cannot handle are drawn as plain text, following the same render plan as
// a one-shot render (src/shared/renderPlan.ts): the answer is a list of segments, and every
// segment but the last is complete, drawn once and frozen. Only the last segment is open. If
// a new plan ever disagrees with what was frozen, everything is drawn again from scratch.

import type { Links, Token } from 'marked';
import { IncrementalPlanner, type RenderSegment } from '../shared/renderPlan';
import { renderTokensToFragment, tryLexMarkdown } from './markdown';
import { renderPlainText } from './plainFallback';
import { addDefinitions, countFinishedTokens, sameLinks, sumRawLength } from './streamingTokens';
import { OpenTail } from './openTail';

export type FrameRequest = (callback: () => void) => void;
/** Calls back after `ms` (a timer). */
export type Wait = (callback: () => void, ms: number) => void;

/** When streamed text is drawn: frames, and the clock renders are paced by (tests drive both). */
export interface RenderTiming {
  requestFrame?: FrameRequest;
  now?: () => number;
}

/**
 * Told how many characters of the answer each step looked at: `compare` when text is matched
 * against what is shown, `plan` for the render plan, `lex` for the open tail the parser reads
 * again, `write` for text put into the page. Tests use it to prove the work per delta does not
 * grow with the answer.
 */
export type WorkMeter = (kind: 'compare' | 'plan' | 'lex' | 'write', chars: number) => void;

export interface StreamingRendererOptions {
  /** How to wait for the next frame; requestAnimationFrame by default. */
  requestFrame?: FrameRequest;
  /** A clock in ms, for pacing renders of very large open blocks; performance.now by default. */
  now?: () => number;
  /** How a paced render waits until it is due: a timer (setTimeout) by default. */
  wait?: Wait;
  /** Called after each render, e.g. to keep the view scrolled to the bottom. */
  onRender?: () => void;
  meter?: WorkMeter;
}

/** What the renderer did, for tests and the benchmark. */
export interface StreamingRenderStats {
  frames: number;
  /** Characters of source rendered in total (frozen once + tails every frame). */
  renderedChars: number;
  frozenBlocks: number;
  fullRerenders: number;
}

/**
 * After a render took d ms, wait until d × this has passed before the next one, so a huge
 * open block (a 3000-line code fence) cannot take more than ~1/(1+this) of the main thread.
 */
const renderPacingFactor = 3;
/**
 * …but only when d is more than this: a render that leaves most of a frame free is followed by
 * the next frame's. Pacing every render skipped a frame whenever one took over ~4 ms (its
 * forced layout included), which on a busy machine added a frame or two of latency to text
 * that was already there, for no gain.
 */
const unpacedRenderMs = 8;
/**
 * Text that arrives when nothing was drawn for a frame's time is drawn at once, in the
 * message's task, if the last render took at most this: it is then in the page when the next
 * frame begins, instead of waiting for that frame to draw it. Text that arrives sooner after a
 * render waits for the next frame, so there is still at most one render per frame.
 */
const immediateRenderMs = 4;
/**
 * A frame's time at 60 Hz. "Drawn within the last frame" is told by the clock, not by asking for
 * the next frame to clear a flag: each frame asked for makes the browser produce one, and a
 * render inside a frame callback then cost an empty frame after it (measured in a real VS Code:
 * about as many empty frames as renders while an answer streamed, each with its pre-paint and
 * commit on the workbench's main thread).
 */
const frameMs = 16;

function defaultRequestFrame(callback: () => void): void {
  requestAnimationFrame(() => callback());
}

function defaultNow(): number {
  return performance.now();
}

function defaultWait(callback: () => void, ms: number): void {
  setTimeout(callback, ms);
}

export class StreamingRenderer {
  /** The text so far with line endings normalised as marked does (\r\n and \r → \n). */
  private source = '';
  private rawText = '';
  private lastChunkEndedWithCarriageReturn = false;

  private readonly planner = new IncrementalPlanner();
  /** Segments before the open one: complete, drawn, never drawn again. */
  private doneSegments: RenderSegment[] = [];
  private doneCodeBlocks = 0;
  /** Where the open markdown segment starts, or -1 when the open segment is not markdown. */
  private openStart = -1;
  /** Absolute offset up to which the open markdown segment's blocks are frozen. */
  private frozenLength = 0;
  private frozenCodeBlocks = 0;
  /** Definitions inside the frozen text: known context when lexing the tail alone. */
  private frozenDefinitions: Links = Object.create(null) as Links;
  /** All definitions in effect when the frozen blocks were rendered. */
  private frozenRenderedWith: Links | undefined;
  /** The open segment's drawing when it is plain text (or markdown the parser failed on). */
  private tailNodes: Node[] = [];
  /** The open markdown segment's blocks as last drawn. */
  private readonly openTail = new OpenTail();

  private frameRequested = false;
  private dirty = false;
  private nextRenderAt = 0;
  private disposed = false;
  /** When the last render began (its clock): the next within a frame's time waits for a frame. */
  private lastRenderAt = Number.NEGATIVE_INFINITY;
  /** How long the last render took (its forced layout included), in ms. */
  private lastRenderMs = 0;

  private readonly requestFrame: FrameRequest;
  private readonly now: () => number;
  private readonly wait: Wait;
  private readonly onRender: (() => void) | undefined;
  private readonly meter: WorkMeter | undefined;

  readonly stats: StreamingRenderStats = { frames: 0, renderedChars: 0, frozenBlocks: 0, fullRerenders: 0 };

  constructor(
    private readonly container: Element,
    options: StreamingRendererOptions = {},
  ) {
    this.requestFrame = options.requestFrame ?? defaultRequestFrame;
    this.now = options.now ?? defaultNow;
    this.wait = options.wait ?? defaultWait;
    this.onRender = options.onRender;
    this.meter = options.meter;
  }

  /** The text received so far, as received. */
  get text(): string {
    return this.rawText;
  }

  /**
   * Adds streamed text: drawn at once when nothing was drawn since the last frame began and
   * the last render was cheap, else on the next frame (with whatever else arrives by then).
   */
  append(delta: string): void {
    if (!this.take(delta)) return;
    if (this.mayRenderNow()) this.render();
    else this.scheduleFrame();
  }

  /** Adds the text to the source; false when there was nothing to add. */
  private take(delta: string): boolean {
    if (delta === '' || this.disposed) return false;
    this.rawText += delta;
    let chunk = delta;
    // A \r\n split across two deltas: the \r already became \n.
    if (this.lastChunkEndedWithCarriageReturn && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.lastChunkEndedWithCarriageReturn = delta.endsWith('\r');
    this.source += chunk.replace(/\r\n?/g, '\n');
    this.dirty = true;
    return true;
  }

  private mayRenderNow(): boolean {
    const now = this.now();
    return !this.frameRequested && now - this.lastRenderAt >= frameMs && this.lastRenderMs <= immediateRenderMs && now >= this.nextRenderAt;
  }

  /** Brings the view to `text`: appends when it extends what is shown, else starts over. */
  setText(text: string): void {
    // Whole-text work: for a snapshot of the answer, never per streamed delta (use append).
    this.meter?.('compare', this.rawText.length);
    if (text.startsWith(this.rawText)) {
      this.append(text.slice(this.rawText.length));
      return;
    }
    this.resetState();
    this.container.replaceChildren();
    this.append(text);
  }

  /** Renders pending text now (e.g. when the answer finished), without waiting for a frame. */
  flush(): void {
    if (this.dirty && !this.disposed) this.render();
  }

  /** Stops rendering; the DOM stays as it is. */
  dispose(): void {
    this.disposed = true;
  }

  /**
   * Draws pending text in a coming frame: the next one, or the first after a paced render is due
   * (waited for with a timer: asking frame after frame until then made the browser produce
   * each of those frames, with nothing to draw in them).
   */
  private scheduleFrame(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    const early = this.nextRenderAt - this.now();
    if (early > 0) this.wait(() => this.requestFrame(() => this.onFrame()), early);
    else this.requestFrame(() => this.onFrame());
  }

  private onFrame(): void {
    this.frameRequested = false;
    if (!this.dirty || this.disposed) return;
    if (this.now() < this.nextRenderAt) {
      this.scheduleFrame();
      return;
    }
    this.render();
  }

  private resetState(): void {
    this.source = '';
    this.rawText = '';
    this.lastChunkEndedWithCarriageReturn = false;
    this.planner.reset();
    this.forgetFrozen();
  }

  private forgetFrozen(): void {
    this.doneSegments = [];
    this.doneCodeBlocks = 0;
    this.openStart = -1;
    this.tailNodes = [];
    this.openTail.forget();
  }

  /** Whether `plan` still agrees with the segments and blocks already frozen. */
  private planHolds(plan: readonly RenderSegment[]): boolean {
    const done = this.doneSegments;
    if (plan.length < done.length) return false;
    for (let index = 0; index < done.length; index++) {
      const was = done[index]!;
      const now = plan[index]!;
      if (was.kind !== now.kind || was.start !== now.start || was.end !== now.end) return false;
    }
    if (this.openStart < 0) return true;
    const open = plan[done.length];
    return open !== undefined && open.kind === 'markdown' && open.start === this.openStart && open.end >= this.frozenLength;
  }

  /** Never throws: a failure past the per-block fallbacks shows the whole text as plain text. */
  private render(): void {
    const started = this.now();
    this.lastRenderAt = started;
    this.dirty = false;
    this.stats.frames++;
    try {
      this.renderPlan();
    } catch {
      this.forgetFrozen();
      this.container.replaceChildren(renderPlainText(this.source, 'error'));
    }
    // After onRender: it keeps the view scrolled, which makes the browser lay out what was
    // just inserted, so the pacing counts layout too (a huge plain part costs more there).
    this.onRender?.();
    const ended = this.now();
    const took = ended - started;
    this.lastRenderMs = took;
    this.nextRenderAt = took > unpacedRenderMs ? ended + took * renderPacingFactor : 0;
  }

  private renderPlan(): void {
    const plan = this.planner.plan(this.source);
    this.meter?.('plan', this.planner.lastScanned);
    if (!this.planHolds(plan)) this.startOver();
    for (const node of this.tailNodes) node.parentNode?.removeChild(node);
    this.tailNodes = [];
    for (let index = this.doneSegments.length; index < plan.length; index++) {
      const segment = plan[index]!;
      const complete = index < plan.length - 1;
      if (segment.kind === 'plain') {
        const node = renderPlainText(this.source.slice(segment.start, segment.end), segment.reason ?? 'long');
        this.container.appendChild(node);
        this.stats.renderedChars += segment.end - segment.start;
        if (complete) this.doneSegments.push(segment);
        else this.tailNodes = [node];
        continue;
      }
      if (this.openStart !== segment.start) this.openMarkdown(segment.start);
      if (!this.renderMarkdown(segment.end, complete)) {
        // A link definition appeared or changed: frozen blocks may reference it. Start over.
        this.startOver();
        index = -1;
        continue;
      }
      if (complete) {
        this.doneSegments.push(segment);
        this.doneCodeBlocks = this.frozenCodeBlocks;
        this.openStart = -1;
      }
    }
  }

  private startOver(): void {
    this.stats.fullRerenders++;
    this.forgetFrozen();
    this.container.replaceChildren();
  }

  private openMarkdown(start: number): void {
    this.openStart = start;
    this.frozenLength = start;
    this.frozenCodeBlocks = this.doneCodeBlocks;
    this.frozenDefinitions = Object.create(null) as Links;
    this.frozenRenderedWith = undefined;
  }

  /**
   * Draws the open markdown segment up to `end`: freezes its finished blocks (all of them
   * when the segment is `complete`) and draws the rest as the tail, leaving in the page the
   * tail's blocks that did not change since the last render (openTail.ts). False when the link
   * definitions in effect changed since blocks were frozen (the caller starts over).
   */
  private renderMarkdown(end: number, complete: boolean): boolean {
    const tail = this.source.slice(this.frozenLength, end);
    this.meter?.('lex', tail.length);
    const lexed = tryLexMarkdown(tail, this.frozenDefinitions);
    if (!lexed) {
      // The parser failed on this text: show it as it is (its blocks get no numbers, as on the host).
      this.openTail.remove();
      const node = renderPlainText(tail, 'error');
      this.container.appendChild(node);
      if (!complete) this.tailNodes = [node];
      return true;
    }
    const { tokens, links } = lexed;
    if (this.frozenLength > this.openStart && this.frozenRenderedWith && !sameLinks(links, this.frozenRenderedWith)) return false;

    let finished = complete ? tokens.length : countFinishedTokens(tokens);
    const finishedLength = sumRawLength(tokens.slice(0, finished));
    // Tokens' raw text must cover the tail exactly for offsets to stay right; if a lexer
    // quirk ever breaks that, keep everything open rather than freeze at a wrong offset.
    if (finished > 0 && tail.slice(0, finishedLength) !== tokens.slice(0, finished).map((token) => token.raw).join('')) {
      finished = 0;
    }
    const kept = this.openTail.keep(tokens, this.frozenLength, this.frozenCodeBlocks, links);
    this.freezeTokens(tokens.slice(0, finished), Math.min(kept, finished));
    this.frozenRenderedWith = { ...links };
    this.drawOpenTokens(tokens.slice(finished), Math.max(0, kept - finished), complete);
    return true;
  }

  /** Freezes `tokens` (the first `kept` of them are in the page already): they are never drawn again. */
  private freezeTokens(tokens: Token[], kept: number): void {
    if (tokens.length === 0) return;
    let codeBlocks = this.openTail.codeBlocksIn(kept);
    this.openTail.freeze(kept);
    const drawn = tokens.slice(kept);
    if (drawn.length > 0) {
      const { fragment, codeBlockCount } = renderTokensToFragment(drawn, this.frozenCodeBlocks + codeBlocks);
      this.container.appendChild(fragment);
      codeBlocks += codeBlockCount;
      this.stats.renderedChars += sumRawLength(drawn);
    }
    this.frozenLength += sumRawLength(tokens);
    this.frozenCodeBlocks += codeBlocks;
    addDefinitions(tokens, this.frozenDefinitions);
    this.stats.frozenBlocks += tokens.filter((token) => token.type !== 'space').length;
  }

  /**
   * Draws the open `tokens` after the first `kept` (in the page already), one block at a time
   * so the next render can keep those that do not change. A `complete` segment's open tokens
   * (its raw text did not cover it) are drawn once and frozen.
   */
  private drawOpenTokens(tokens: Token[], kept: number, complete: boolean): void {
    let start = this.frozenLength + sumRawLength(tokens.slice(0, kept));
    let codeBlock = this.frozenCodeBlocks + this.openTail.codeBlocksIn(kept);
    for (const token of tokens.slice(kept)) {
      const { fragment, codeBlockCount } = renderTokensToFragment([token], codeBlock);
      this.openTail.add(start, token.raw, codeBlock, codeBlockCount, Array.from(fragment.childNodes));
      this.container.appendChild(fragment);
      this.stats.renderedChars += token.raw.length;
      start += token.raw.length;
      codeBlock += codeBlockCount;
    }
    if (!complete) return;
    this.frozenCodeBlocks = codeBlock;
    this.openTail.forget();
  }
}
