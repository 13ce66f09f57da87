// Lines are byte strings (see sseDecoder): prefix and suffix compare bytes, and only the
// content is decoded from UTF-8.
//
// A shortcut past JSON.parse for the chunk that makes up almost every stream: the same bytes
// as the chunk before, except for the text of `delta.content`. Parsing ~300 bytes of JSON to
// extract a four-letter token is most of a client's per-token cost.
//
// Why it is exact: the shape is learned from a line that was fully parsed, and verified by
// parsing that line once more with the content emptied (only `delta.content` may change). A
// later line matches only if it is `prefix + body + suffix` with the very same prefix and
// suffix, and `body` is a well-formed JSON string body (no unescaped quote, no control
// character; escapes decoded by JSON.parse). Such a line parses to the same object with
// another content string, so reading the string is reading the line. Anything else takes the
// ordinary path.

import { decodeByteString } from './sseDecoder';

/** Parsed wire JSON, checked field by field. */
type Wire = any;

/** Relearning on every line of a stream whose chunks all differ (a per-chunk nonce) would cost a parse each. */
const MAX_COOLDOWN_LINES = 1024;
/** A shape that served fewer lines than this before breaking was not worth learning. */
const USEFUL_HITS = 4;

/** Bounds of the decoded-token memory: a stream of ever-new tokens costs at most this much. */
const MAX_REMEMBERED = 4096;
const MAX_REMEMBERED_CHARS = 32;

/** The JSON string body `raw` (a byte string) as text; throws if it is not valid JSON. */
function decodeBody(raw: string): string {
  const body = decodeByteString(raw);
  return body.includes('\\') ? (JSON.parse(`"${body}"`) as string) : body;
}

export class ContentShortcut {
  private prefix = '';
  private suffix = '';
  private index = 0;
  private armed = false;
  private hits = 0;
  private cooldown = 0;
  private skipLearning = 0;
  /** Decoded bodies of short non-ASCII or escaped tokens, by their bytes. */
  private readonly decoded = new Map<string, string>();

  /** The choice index of the learned shape. */
  get choiceIndex(): number {
    return this.index;
  }

  /**
   * The content of `line` if it has the learned shape (possibly ''), else undefined: then
   * the line must be parsed.
   */
  contentOf(line: string): string | undefined {
    return this.contentAt(line, 0, line.length);
  }

  /** contentOf(text.slice(start, end)), read in place. */
  contentAt(text: string, start: number, end: number): string | undefined {
    if (!this.armed) return undefined;
    const prefix = this.prefix;
    const suffix = this.suffix;
    const bodyStart = start + prefix.length;
    const bodyEnd = end - suffix.length;
    // Comparing slices: V8 compares equal-length flat strings with memcmp, while startsWith at
    // an offset goes char by char (~10× slower on a 200-char prefix).
    if (bodyEnd < bodyStart || text.slice(start, bodyStart) !== prefix || text.slice(bodyEnd, end) !== suffix) return this.miss();
    let plain = true;
    for (let i = bodyStart; i < bodyEnd; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x5c /* \ */) {
        if (i + 1 >= bodyEnd) return this.miss();
        plain = false;
        i++;
      } else if (code === 0x22 /* " */ || code < 0x20) {
        return this.miss();
      } else if (code >= 0x80) {
        plain = false;
      }
    }
    this.hits++;
    const raw = text.slice(bodyStart, bodyEnd);
    if (plain) return raw;
    // Tokens repeat: a non-ASCII or escaped one is decoded once, then looked up.
    const known = this.decoded.get(raw);
    if (known !== undefined) return known;
    let content: string;
    try {
      content = decodeBody(raw);
    } catch {
      return this.miss();
    }
    if (raw.length <= MAX_REMEMBERED_CHARS) {
      if (this.decoded.size >= MAX_REMEMBERED) this.decoded.clear();
      this.decoded.set(raw, content);
    }
    return content;
  }

  /** Whether learning from the next parsed line is worthwhile now. */
  wantsToLearn(): boolean {
    if (this.skipLearning > 0) {
      this.skipLearning--;
      return false;
    }
    return true;
  }

  /**
   * Learns the shape of `line`, already parsed into `chunk`, if the chunk carries nothing but
   * content text for one choice (the caller checks that it yields no other event).
   */
  learn(line: string, chunk: Wire): void {
    const choice = chunk.choices[0];
    const content: string = choice.delta.content;
    const key = line.indexOf('"content"', line.indexOf('"delta"'));
    if (key < 0) return;
    let start = line.indexOf(':', key + 9) + 1;
    while (start > 0 && (line.charCodeAt(start) === 0x20 || line.charCodeAt(start) === 0x09)) start++;
    if (start <= 0 || line.charCodeAt(start) !== 0x22) return;
    let close = start + 1;
    for (; close < line.length; close++) {
      const code = line.charCodeAt(close);
      if (code === 0x5c) close++;
      else if (code === 0x22) break;
    }
    if (close >= line.length) return;
    const prefix = line.slice(0, start + 1);
    const suffix = line.slice(close);
    let probe: Wire;
    try {
      probe = JSON.parse(decodeByteString(prefix + suffix));
    } catch {
      return;
    }
    // Emptying the token emptied delta.content: the token is delta.content and nothing else.
    const probeChoices = probe?.choices;
    if (!Array.isArray(probeChoices) || probeChoices.length !== 1 || probeChoices[0]?.delta?.content !== '' || content === '') return;
    this.prefix = prefix;
    this.suffix = suffix;
    this.index = typeof choice.index === 'number' ? choice.index : 0;
    this.armed = true;
    this.hits = 0;
  }

  private miss(): undefined {
    if (this.armed) {
      this.armed = false;
      // A shape that kept breaking at once: wait longer before the next parse-twice attempt.
      this.cooldown = this.hits < USEFUL_HITS ? Math.min(MAX_COOLDOWN_LINES, Math.max(1, this.cooldown * 2)) : 0;
      this.skipLearning = this.cooldown;
    }
    return undefined;
  }
}

/**
 * A chunk whose only effect is content text of one choice: one choice with a non-empty string
 * `delta.content`, no other text, no tool calls, no finish, no usage, no error, and a model name
 * that was already reported (or none).
 */
export function isPlainContentChunk(chunk: Wire, modelKnown: boolean): boolean {
  const choices = chunk.choices;
  if (!Array.isArray(choices) || choices.length !== 1) return false;
  const choice = choices[0];
  if (choice === null || typeof choice !== 'object') return false;
  const delta = choice.delta;
  if (delta === null || typeof delta !== 'object' || typeof delta.content !== 'string' || delta.content === '') return false;
  if (nonEmptyText(delta.reasoning_content) || nonEmptyText(delta.reasoning) || nonEmptyText(delta.refusal)) return false;
  if (delta.tool_calls !== undefined && delta.tool_calls !== null) return false;
  if (nonEmptyText(choice.finish_reason) || choice.text !== undefined) return false;
  if (chunk.usage !== undefined && chunk.usage !== null) return false;
  if (chunk.error !== undefined && chunk.error !== null) return false;
  if (!modelKnown && nonEmptyText(chunk.model)) return false;
  return true;
}

function nonEmptyText(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}
