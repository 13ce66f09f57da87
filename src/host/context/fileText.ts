// A whole file as a question's context: its bytes judged as text (binary files are refused),
// its language guessed from its name when no editor has it open, its size bounded. Free of
// `vscode`: contextFiles.ts reads the bytes through vscode.workspace.fs and hands them here.

import type { CodeContext } from '../../shared/conversation';
import { formatSize, MAX_CONTEXT_FILE_BYTES } from '../../shared/contextItems';
import { t } from '../../shared/l10n';

/** Bytes looked at for a NUL, as git and VS Code do to call a file binary. */
const BINARY_SNIFF_BYTES = 8000;

/** The text of `bytes`, or undefined when they are not UTF-8 text (a NUL, or invalid UTF-8). */
export function textOfBytes(bytes: Uint8Array): string | undefined {
  const sniff = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < sniff; i++) if (bytes[i] === 0) return undefined;
  try {
    // `fatal`: a Latin-1 or UTF-16 file is refused rather than sent as replacement characters.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Extensions whose VS Code language id is not the extension itself. */
const LANGUAGES: Readonly<Record<string, string>> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact', js: 'javascript', mjs: 'javascript',
  cjs: 'javascript', jsx: 'javascriptreact', py: 'python', rb: 'ruby', rs: 'rust', cs: 'csharp', kt: 'kotlin',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', ps1: 'powershell', md: 'markdown', yml: 'yaml',
  h: 'c', hpp: 'cpp', cc: 'cpp', cxx: 'cpp', hh: 'cpp', txt: 'plaintext', htm: 'html', jsonc: 'jsonc', m: 'objective-c',
};

/** The language id of a file by its name (`Dockerfile`, `Makefile` by the whole name); `plaintext` when unknown. */
export function languageOfName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  if (/^dockerfile$/i.test(base)) return 'dockerfile';
  if (/^makefile$/i.test(base)) return 'makefile';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return 'plaintext';
  const extension = base.slice(dot + 1).toLowerCase();
  if (!/^[a-z0-9+#-]{1,16}$/.test(extension)) return 'plaintext';
  return LANGUAGES[extension] ?? extension;
}

/** A file as a whole: lines 1…n, the text as it is (a final newline is not a line of its own). */
export function wholeFileContext(path: string, languageId: string, text: string): CodeContext {
  const code = text.replace(/\r?\n$/, '');
  const endLine = Math.max(1, code.split('\n').length);
  return { path, languageId, startLine: 1, endLine, code, kind: 'file' };
}

/** Why a file of `size` bytes is not read at all (its name in the message); undefined when it may be. */
export function fileSizeProblem(name: string, size: number): string | undefined {
  return size > MAX_CONTEXT_FILE_BYTES
    ? t('{0} was not attached: it is {1}; the limit for a file is {2}.', name, formatSize(size), formatSize(MAX_CONTEXT_FILE_BYTES))
    : undefined;
}

export function binaryProblem(name: string): string {
  return t('{0} was not attached: it is not a text file (binary or not UTF-8). Attach images with the image button.', name);
}

/** File names the composer's image button offers: such a file is attached as an image, not as text. */
const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp']);

/** Whether a file's name says it is an image (its bytes still decide whether it is attached). */
export function isImageName(name: string): boolean {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 && IMAGE_EXTENSIONS.has(base.slice(dot + 1).toLowerCase());
}
