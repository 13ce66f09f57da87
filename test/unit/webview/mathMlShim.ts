// happy-dom's HTML parser puts `<math>` and its children in the HTML namespace; a browser puts
// them in MathML's (HTML's "foreign content" rules), and DOMPurify rightly drops a MathML tag
// found in the HTML namespace. Give happy-dom a browser's behaviour for MathML, as it already
// has for SVG, so the sanitizer is tested on what Chromium really builds.
import HTMLParser from 'happy-dom/lib/html-parser/HTMLParser.js';
import './setupDom';

const MATHML = 'http://www.w3.org/1998/Math/MathML';

type StartTag = (this: { currentNode: Node; rootDocument: Document }, tagName: string) => Element | null;
const prototype = HTMLParser.prototype as unknown as { getStartTagElement: StartTag };
const original = prototype.getStartTagElement;
const parentNamespace = (node: Node): string | null => (node as Element).namespaceURI ?? null;

prototype.getStartTagElement = function (this: { currentNode: Node; rootDocument: Document }, tagName: string): Element | null {
  const lower = tagName.toLowerCase();
  if (lower === 'math' || parentNamespace(this.currentNode) === MATHML) return this.rootDocument.createElementNS(MATHML, lower);
  return original.call(this, tagName);
};


// KaTeX warns once on load unless the page is in standards mode, as the webview's page
// (<!DOCTYPE html>) is; happy-dom's test document has no doctype.
Object.defineProperty(document, 'compatMode', { value: 'CSS1Compat', configurable: true });
