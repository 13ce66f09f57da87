// Characters that change how text reads without being seen: bidirectional controls (which
// can make code display in a different order than it runs, "Trojan Source"), Unicode tag
// characters (invisible text that a model or a reader downstream may still act on) and
// zero-width / invisible format characters. One list, used by the webview (to show a visible
// marker) and the host (to warn before such code is inserted into an editor).
//
// Every function here is a single linear pass over the text.

import { t } from './l10n';

export type HiddenCharacterKind = 'bidi' | 'tag' | 'invisible';

export interface HiddenCharacter {
  /** UTF-16 offset in the text. */
  index: number;
  /** UTF-16 length (2 for tag characters, which lie outside the BMP). */
  length: number;
  codePoint: number;
  kind: HiddenCharacterKind;
}

/** Marks that change the visual order of text: LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM, ALM. */
function isBidiControl(codePoint: number): boolean {
  return (
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069) ||
    codePoint === 0x200e ||
    codePoint === 0x200f ||
    codePoint === 0x061c
  );
}

function isTagCharacter(codePoint: number): boolean {
  return codePoint >= 0xe0000 && codePoint <= 0xe007f;
}

/**
 * Invisible characters worth showing. Zero-width joiner and non-joiner are left out on
 * purpose: emoji sequences and several scripts (Persian, Indic) need them in normal text.
 */
function isInvisibleFormat(codePoint: number): boolean {
  return (
    codePoint === 0x200b || // zero width space
    (codePoint >= 0x2060 && codePoint <= 0x2064) || // word joiner, invisible operators
    codePoint === 0xfeff || // zero width no-break space (BOM)
    codePoint === 0x180e || // Mongolian vowel separator
    codePoint === 0x115f || codePoint === 0x1160 || codePoint === 0x3164 || codePoint === 0xffa0 // Hangul fillers
  );
}

export function hiddenCharacterKind(codePoint: number): HiddenCharacterKind | undefined {
  if (isBidiControl(codePoint)) return 'bidi';
  if (isTagCharacter(codePoint)) return 'tag';
  if (isInvisibleFormat(codePoint)) return 'invisible';
  return undefined;
}

/** Cheap test for the common case: does `text` hold any code unit that could start a hidden character? */
const candidateUnit = /[\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]|\udb40/;

/**
 * Whether markup made from `text` could hold a hidden character: one of them, or a numeric
 * character reference (`&#x202E;`) that becomes one when the HTML is parsed. A cheap scan to
 * skip looking at DOM text that cannot hold any.
 */
export function mayHoldHiddenCharacters(text: string): boolean {
  return candidateUnit.test(text) || text.includes('&#');
}

const blackFlag = 0x1f3f4;
const cancelTag = 0xe007f;

/**
 * Length (in code units) of a subdivision flag's tag run starting at `index` right after 🏴
 * (tag letters/digits ended by CANCEL TAG, as in the flags of England, Scotland, Wales), or 0.
 */
function flagTagRun(text: string, index: number): number {
  let at = index;
  let letters = 0;
  while (at < text.length) {
    const codePoint = text.codePointAt(at)!;
    if (codePoint === cancelTag) return letters >= 2 && letters <= 6 ? at + 2 - index : 0;
    const isTagAlnum = (codePoint >= 0xe0061 && codePoint <= 0xe007a) || (codePoint >= 0xe0030 && codePoint <= 0xe0039);
    if (!isTagAlnum || letters > 6) return 0;
    letters++;
    at += 2;
  }
  return 0;
}

/** Every hidden character in `text`, in order (subdivision flag emoji are not reported). */
export function findHiddenCharacters(text: string): HiddenCharacter[] {
  const found: HiddenCharacter[] = [];
  if (!candidateUnit.test(text)) return found;
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index)!;
    const length = codePoint > 0xffff ? 2 : 1;
    if (codePoint === blackFlag) {
      index += length + flagTagRun(text, index + length);
      continue;
    }
    const kind = hiddenCharacterKind(codePoint);
    if (kind) found.push({ index, length, codePoint, kind });
    index += length;
  }
  return found;
}

/** True when `text` holds a bidi control or a tag character: code that may not run as it reads. */
export function hasDeceptiveCharacters(text: string): boolean {
  return findHiddenCharacters(text).some((found) => found.kind !== 'invisible');
}

/** `U+202E` for 0x202E. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A function, not a table: the display language's strings are installed after modules load. */
function kindDescription(kind: HiddenCharacterKind): string {
  if (kind === 'bidi') return t('bidirectional text control: it can make text display in a different order than it is stored');
  if (kind === 'tag') return t('Unicode tag character: invisible text');
  return t('invisible formatting character');
}

export function describeHiddenCharacter(found: Pick<HiddenCharacter, 'codePoint' | 'kind'>): string {
  return t('{0}, {1}', codePointLabel(found.codePoint), kindDescription(found.kind));
}

export interface InsertWarning {
  message: string;
  detail: string;
}

/**
 * What to ask before putting `code` into an editor, or undefined when nothing needs asking.
 * Plain words and counts only: no text from the answer goes into the (modal) message.
 */
export function insertWarning(code: string): InsertWarning | undefined {
  let bidi = 0;
  let tags = 0;
  for (const found of findHiddenCharacters(code)) {
    if (found.kind === 'bidi') bidi++;
    else if (found.kind === 'tag') tags++;
  }
  if (bidi === 0 && tags === 0) return undefined;
  const parts: string[] = [];
  if (bidi) parts.push(bidi === 1 ? t('1 bidirectional text control') : t('{0} bidirectional text controls', bidi));
  if (tags) parts.push(tags === 1 ? t('1 Unicode tag character') : t('{0} Unicode tag characters', tags));
  const held = parts.length === 2 ? t('{0} and {1}', parts[0]!, parts[1]!) : parts[0]!;
  return {
    message: t('This code contains hidden characters. Insert it anyway?'),
    detail: t(
      'It holds {0}. Such characters can make code read differently from how it runs, or carry invisible text. The chat panel shows them as markers like ⟨U+202E⟩.',
      held,
    ),
  };
}
