// Links and images in an answer's markdown, found with the same lexer the webview renders
// with, so the host and the view agree on what an answer links to: the host fetches only
// images that really are in the answer, and the Sources strip lists the sites it links.
// Like the view, only the parts of the render plan that are drawn as markdown are parsed
// (src/shared/renderPlan.ts): a link inside a part shown as plain text is no link.

import type { Token, Tokens } from 'marked';
import { lexSegment } from './codeBlocks';
import { normalizeLineEndings, planMarkdown } from './renderPlan';

function walk(tokens: readonly Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    const nested = token as { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
    if (nested.tokens) walk(nested.tokens, visit);
    if (nested.items) walk(nested.items, visit);
    for (const cell of nested.header ?? []) walk(cell.tokens, visit);
    for (const row of nested.rows ?? []) for (const cell of row) walk(cell.tokens, visit);
  }
}

function lex(markdown: string): Token[] {
  const text = normalizeLineEndings(markdown);
  const tokens: Token[] = [];
  for (const segment of planMarkdown(text)) {
    if (segment.kind !== 'markdown') continue;
    for (const token of lexSegment(text.slice(segment.start, segment.end)) ?? []) tokens.push(token);
  }
  return tokens;
}

function webUrl(href: string): URL | undefined {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Remote image URLs (`![alt](https://…)`) in document order, each once, exactly as written. */
export function extractImageUrls(markdown: string): string[] {
  const urls: string[] = [];
  walk(lex(markdown), (token) => {
    if (token.type !== 'image') return;
    const href = (token as Tokens.Image).href;
    if (webUrl(href) && !urls.includes(href)) urls.push(href);
  });
  return urls;
}

export interface Source {
  /** `example.com` (with the port when it has one). */
  host: string;
  /** The first link to this site in the answer. */
  url: string;
  /** That link's text, or its title, or the host when it has neither. */
  title: string;
}

/** The visible text of inline tokens (`**Rust** docs` → `Rust docs`). */
function plainText(tokens: readonly Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens.map((token) => {
    const nested = (token as { tokens?: Token[] }).tokens;
    return nested ? plainText(nested, '') : ('text' in token && typeof token.text === 'string' ? token.text : '');
  }).join('');
}

/** Each web site an answer links to, once, in order of first mention (images are not sources). */
export function extractSources(markdown: string): Source[] {
  const sources: Source[] = [];
  walk(lex(markdown), (token) => {
    if (token.type !== 'link') return;
    const link = token as Tokens.Link;
    const url = webUrl(link.href);
    if (!url || sources.some((source) => source.host === url.host)) return;
    const text = plainText(link.tokens, link.text).replace(/\s+/g, ' ').trim();
    // A bare autolinked URL's text is the URL itself: the title of a page is unknown then.
    const title = text && text !== link.href && webUrl(text)?.href !== url.href ? text : (link.title?.trim() || url.host);
    sources.push({ host: url.host, url: url.href, title });
  });
  return sources;
}
