// The last gate before the DOM: DOMPurify with an allow-list of exactly the tags and
// attributes markdown.ts emits. Anything else (style attributes, forms, iframes, event
// handlers, remote images, odd URL schemes) is dropped even if a renderer bug let it through.

import createDOMPurify from 'dompurify';
import type { Config, DOMPurify, WindowLike } from 'dompurify';

// Math (mathRender.ts): exactly the MathML elements KaTeX's `output: 'mathml'` emits (read
// from its source: buildMathML.ts and functions/), less `mglyph` (only \includegraphics, which
// trust: false refuses). Not `annotation-xml` (it can hold HTML), not `maction`, not SVG.
const mathTags = [
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'mtext', 'mspace', 'mstyle', 'mpadded',
  'mphantom', 'mfrac', 'mroot', 'msqrt', 'msub', 'msup', 'msubsup', 'mover', 'munder', 'munderover',
  'mtable', 'mtr', 'mtd', 'menclose',
];

/** The attributes KaTeX sets on those elements; kept on MathML elements only (see the hook). */
const mathAttributes = [
  'accent', 'accentunder', 'columnalign', 'columnlines', 'columnspacing', 'depth', 'display',
  'displaystyle', 'encoding', 'fence', 'height', 'largeop', 'linebreak', 'linethickness', 'lspace',
  'mathbackground', 'mathcolor', 'mathsize', 'mathvariant', 'maxsize', 'minsize', 'notation',
  'rowlines', 'rowspacing', 'rspace', 'scriptlevel', 'separator', 'stretchy', 'voffset', 'width',
];
const mathAttributeSet = new Set(mathAttributes);
const mathMlNamespace = 'http://www.w3.org/1998/Math/MathML';

const allowedTags = [
  'a', 'blockquote', 'br', 'button', 'code', 'del', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'img', 'input', 'li', 'ol', 'p', 'pre', 'span', 'strong', 'table', 'tbody', 'td', 'th',
  'thead', 'tr', 'ul',
  ...mathTags,
];

const allowedAttributes = [
  'align', 'alt', 'aria-hidden', 'aria-label', 'checked', 'class', 'data-action', 'data-block',
  // An image placeholder's URL (never loaded, only named in a message to the host) and buttons.
  'data-image-url', 'data-image-action',
  'disabled', 'href', 'role', 'src', 'start', 'title', 'type',
  ...mathAttributes,
];

/** Attributes whose values are not URLs (DOMPurify checks every other one as a URL). */
const nonUrlAttributes = allowedAttributes.filter((name) => name !== 'href' && name !== 'src');

const purifyConfig: Config = {
  ALLOWED_TAGS: allowedTags,
  ALLOWED_ATTR: allowedAttributes,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ADD_URI_SAFE_ATTR: nonUrlAttributes,
  FORBID_TAGS: ['style', 'script', 'form', 'iframe', 'object', 'embed', 'svg', 'template', 'link', 'meta'],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
  // Links: only what the host would open anyway. `data:` stays possible for <img> only
  // (DOMPurify's data-URI tag list) and the hook below narrows it to raster images.
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
};

const safeImageSource = /^data:image\/(?:png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]*$/i;

let purifier: DOMPurify | undefined;

/** Created on first use, so tests can install a DOM (happy-dom) before it binds to `window`. */
function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  const instance = createDOMPurify(window as unknown as WindowLike);
  instance.addHook('uponSanitizeAttribute', (node, data) => {
    // MathML's attributes only on MathML elements (`width` on a table cell is not KaTeX's).
    if (mathAttributeSet.has(data.attrName) && (node as Element).namespaceURI !== mathMlNamespace) data.keepAttr = false;
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    if (element.tagName === 'IMG' && !safeImageSource.test(element.getAttribute('src') ?? '')) {
      element.remove();
    } else if (element.tagName === 'INPUT') {
      // Only the read-only task-list checkbox marked emits.
      if (element.getAttribute('type') !== 'checkbox') element.remove();
      else element.setAttribute('disabled', '');
    } else if (element.tagName === 'BUTTON') {
      element.setAttribute('type', 'button');
    }
  });
  // Set once: a config passed to every sanitize() call is parsed again each time (its tag and
  // attribute lists made into sets), a cost per streamed frame for a config that never changes.
  instance.setConfig({ ...purifyConfig, IN_PLACE: true });
  purifier = instance;
  return instance;
}

let inertDocument: Document | undefined;

/**
 * Sanitized nodes of `html`, ready to insert into the page.
 *
 * The HTML is parsed once, into an element of a separate inert document (no scripts run and
 * no images load there), sanitized in place, and those very nodes are moved into the page:
 * nothing is serialised and parsed again (no mutation-XSS window), and no throwaway document
 * is created per call as DOMPurify's string mode does (that cost adds up per streamed frame).
 */
export function sanitizeToFragment(html: string): DocumentFragment {
  inertDocument ??= document.implementation.createHTMLDocument('');
  const root = inertDocument.createElement('div');
  root.innerHTML = html;
  getPurifier().sanitize(root);
  const fragment = document.createDocumentFragment();
  fragment.append(...Array.from(root.childNodes));
  return fragment;
}
