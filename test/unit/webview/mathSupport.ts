// Math in webview tests: the DOM with MathML parsing, and KaTeX registered as the page's math
// script would register it, counting its renders.
import { ManualFrames } from './setupDom';
import './mathMlShim';
import katex from 'katex';
import { renderMarkdownInto } from '../../../src/webview/markdown';
import type { MathEngine } from '../../../src/webview/mathEngine';
import { registerMathEngine } from '../../../src/webview/mathRender';
import { StreamingRenderer } from '../../../src/webview/streamingRenderer';

export const MATHML = 'http://www.w3.org/1998/Math/MathML';

export class CountingKatex implements MathEngine {
  renders: string[] = [];
  renderToString(tex: string, options: Record<string, unknown>): string {
    this.renders.push(tex);
    return katex.renderToString(tex, options);
  }
}

/** A fresh counting engine, registered (its cache starts empty). */
export function useKatex(): CountingKatex {
  const engine = new CountingKatex();
  registerMathEngine(engine);
  return engine;
}

export function render(markdown: string): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  renderMarkdownInto(container, markdown);
  return container;
}

/** A renderer with frames run by hand. */
export function streamer(): { container: HTMLElement; renderer: StreamingRenderer; frames: ManualFrames } {
  const frames = new ManualFrames();
  const container = document.createElement('div');
  document.body.append(container);
  return { container, frames, renderer: new StreamingRenderer(container, { requestFrame: frames.request, now: () => 0 }) };
}

/** Tag names and attribute names under `root`, for allow-list checks. */
export function tagsAndAttributes(root: Element): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  for (const node of Array.from(root.querySelectorAll('*'))) {
    tags.add(node.localName);
    for (const attribute of Array.from(node.attributes)) attributes.add(attribute.name);
  }
  return { tags, attributes };
}
