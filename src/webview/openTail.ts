// The open tail of a streaming markdown answer (streamingRenderer.ts): its top-level blocks as
// drawn by the last render, so the next render can leave in the page those whose text did not
// change and draw only the rest.
//
// Why: the tail holds the last two blocks, and usually only the last one grows. Replacing the
// one before it too (a whole code block with its highlighting, a table) every frame made the
// browser build, style, lay out and paint that block again each frame for nothing: the cost of
// a frame followed the size of the previous block, not the text that arrived.
//
// A block is kept only when it starts at the same place, has the same text (a top-level token's
// raw text decides how it is drawn), the same first code block number and the same link
// definitions in effect; the first block that differs and everything after it are drawn again.

import type { Links, Token } from 'marked';
import { sameLinks } from './streamingTokens';

interface TailBlock {
  /** Where the block starts in the answer's source. */
  start: number;
  raw: string;
  firstCodeBlock: number;
  codeBlocks: number;
  nodes: Node[];
}

export class OpenTail {
  private blocks: TailBlock[] = [];
  private drawnWith: Links | undefined;

  /**
   * Compares `tokens` (the open segment's text from `start`, its first code block numbered
   * `firstCodeBlock`) with the blocks in the page: keeps the leading ones that match and
   * removes the rest from the page. Returns how many of the tokens passed are still in the
   * page, from the first (their code blocks: `codeBlocksIn`).
   */
  keep(tokens: readonly Token[], start: number, firstCodeBlock: number, links: Links): number {
    let count = 0;
    let codeBlocks = 0;
    let at = start;
    if (this.drawnWith && sameLinks(links, this.drawnWith)) {
      while (count < tokens.length && count < this.blocks.length) {
        const block = this.blocks[count]!;
        const token = tokens[count]!;
        if (block.start !== at || block.raw !== token.raw || block.firstCodeBlock !== firstCodeBlock + codeBlocks) break;
        at += token.raw.length;
        codeBlocks += block.codeBlocks;
        count++;
      }
    }
    for (const block of this.blocks.splice(count)) for (const node of block.nodes) node.parentNode?.removeChild(node);
    this.drawnWith = { ...links };
    return count;
  }

  /**
   * Code blocks in the first `count` tracked blocks. The renderer asks twice a render: for the
   * kept blocks it freezes, then (after `freeze`) for those that stay open, to number the code
   * blocks it draws after each part; `keep` cannot tell it those counts, it does not know the split.
   */
  codeBlocksIn(count: number): number {
    return this.blocks.slice(0, count).reduce((sum, block) => sum + block.codeBlocks, 0);
  }

  /** The first `count` blocks are finished (frozen): they stay in the page, no longer tracked. */
  freeze(count: number): void {
    this.blocks.splice(0, count);
  }

  /** A block just drawn at the end of the page, still open. */
  add(start: number, raw: string, firstCodeBlock: number, codeBlocks: number, nodes: Node[]): void {
    this.blocks.push({ start, raw, firstCodeBlock, codeBlocks, nodes });
  }

  /** Removes the tracked blocks from the page. */
  remove(): void {
    this.keep([], 0, 0, {} as Links);
    this.drawnWith = undefined;
  }

  /** Stops tracking (the page was cleared or the blocks became frozen). */
  forget(): void {
    this.blocks = [];
    this.drawnWith = undefined;
  }
}
