// A JSON-mode answer read as JSON: pretty-printed when it parses, else the reason it does not.
// Shared so the panel shows exactly the text the host inserts or saves.

import { t } from './l10n';

export type JsonAnswer =
  | { ok: true; pretty: string }
  | { ok: false; text: string; reason: string };

/**
 * Models asked for JSON still wrap it in a ```json fence now and then: one fence around the
 * whole answer is looked through; anything else must parse as it is.
 */
function unfenced(text: string): string {
  const match = /^\s*(`{3,}|~{3,})[ \t]*(?:json[c5]?)?[ \t]*\n([\s\S]*?)\n[ \t]*\1[ \t]*$/i.exec(text);
  return match ? match[2]! : text;
}

export function readJsonAnswer(text: string): JsonAnswer {
  const source = unfenced(text).trim();
  if (source === '') return { ok: false, text, reason: t('The answer is empty.') };
  try {
    return { ok: true, pretty: JSON.stringify(JSON.parse(source), null, 2) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, text, reason: t('The answer is not valid JSON: {0}', detail) };
  }
}

/** What Insert, Copy and Save put out: the pretty JSON, or the text as it came when it does not parse. */
export function jsonExportText(text: string): string {
  const read = readJsonAnswer(text);
  return read.ok ? read.pretty : text;
}
