// Highlights a search's terms in drawn text: each match is wrapped in a <mark> around a text
// node's own characters, so nothing from the text ever becomes markup; clearing puts the text
// nodes back as they were.

import { matchRanges, type MatchRange } from '../shared/textSearch';

const MARK_CLASS = 'search-hit';
/** Marks at most this many matches (a term like "e" in a long conversation). */
const MAX_MARKS = 2000;

/** Elements whose text is not searched text (buttons' labels, icons, code block toolbars). */
const SKIPPED = 'mark, button, script, style, .codicon, .code-block-actions';

/** `text` with its matches of `ranges` as <mark> elements, as a fragment of text nodes and marks. */
export function markedText(text: string, ranges: readonly MatchRange[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const range of ranges) {
    if (range.start < at || range.end > text.length || range.end <= range.start) continue;
    if (range.start > at) fragment.append(text.slice(at, range.start));
    const mark = document.createElement('mark');
    mark.className = MARK_CLASS;
    mark.textContent = text.slice(range.start, range.end);
    fragment.append(mark);
    at = range.end;
  }
  if (at < text.length) fragment.append(text.slice(at));
  return fragment;
}

/** Wraps every match of `terms` (folded, from searchTerms) in the text under `root`; how many. */
export function markTerms(root: Element, terms: readonly string[]): number {
  if (terms.length === 0) return 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    if (text.data.trim() && !text.parentElement?.closest(SKIPPED)) nodes.push(text);
  }
  let count = 0;
  for (const node of nodes) {
    if (count >= MAX_MARKS) break;
    const ranges = matchRanges(node.data, terms, MAX_MARKS - count);
    if (ranges.length === 0) continue;
    count += ranges.length;
    node.replaceWith(markedText(node.data, ranges));
  }
  return count;
}

/** Removes every highlight under `root`, leaving the text exactly as before. */
export function clearMarks(root: Element): void {
  const parents = new Set<Node>();
  for (const mark of root.querySelectorAll(`mark.${MARK_CLASS}`)) {
    if (mark.parentNode) parents.add(mark.parentNode);
    mark.replaceWith(mark.textContent ?? '');
  }
  for (const parent of parents) parent.normalize();
}

export function hasMarks(root: Element): boolean {
  return root.querySelector(`mark.${MARK_CLASS}`) !== null;
}
