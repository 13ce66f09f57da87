// Syntax highlighting for code blocks. Only highlight.js's core plus a fixed set of common
// languages is bundled, to keep dist/webview.js small; auto-detection stays off because it
// runs every grammar over the text (slow while streaming, and often wrong on short snippets).

import hljs from 'highlight.js/lib/core';
// Grammars that repeat each other's tables sit side by side (highlight.js's files each carry their
// own copy: CSS's property lists in css and scss, ECMAScript's keywords in javascript and
// typescript, C's in c and cpp), so the .vsix's compression finds the second copy: ~5 KB less.
import css from 'highlight.js/lib/languages/css';
import scss from 'highlight.js/lib/languages/scss';
import javascript from 'highlight.js/lib/languages/javascript';
import typescript from 'highlight.js/lib/languages/typescript';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import bash from 'highlight.js/lib/languages/bash';
import shell from 'highlight.js/lib/languages/shell';
import powershell from 'highlight.js/lib/languages/powershell';
import csharp from 'highlight.js/lib/languages/csharp';
import java from 'highlight.js/lib/languages/java';
import kotlin from 'highlight.js/lib/languages/kotlin';
import swift from 'highlight.js/lib/languages/swift';
import go from 'highlight.js/lib/languages/go';
import rust from 'highlight.js/lib/languages/rust';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import sql from 'highlight.js/lib/languages/sql';
import xml from 'highlight.js/lib/languages/xml';
import markdown from 'highlight.js/lib/languages/markdown';
import json from 'highlight.js/lib/languages/json';
import yaml from 'highlight.js/lib/languages/yaml';
import ini from 'highlight.js/lib/languages/ini';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import diff from 'highlight.js/lib/languages/diff';
import plaintext from 'highlight.js/lib/languages/plaintext';

const languages = {
  css, scss, javascript, typescript, c, cpp, bash, shell, powershell, csharp, java, kotlin, swift, go, rust,
  php, python, ruby, sql, xml, markdown, json, yaml, ini, dockerfile, diff, plaintext,
};
for (const [name, definition] of Object.entries(languages)) hljs.registerLanguage(name, definition);
// VS Code language ids that the grammars' own aliases do not cover (those give tsx, jsx, jsonc,
// json5, sh, zsh, text, txt, toml…).
hljs.registerAliases(['typescriptreact'], { languageName: 'typescript' });
hljs.registerAliases(['javascriptreact'], { languageName: 'javascript' });
hljs.registerAliases(['shellscript'], { languageName: 'bash' });

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEscapes[char] ?? char);
}

export function isKnownLanguage(language: string): boolean {
  return language !== '' && hljs.getLanguage(language) !== undefined;
}

/** Highlighted HTML for `code` (spans with `hljs-*` classes), or the escaped text when the language is unknown. */
export function highlightCode(code: string, language: string): string {
  if (!isKnownLanguage(language)) return escapeHtml(code);
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}
