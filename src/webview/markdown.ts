// Model output → safe HTML: a dedicated Marked instance (never the global one) with
// renderers that escape raw HTML, number code blocks, keep links for the host to open and
// never fetch remote images; then DOMPurify (sanitize.ts) before anything reaches the DOM.
//
// Lexing and rendering are separate steps so the streaming renderer can lex only the open
// tail of an answer and render top-level tokens in pieces (see streamingRenderer.ts).

import { Lexer, Marked, type Links, type Token, type Tokens } from 'marked';
import { collectCodeBlocks } from '../shared/codeBlocks';
import { mayHoldHiddenCharacters } from '../shared/hiddenCharacters';
import { normalizeLineEndings, planMarkdown, renderLimits } from '../shared/renderPlan';
import type { CodeBlockAction } from '../shared/protocol';
import { escapeHtml, highlightCode, isKnownLanguage } from './highlight';
import { markHiddenCharacters } from './hiddenMarkers';
import { mathExtension, trackInlineSources } from './mathExtension';
import { startMathBlock } from './mathRender';
import { renderPlainText } from './plainFallback';
import { sanitizeToFragment } from './sanitize';
import { t } from '../shared/l10n';

export interface LexedMarkdown {
  tokens: Token[];
  /** Link reference definitions in effect (the given known ones plus those found). */
  links: Links;
}

/**
 * Block tokens of `source`, exactly as `extractCodeBlocks` (src/shared/codeBlocks.ts) lexes
 * it. `knownLinks` are reference definitions from text before `source` (first one wins, as
 * in a single pass over the whole text).
 */
export function lexMarkdown(source: string, knownLinks?: Links): LexedMarkdown {
  const lexer = new Lexer({ gfm: true, extensions: answerMarked.defaults.extensions });
  trackInlineSources(lexer);
  if (knownLinks) Object.assign(lexer.tokens.links, knownLinks);
  const tokens = lexer.lex(source);
  return { tokens: [...tokens], links: tokens.links };
}

export interface CodeBlockButton {
  action: CodeBlockAction;
  label: string;
  icon: string;
}

/** A function, not a table: the display language's strings are installed after modules load. */
export function codeBlockButtons(): readonly CodeBlockButton[] {
  return [
    { action: 'copy', label: t('Copy'), icon: 'copy' },
    { action: 'insert', label: t('Insert at Cursor'), icon: 'insert' },
    { action: 'replace', label: t('Replace Selection'), icon: 'replace' },
    { action: 'diff', label: t('Show Diff with Selection'), icon: 'diff' },
    { action: 'newFile', label: t('New File'), icon: 'new-file' },
  ];
}

/** Index the next rendered code block gets; set per render call (rendering is synchronous). */
let nextCodeBlock = 0;

const linkSchemes = new Set(['http:', 'https:', 'mailto:']);

/** The normalised URL when it is one the host may open, else undefined. */
export function openableUrl(href: string): string | undefined {
  try {
    const url = new URL(href);
    return linkSchemes.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function hostOf(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.host || undefined;
  } catch {
    return undefined;
  }
}

const inlineImageSource = /^data:image\/(?:png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]*$/i;

function renderCodeBlock(code: string, infoString: string | undefined): string {
  const index = nextCodeBlock++;
  const language = (infoString ?? '').trim().split(/\s+/)[0] ?? '';
  const languageClass = language.replace(/[^\w+#.-]/g, '');
  // Highlighting a huge block costs seconds: past the limit it is drawn as it is.
  const known = isKnownLanguage(language) && code.length <= renderLimits.maxHighlightChars;
  const buttons = codeBlockButtons()
    .map(
      (button) =>
        `<button type="button" class="icon-button" data-action="${button.action}" title="${button.label}" ` +
        `aria-label="${button.label} (code block ${index + 1})"><span class="codicon codicon-${button.icon}" aria-hidden="true"></span></button>`,
    )
    .join('');
  const codeClass = languageClass ? `hljs language-${languageClass}` : 'hljs';
  return (
    `<div class="code-block" data-block="${index}">` +
    `<div class="code-block-header"><span class="code-block-language">${escapeHtml(language)}</span>` +
    `<div class="code-block-actions" role="toolbar" aria-label="Code block ${index + 1}">${buttons}</div></div>` +
    `<pre><code class="${codeClass}${known ? '' : ' plain'}">${known ? highlightCode(code, language) : escapeHtml(code)}</code></pre></div>\n`
  );
}

/**
 * A remote image is never an <img>: it is this placeholder naming the full host, with buttons
 * that ask the host to fetch it (once, or always from that host). The URL rides along in
 * `data-image-url` only so the click can name it; nothing in the view ever loads it.
 */
function renderImagePlaceholder(href: string, alt: string): string {
  const host = hostOf(href);
  const message = host ? t('Image from {0} not loaded', host) : t('Image not loaded');
  const label = alt ? t('{0}: {1}', message, alt) : message;
  const openUrl = openableUrl(href);
  const web = openUrl !== undefined && openUrl.startsWith('http');
  const open = web
    ? ` <a class="image-placeholder-open" href="${escapeHtml(openUrl)}" title="${escapeHtml(openUrl)}">${escapeHtml(t('Open in browser'))}</a>`
    : '';
  const actions = web && host
    ? `<span class="image-placeholder-actions">` +
      `<button type="button" class="image-placeholder-button" data-image-action="load" title="${escapeHtml(t('Fetch this image from {0} (the extension fetches it, without your token)', host))}">${escapeHtml(t('Load image'))}</button>` +
      `<button type="button" class="image-placeholder-button" data-image-action="allowHost" title="${escapeHtml(t('Add {0} to completionsChat.imageHosts', host))}">${escapeHtml(t('Always load images from {0}', host))}</button>` +
      `${open}</span>`
    : open;
  return (
    `<span class="image-placeholder" role="group" aria-label="${escapeHtml(label)}"${web ? ` data-image-url="${escapeHtml(href)}"` : ''}>` +
    `<span class="codicon codicon-file-media" aria-hidden="true"></span>` +
    `<span class="image-placeholder-text">${escapeHtml(message)}</span>` +
    (alt ? `<span class="image-placeholder-alt">${escapeHtml(alt)}</span>` : '') +
    `${actions}</span>`
  );
}

const answerMarked = new Marked({ gfm: true, breaks: false, async: false });
// Math: inline tokens only, so the blocks (and the code blocks the host numbers) stay the same.
answerMarked.use({ extensions: [mathExtension] });
answerMarked.use({
  renderer: {
    code({ text, lang }: Tokens.Code): string {
      return renderCodeBlock(text, lang);
    },
    // Raw HTML from the model is shown as text, never interpreted.
    html({ text, block }: Tokens.HTML | Tokens.Tag): string {
      return block ? `<p class="raw-html">${escapeHtml(text)}</p>\n` : escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      const url = openableUrl(href);
      if (!url) return `<span class="link-blocked" title="${escapeHtml(t('Not opened: {0}', href))}">${inner}</span>`;
      return `<a href="${escapeHtml(url)}" title="${escapeHtml(title || url)}">${inner}</a>`;
    },
    image({ href, text }: Tokens.Image): string {
      if (inlineImageSource.test(href)) return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}">`;
      return renderImagePlaceholder(href, text);
    },
  },
});

export interface RenderedHtml {
  /** Unsanitized HTML: only ever passed on to sanitizeToFragment. */
  html: string;
  /** Code blocks in these tokens; the next render of later tokens starts numbering after them. */
  codeBlockCount: number;
}

/** HTML of top-level `tokens`; their code blocks are numbered from `firstCodeBlock`. */
export function renderTokens(tokens: Token[], firstCodeBlock = 0): RenderedHtml {
  nextCodeBlock = firstCodeBlock;
  // One top-level token at a time: math counts its expressions per block (mathRender.ts), the
  // same whether a block is drawn alone (streaming) or with the rest (one-shot).
  let html = '';
  for (const token of tokens) {
    startMathBlock();
    html += answerMarked.parser([token]);
  }
  return { html, codeBlockCount: nextCodeBlock - firstCodeBlock };
}

function renderOne(tokens: Token[], firstCodeBlock: number): { fragment: DocumentFragment; codeBlockCount: number } {
  const { html, codeBlockCount } = renderTokens(tokens, firstCodeBlock);
  const fragment = sanitizeToFragment(html);
  if (tokens.some((token) => mayHoldHiddenCharacters(token.raw))) markHiddenCharacters(fragment);
  return { fragment, codeBlockCount };
}

/**
 * Sanitized DOM nodes for `tokens`, ready to insert. Never throws: if drawing them fails,
 * each top-level token is drawn on its own and one that still fails is shown as plain text.
 * Its code blocks still take their numbers, so later blocks keep the host's numbering
 * (src/shared/codeBlocks.ts counts the same tokens).
 */
export function renderTokensToFragment(tokens: Token[], firstCodeBlock = 0): { fragment: DocumentFragment; codeBlockCount: number } {
  try {
    return renderOne(tokens, firstCodeBlock);
  } catch {
    const fragment = document.createDocumentFragment();
    let count = 0;
    for (const token of tokens) {
      try {
        const one = renderOne([token], firstCodeBlock + count);
        fragment.append(one.fragment);
      } catch {
        fragment.append(renderPlainText(token.raw, 'error'));
      }
      count += collectCodeBlocks([token]).length;
    }
    return { fragment, codeBlockCount: count };
  }
}

/** Tokens of `source`, or undefined when the parser fails on it. */
export function tryLexMarkdown(source: string, knownLinks?: Links): LexedMarkdown | undefined {
  try {
    return lexMarkdown(source, knownLinks);
  } catch {
    return undefined;
  }
}

/**
 * Sanitized DOM for one segment of markdown text (see src/shared/renderPlan.ts), its code
 * blocks numbered from `firstCodeBlock`. Never throws.
 */
export function renderMarkdownSegment(text: string, firstCodeBlock: number): { fragment: DocumentFragment; codeBlockCount: number } {
  const lexed = tryLexMarkdown(text);
  if (!lexed) {
    const fragment = document.createDocumentFragment();
    fragment.append(renderPlainText(text, 'error'));
    return { fragment, codeBlockCount: 0 };
  }
  return renderTokensToFragment(lexed.tokens, firstCodeBlock);
}

/**
 * One-shot render of a whole markdown text into `container` (its children are replaced).
 * Parts the parser cannot handle are shown as plain text with a notice; the rest as usual.
 */
export function renderMarkdownInto(container: Element, source: string): void {
  const text = normalizeLineEndings(source);
  const fragment = document.createDocumentFragment();
  let codeBlocks = 0;
  for (const segment of planMarkdown(text)) {
    const part = text.slice(segment.start, segment.end);
    if (segment.kind === 'plain') {
      fragment.append(renderPlainText(part, segment.reason ?? 'long'));
      continue;
    }
    const rendered = renderMarkdownSegment(part, codeBlocks);
    fragment.append(rendered.fragment);
    codeBlocks += rendered.codeBlockCount;
  }
  container.replaceChildren(fragment);
}
