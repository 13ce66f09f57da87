// The URIs of files dropped on the panel from VS Code's Explorer or an editor tab: the drag
// carries them as `text/uri-list` (RFC 2483: one URI a line, `#` comment lines, CRLF) and as
// VS Code's own `application/vnd.code.uri-list` (the same format, every dragged file). A drop
// is outside input: the list is bounded here, and the host still judges each URI it is given.

/** Most URIs taken from one drop (the host attaches at most MAX_CONTEXT_ITEMS of them). */
export const MAX_DROPPED_URIS = 20;
/** Longest URI taken from a drop. */
export const MAX_DROPPED_URI_LENGTH = 4096;
/** Longest drop text looked at: beyond it, the rest is ignored unread. */
export const MAX_URI_LIST_LENGTH = MAX_DROPPED_URIS * (MAX_DROPPED_URI_LENGTH + 2);

/** `scheme:` as RFC 3986 writes it, then anything without spaces or controls. */
function isUriLine(line: string): boolean {
  if (line.length === 0 || line.length > MAX_DROPPED_URI_LENGTH) return false;
  const colon = line.indexOf(':');
  if (colon < 1 || colon > 32) return false;
  for (let i = 0; i < colon; i++) {
    const code = line.charCodeAt(i);
    const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    const other = (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e;
    if (!letter && !(i > 0 && other)) return false;
  }
  for (let i = colon + 1; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return false;
  }
  return true;
}

/** The URIs of a uri-list, in order, without duplicates, comments or anything that is not one. */
export function parseUriList(text: string): string[] {
  const uris: string[] = [];
  for (const raw of text.slice(0, MAX_URI_LIST_LENGTH).split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line.startsWith('#') || !isUriLine(line) || uris.includes(line)) continue;
    uris.push(line);
    if (uris.length >= MAX_DROPPED_URIS) break;
  }
  return uris;
}

/** Whether a drag carries files by URI (VS Code's Explorer, an editor tab, another app's links). */
export function carriesUriList(types: readonly string[]): boolean {
  return types.includes('application/vnd.code.uri-list') || types.includes('text/uri-list');
}
