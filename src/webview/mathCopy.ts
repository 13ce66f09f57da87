// Copying a selection that holds math gives its TeX source, in the delimiters an answer uses
// (`$…$`, `$$…$$`), rather than what Chromium would copy from MathML (the drawn symbols run
// together, without the annotation). The TeX comes from the `<annotation
// encoding="application/x-tex">` KaTeX writes into each expression. A selection without math
// is left to the browser.

import { mathSource } from '../shared/mathDelimiters';

const texAnnotation = 'annotation[encoding="application/x-tex"]';

/** The drawn math element (`span.math`) around `node`, if any. */
function mathAround(node: Node): Element | undefined {
  const element = node instanceof Element ? node : node.parentElement;
  return element?.closest('.math') ?? undefined;
}

function texOf(math: Element): string {
  const tex = math.querySelector(texAnnotation)?.textContent ?? '';
  return mathSource(tex, math.classList.contains('math-display'));
}

const blockTags = new Set(['P', 'DIV', 'LI', 'PRE', 'BLOCKQUOTE', 'TR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'TABLE']);

/** Plain text of copied nodes: TeX for math, a line break after each block, text otherwise. */
function plainText(node: Node, out: string[]): void {
  if (node.nodeType === Node.TEXT_NODE) {
    out.push(node.textContent ?? '');
    return;
  }
  if (!(node instanceof Element) && !(node instanceof DocumentFragment)) return;
  if (node instanceof Element) {
    if (node.matches('.math')) {
      out.push(texOf(node));
      return;
    }
    if (node.tagName === 'BUTTON') return;
    if (node.tagName === 'BR') {
      out.push('\n');
      return;
    }
  }
  for (const child of Array.from(node.childNodes)) plainText(child, out);
  if (node instanceof Element && blockTags.has(node.tagName) && out.at(-1)?.endsWith('\n') === false) out.push('\n');
}

/**
 * The text to copy for `range`, with math as TeX, or undefined when the range holds no math
 * (the browser's own copy is right then). Math cut by either end of the range is taken whole.
 */
export function copiedTextWithTex(range: Range): string | undefined {
  const whole = range.cloneRange();
  const startMath = mathAround(whole.startContainer);
  const endMath = mathAround(whole.endContainer);
  if (startMath) whole.setStartBefore(startMath);
  if (endMath) whole.setEndAfter(endMath);
  const fragment = whole.cloneContents();
  if (!startMath && !endMath && !fragment.querySelector('.math')) return undefined;
  const out: string[] = [];
  plainText(fragment, out);
  return out.join('').replace(/\n+$/, '');
}

/** Puts the TeX of selected math on the clipboard instead of its drawing. */
export function installMathCopy(target: Document = document): void {
  target.addEventListener('copy', (event: ClipboardEvent) => {
    const selection = target.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !event.clipboardData) return;
    const text = copiedTextWithTex(selection.getRangeAt(0));
    if (text === undefined) return;
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
  });
}
