// Which parts of an answer may go through the markdown parser, and which are shown as plain
// text because they would make it slow or blow its stack (thousands of nested quotes or list
// items, megabyte lines, runs of emphasis or link delimiters).
//
// The webview draws an answer segment by segment from this plan, and the host finds "code
// block N" from the same plan (codeBlocks.ts), so both sides always number the same blocks.
// It is one linear pass over the lines; nothing here calls the parser.
//
// An answer is cut into chunks at blank lines outside fenced code. A chunk that breaks a
// limit becomes a plain segment; runs of good chunks are joined into one markdown segment,
// so an answer with nothing wrong is a single markdown segment: exactly what the parser
// would see without this plan.
//
// The limits come from measuring marked 18, DOMPurify and highlight.js (bench/pathologicalBench.ts,
// figures in the branch notes): within them a chunk costs the parser well under 100 ms.

import {
  closesFence, fenceOpener, isBlank, isDelimiter, isEmphasisDelimiter, nestingOf, startsHtml, startsInlineContext, type Fence,
} from './markdownLines';

export const renderLimits = {
  /** Longest line outside fenced code. */
  maxLineChars: 10_000,
  /** Deepest nesting of quotes and list items (leading `>`, list markers, and indentation / 2). */
  maxNesting: 32,
  /** Largest chunk of text outside fenced code (text between two blank lines). */
  maxTextChunkChars: 32 * 1024,
  /**
   * Nesting work of a chunk: the sum over its lines of length × nesting. The parser goes over
   * a nested line once per level (a 32 KB list nested 16 deep took 330 ms to lex).
   */
  maxNestingWork: 150_000,
  /** Most inline delimiters (`*_[]<>!~\&` and backticks) in one chunk outside fenced code. */
  maxDelimiters: 5_000,
  /** Most `*` and `_` in one chunk: emphasis matching is quadratic in them (`_*x`×700: 0.3 s). */
  maxEmphasisDelimiters: 1_000,
  /** Largest fenced code block that is still drawn as a code block (past it: plain text). */
  maxCodeBlockChars: 1024 * 1024,
  /** Largest code block that is syntax highlighted (past it: drawn unhighlighted). */
  maxHighlightChars: 50_000,
  /** Most characters of a plain segment put into the page; the rest is only counted. */
  maxPlainShownChars: 200_000,
} as const;

export type PlainReason = 'nested' | 'long';

export interface RenderSegment {
  kind: 'markdown' | 'plain';
  /** Offsets into the (line-ending normalised) text: [start, end). */
  start: number;
  end: number;
  reason?: PlainReason;
}

/** Line endings as the parser sees them: \r\n and \r become \n. */
export function normalizeLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

class ChunkStats {
  textChars = 0;
  longestLine = 0;
  nesting = 0;
  nestingWork = 0;
  delimiters = 0;
  /** `*` and `_` in the current inline context, and the most in any one context. */
  emphasisRun = 0;
  emphasisDelimiters = 0;
  codeChars = 0;
  /** Set once a limit is broken: the chunk is plain whatever follows, so lines are not examined further. */
  reason: PlainReason | undefined;

  addCode(length: number): void {
    this.codeChars += length;
    if (this.codeChars > renderLimits.maxCodeBlockChars) this.reason ??= 'long';
  }

  addLine(text: string, start: number, end: number, next: number): void {
    this.textChars += next - start;
    const length = end - start;
    if (length > this.longestLine) this.longestLine = length;
    if (this.textChars > renderLimits.maxTextChunkChars || length > renderLimits.maxLineChars) {
      this.reason ??= 'long';
      return;
    }
    const nesting = nestingOf(text, start, end);
    if (nesting > this.nesting) this.nesting = nesting;
    if (nesting > 1) this.nestingWork += length * nesting;
    if (this.nesting > renderLimits.maxNesting || this.nestingWork > renderLimits.maxNestingWork) {
      this.reason ??= 'nested';
      return;
    }
    if (startsInlineContext(text, start, end)) this.emphasisRun = 0;
    for (let at = start; at < end; at++) {
      const code = text.charCodeAt(at);
      if (isDelimiter(code)) {
        this.delimiters++;
        if (isEmphasisDelimiter(code)) this.emphasisRun++;
      }
    }
    if (this.emphasisRun > this.emphasisDelimiters) this.emphasisDelimiters = this.emphasisRun;
    if (this.delimiters > renderLimits.maxDelimiters || this.emphasisDelimiters > renderLimits.maxEmphasisDelimiters) this.reason ??= 'long';
  }
}

/**
 * Where a scan stopped, to go on from there when text is appended: at the start of the last
 * line that had no newline yet (everything before it never changes), with the state there.
 */
interface Settled {
  /** Segments before the chunk in progress. */
  segments: RenderSegment[];
  resumeAt: number;
  chunkStart: number;
  stats: ChunkStats;
  fence: Fence | undefined;
  inHtml: boolean;
  afterBlank: boolean;
}

const startOfText = (): Settled => ({ segments: [], resumeAt: 0, chunkStart: 0, stats: new ChunkStats(), fence: undefined, inHtml: false, afterBlank: false });

const copyStats = (stats: ChunkStats): ChunkStats => Object.assign(new ChunkStats(), stats);

/**
 * Scans `text` from where `from` stopped to its end. Returns the segments of the whole text,
 * what is settled for a later scan, and how many characters were looked at.
 */
function scan(text: string, from: Settled): { segments: RenderSegment[]; settled: Settled; scanned: number } {
  const segments = from.segments.map((segment) => ({ ...segment }));
  const push = (start: number, end: number, reason: PlainReason | undefined): void => {
    if (end <= start) return;
    const last = segments.at(-1);
    if (!reason && last?.kind === 'markdown') {
      last.end = end;
      return;
    }
    segments.push(reason ? { kind: 'plain', start, end, reason } : { kind: 'markdown', start, end });
  };

  let chunkStart = from.chunkStart;
  let stats = copyStats(from.stats);
  let fence = from.fence;
  let inHtml = from.inHtml;
  let afterBlank = from.afterBlank;
  let settled: Settled | undefined;
  const settle = (at: number): Settled => ({
    segments: segments.map((segment) => ({ ...segment })), resumeAt: at, chunkStart, stats: copyStats(stats), fence, inHtml, afterBlank,
  });
  for (let lineStart = from.resumeAt; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    // The last line may still grow: a later scan starts again from here.
    if (newline === -1) settled = settle(lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const next = newline === -1 ? text.length : newline + 1;
    if (fence) {
      stats.addCode(next - lineStart);
      if (closesFence(text, lineStart, lineEnd, fence)) fence = undefined;
      lineStart = next;
      continue;
    }
    if (isBlank(text, lineStart, lineEnd)) {
      inHtml = false;
      afterBlank = true;
      lineStart = next;
      continue;
    }
    if (afterBlank) {
      // A blank line ended the chunk before this line.
      push(chunkStart, lineStart, stats.reason);
      chunkStart = lineStart;
      stats = new ChunkStats();
      afterBlank = false;
    }
    const opener = inHtml ? undefined : fenceOpener(text, lineStart, lineEnd);
    if (opener) fence = opener;
    else if (startsHtml(text, lineStart, lineEnd)) inHtml = true;
    if (stats.reason) stats.textChars += next - lineStart;
    else stats.addLine(text, lineStart, lineEnd, next);
    lineStart = next;
  }
  settled ??= settle(Math.max(from.resumeAt, text.length));
  push(chunkStart, text.length, stats.reason);
  return { segments, settled, scanned: Math.max(0, text.length - from.resumeAt) };
}

/**
 * The segments of `text` (line endings already normalised), in order, covering it exactly.
 * Text with nothing wrong is one markdown segment; empty text has no segments.
 */
export function planMarkdown(text: string): RenderSegment[] {
  return scan(text, startOfText()).segments;
}

/**
 * The same plan for text that only grows (a streamed answer): each call scans only what was
 * appended and the last line before it that had no newline yet, so the cost per call does
 * not grow with the answer.
 */
export class IncrementalPlanner {
  private settled: Settled = startOfText();
  /** Characters the last call looked at (for tests and the benchmark). */
  lastScanned = 0;

  /** `text` must extend the text of the previous call (else call reset() first). */
  plan(text: string): RenderSegment[] {
    if (text.length < this.settled.resumeAt) this.reset();
    const result = scan(text, this.settled);
    this.settled = result.settled;
    this.lastScanned = result.scanned;
    return result.segments;
  }

  reset(): void {
    this.settled = startOfText();
  }
}
