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

import type { Links, Token } from 'marked';
import { lexMarkdown, renderTokensToFragment } from './markdown';

export type FrameRequest = (callback: () => void) => void;

export interface StreamingRendererOptions {
  /** How to wait for the next frame; requestAnimationFrame by default. */
  requestFrame?: FrameRequest;
  /** A clock in ms, for pacing renders of very large open blocks; performance.now by default. */
  now?: () => number;
  /** Called after each render, e.g. to keep the view scrolled to the bottom. */
  onRender?: () => void;
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

function defaultRequestFrame(callback: () => void): void {
  requestAnimationFrame(() => callback());
}

function defaultNow(): number {
  return performance.now();
}

/** Top-level tokens before the second-to-last non-space token: they can no longer change. */
function countFinishedTokens(tokens: Token[]): number {
  let seen = 0;
  for (let index = tokens.length - 1; index >= 0; index--) {
    if (tokens[index]!.type === 'space') continue;
    seen++;
    if (seen === 2) return index;
  }
  return 0;
}

/** Reference definitions found anywhere inside `tokens` (first one wins, as in the lexer). */
function addDefinitions(tokens: readonly Token[], into: Links): void {
  for (const token of tokens) {
    if (token.type === 'def' && !Object.hasOwn(into, token.tag)) {
      into[token.tag] = { href: token.href, title: token.title };
    }
    const nested = token as { tokens?: Token[]; items?: Token[] };
    if (nested.items) addDefinitions(nested.items, into);
    if (nested.tokens) addDefinitions(nested.tokens, into);
  }
}

function sameLinks(a: Links, b: Links): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && a[key]!.href === b[key]!.href && a[key]!.title === b[key]!.title);
}

function sumRawLength(tokens: readonly Token[]): number {
  let length = 0;
  for (const token of tokens) length += token.raw.length;
  return length;
}

export class StreamingRenderer {
  /** The text so far with line endings normalised as marked does (\r\n and \r → \n). */
  private source = '';
  private rawText = '';
  private lastChunkEndedWithCarriageReturn = false;

  private frozenLength = 0;
  private frozenCodeBlocks = 0;
  /** Definitions inside the frozen text: known context when lexing the tail alone. */
  private frozenDefinitions: Links = Object.create(null) as Links;
  /** All definitions in effect when the frozen blocks were rendered. */
  private frozenRenderedWith: Links | undefined;
  private tailNodes: Node[] = [];

  private frameRequested = false;
  private dirty = false;
  private nextRenderAt = 0;
  private disposed = false;

  private readonly requestFrame: FrameRequest;
  private readonly now: () => number;
  private readonly onRender: (() => void) | undefined;

  readonly stats: StreamingRenderStats = { frames: 0, renderedChars: 0, frozenBlocks: 0, fullRerenders: 0 };

  constructor(
    private readonly container: Element,
    options: StreamingRendererOptions = {},
  ) {
    this.requestFrame = options.requestFrame ?? defaultRequestFrame;
    this.now = options.now ?? defaultNow;
    this.onRender = options.onRender;
  }

  /** The text received so far, as received. */
  get text(): string {
    return this.rawText;
  }

  /** Adds streamed text; the DOM catches up on the next frame. */
  append(delta: string): void {
    if (delta === '' || this.disposed) return;
    this.rawText += delta;
    let chunk = delta;
    // A \r\n split across two deltas: the \r already became \n.
    if (this.lastChunkEndedWithCarriageReturn && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.lastChunkEndedWithCarriageReturn = delta.endsWith('\r');
    this.source += chunk.replace(/\r\n?/g, '\n');
    this.dirty = true;
    this.scheduleFrame();
  }

  /** Brings the view to `text`: appends when it extends what is shown, else starts over. */
  setText(text: string): void {
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

  private scheduleFrame(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    this.requestFrame(() => {
      this.frameRequested = false;
      if (!this.dirty || this.disposed) return;
      if (this.now() < this.nextRenderAt) {
        this.scheduleFrame();
        return;
      }
      this.render();
    });
  }

  private resetState(): void {
    this.source = '';
    this.rawText = '';
    this.lastChunkEndedWithCarriageReturn = false;
    this.forgetFrozen();
  }

  private forgetFrozen(): void {
    this.frozenLength = 0;
    this.frozenCodeBlocks = 0;
    this.frozenDefinitions = Object.create(null) as Links;
    this.frozenRenderedWith = undefined;
    this.tailNodes = [];
  }

  private render(): void {
    const started = this.now();
    this.dirty = false;
    this.stats.frames++;

    let tail = this.source.slice(this.frozenLength);
    let { tokens, links } = lexMarkdown(tail, this.frozenDefinitions);
    if (this.frozenLength > 0 && this.frozenRenderedWith && !sameLinks(links, this.frozenRenderedWith)) {
      // A definition appeared or changed: frozen blocks may reference it. Start over.
      this.stats.fullRerenders++;
      this.forgetFrozen();
      this.container.replaceChildren();
      tail = this.source;
      ({ tokens, links } = lexMarkdown(tail));
    }

    let finished = countFinishedTokens(tokens);
    const finishedLength = sumRawLength(tokens.slice(0, finished));
    // Tokens' raw text must cover the tail exactly for offsets to stay right; if a lexer
    // quirk ever breaks that, keep everything open rather than freeze at a wrong offset.
    if (finished > 0 && tail.slice(0, finishedLength) !== tokens.slice(0, finished).map((token) => token.raw).join('')) {
      finished = 0;
    }

    for (const node of this.tailNodes) node.parentNode?.removeChild(node);
    this.tailNodes = [];

    if (finished > 0) {
      const finishedTokens = tokens.slice(0, finished);
      const { fragment, codeBlockCount } = renderTokensToFragment(finishedTokens, this.frozenCodeBlocks);
      this.container.appendChild(fragment);
      this.frozenLength += finishedLength;
      this.frozenCodeBlocks += codeBlockCount;
      addDefinitions(finishedTokens, this.frozenDefinitions);
      this.stats.frozenBlocks += finishedTokens.filter((token) => token.type !== 'space').length;
      this.stats.renderedChars += finishedLength;
    }
    this.frozenRenderedWith = { ...links };

    const openTokens = tokens.slice(finished);
    const { fragment } = renderTokensToFragment(openTokens, this.frozenCodeBlocks);
    this.tailNodes = Array.from(fragment.childNodes);
    this.container.appendChild(fragment);
    this.stats.renderedChars += tail.length - finishedLength;

    this.nextRenderAt = this.now() + (this.now() - started) * renderPacingFactor;
    this.onRender?.();
  }
}
