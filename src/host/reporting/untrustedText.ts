// Text from settings, servers, models, files or the webview, made safe to show in VS Code's
// own UI (notifications, modals, quick picks, input boxes, the status bar, the log).
//
// The workbench turns `[label](command:…)`, `[label](https://…)` and `[label](file:…)` in a
// notification's text into a clickable link (parseLinkedText), a `command:` link runs any
// command with any arguments, and backslash escapes do not defeat that parser. Quick picks
// and the status bar render `$(icon)`. So untrusted text keeps none of `[ ] ( )` or
// backticks: each becomes a look-alike that no parser treats as syntax. Control characters
// (a newline can forge a log line; a bidi control can reorder what is read) are written as
// escapes, and long values are cut with an ellipsis. Free of `vscode`, tested in Node.

/** Longest untrusted value shown inside a message, in characters (cut with an ellipsis). */
export const MAX_QUOTED_VALUE_LENGTH = 120;
/** Longest whole message built around untrusted text (an error from a server, say). */
export const MAX_UNTRUSTED_MESSAGE_LENGTH = 600;

/** Link and markup syntax → characters that look alike but are syntax to no renderer. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '[': '\uFF3B', // ［ fullwidth left square bracket
  ']': '\uFF3D', // ］
  '(': '\uFF08', // （
  ')': '\uFF09', // ）
  '`': '\u02CB', // ˋ modifier letter grave accent
};

/**
 * C0 and C1 controls, DEL, and the invisible format characters that change how text reads:
 * bidi embeddings, overrides and isolates, marks, zero-width characters, the line and
 * paragraph separators, the BOM, and Unicode tag characters.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const ESCAPED = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeCharacter(character: string): string {
  const named = NAMED_ESCAPES[character];
  if (named) return named;
  const code = character.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** Control characters written as escapes (`\n`, `\x1b`, `\u{202e}`), the rest untouched. */
export function escapeControls(text: string): string {
  return text.replace(ESCAPED, escapeCharacter);
}

/**
 * Cuts `text` to at most `max` characters (a surrogate pair is never split), ending with `…`;
 * `always` cuts (and marks) even a text that fits, for one already cut before.
 */
export function cut(text: string, max: number, always = false): string {
  if (text.length <= max && !always) return text;
  let end = Math.max(0, max - 1);
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end)}…`;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Untrusted text, safe inside VS Code's UI: no link or icon syntax can form, controls are
 * escaped, and it is at most `max` characters (the escapes are counted; the cut comes first
 * so a huge value costs no more than `max` to process).
 */
export function safeText(value: unknown, max = MAX_UNTRUSTED_MESSAGE_LENGTH): string {
  const text = asText(value);
  // Escapes only lengthen the text, so cutting the raw text first bounds the work by `max`.
  const truncated = text.length > max;
  const safe = escapeControls(truncated ? text.slice(0, max) : text).replace(/[[\]()`]/g, (c) => LOOK_ALIKES[c]!);
  return cut(safe, max, truncated);
}

/** An untrusted value for a message, in double quotes: `"value"`, cut at `max` characters. */
export function quote(value: unknown, max = MAX_QUOTED_VALUE_LENGTH): string {
  return `"${safeText(value, max)}"`;
}
