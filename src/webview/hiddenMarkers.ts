// Makes hidden characters visible (src/shared/hiddenCharacters.ts): each one is wrapped in a
// small badge showing its code point, e.g. ⟨U+202E⟩. The character itself stays in the page,
// inside the badge, so selecting and copying text still copies exactly what the model sent;
// the label is drawn by CSS (::before, from data-code-point), which a copy does not include.
// The badge isolates its content (unicode-bidi: isolate), so a bidi control inside it cannot
// reorder the text around it.

import { describeHiddenCharacter, findHiddenCharacters, codePointLabel } from '../shared/hiddenCharacters';
import { t } from '../shared/l10n';

function badge(character: string, codePoint: number, description: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'hidden-char';
  span.setAttribute('data-code-point', codePointLabel(codePoint));
  span.setAttribute('title', t('Hidden character {0}', description));
  span.setAttribute('role', 'img');
  span.setAttribute('aria-label', t('hidden character {0}', codePointLabel(codePoint)));
  span.textContent = character;
  return span;
}

function markTextNode(node: Text): void {
  const text = node.data;
  const found = findHiddenCharacters(text);
  if (found.length === 0) return;
  const parts: Node[] = [];
  let at = 0;
  for (const hidden of found) {
    if (hidden.index > at) parts.push(document.createTextNode(text.slice(at, hidden.index)));
    parts.push(badge(text.slice(hidden.index, hidden.index + hidden.length), hidden.codePoint, describeHiddenCharacter(hidden)));
    at = hidden.index + hidden.length;
  }
  if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
  node.replaceWith(...parts);
}

/** Wraps every hidden character in the text below `root` in a visible badge. Linear in the text. */
export function markHiddenCharacters(root: Node): void {
  if (findHiddenCharacters(root.textContent ?? '').length === 0) return;
  const textNodes: Text[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === Node.TEXT_NODE) {
      textNodes.push(node as Text);
      continue;
    }
    if (node.nodeType === Node.ELEMENT_NODE && (node as Element).classList.contains('hidden-char')) continue;
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  for (const node of textNodes) markTextNode(node);
}
