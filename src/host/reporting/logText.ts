// What the output channel may hold, free of `vscode` so it is tested in Node: every line
// redacted and with its control characters escaped, and messages the host refused described
// by their kind and size only, never by their content.

import { redactSecretShapes } from '../../core/redact';
import { escapeControls, safeText } from './untrustedText';

/** Longest message type echoed when describing a refused message. */
const MAX_LOGGED_TYPE_LENGTH = 40;

/**
 * One log line as written: secrets redacted, then C0/C1 controls (newlines too), DEL and
 * invisible format characters escaped, so a server's or a model's text cannot forge lines (a
 * newline and a fake "[error]"), hide what follows (a carriage return, bidi controls) or
 * drive a terminal that shows the log.
 */
export function logLine(message: string): string {
  return escapeControls(redactSecretShapes(message));
}

/**
 * A message from the webview the guard refused, for the log: its `type` (quoted, cut) and
 * its size. The payload itself is never echoed: it may be huge, or written to mislead.
 */
export function describeRefusedMessage(raw: unknown): string {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  const kind = typeof type === 'string' ? `type ${JSON.stringify(safeText(type, MAX_LOGGED_TYPE_LENGTH))}` : raw === null ? 'null' : `a ${typeof raw}`;
  return `${kind}, ${sizeOf(raw)}`;
}

function sizeOf(raw: unknown): string {
  try {
    const length = JSON.stringify(raw)?.length;
    return length === undefined ? 'no JSON form' : `${length.toLocaleString('en')} characters as JSON`;
  } catch {
    return 'size unknown';
  }
}
