// Which links from model output may be opened: web and mail only. Shared so the webview can
// show a link it will refuse as plain text, and the host enforces the same rule.

const OPENABLE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The URL if it may be opened, else undefined (javascript:, command:, file:, vscode:…). */
export function openableUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    return OPENABLE_SCHEMES.has(url.protocol) ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
