// The chat webview's HTML: a strict CSP, the bundled script by nonce, styles from the
// extension only. Nothing remote can load: no https: anywhere, images only from the extension
// or data: URLs the host made. The display language's table rides in the page as a JSON data
// block (not a script: it never runs), so the panel draws its first frame in that language;
// so does the conversation's first state when the host knows it (issue 10), so the panel draws
// it in its first frame instead of after a round trip through the workbench.

import { CATALOGUE_ELEMENT_ID, type PanelCatalogue } from '../../shared/l10n';
import { FIRST_STATE_ELEMENT_ID, MAX_FIRST_STATE_CHARS, type FirstStateBlock } from '../../shared/protocol';

export interface WebviewResources {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  codiconsUri: string;
  /** The math script, which the page adds itself (same nonce) when an answer holds math. */
  mathScriptUri?: string | undefined;
  /** The display language and its strings for the panel; English when absent. */
  catalogue?: PanelCatalogue | undefined;
  /** The state the page draws at start, numbered (issue 10); absent: it waits for the `state` message. */
  firstState?: FirstStateBlock | undefined;
}


export function createNonce(): string {
  // Web Crypto: the same in Node and in the browser build's web worker.
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function mathAttribute(uri: string | undefined): string {
  return uri ? ` data-math-script="${escapeAttribute(uri)}"` : '';
}

/**
 * JSON that cannot close its <script> element or open a comment, whatever the strings hold (a
 * model's answer can hold `</script>`); the line separators go escaped too, so the text stays
 * valid even read as a script.
 */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function catalogueBlock(catalogue: PanelCatalogue | undefined): string {
  if (!catalogue) return '';
  return `<script type="application/json" id="${CATALOGUE_ELEMENT_ID}">${jsonForHtml(catalogue)}</script>\n`;
}

/** The first state as data; none when it is too big for the page (it then goes as a message). */
function firstStateBlock(block: FirstStateBlock | undefined): string {
  if (!block) return '';
  const json = jsonForHtml(block);
  if (json.length > MAX_FIRST_STATE_CHARS) return '';
  return `<script type="application/json" id="${FIRST_STATE_ELEMENT_ID}">${json}</script>\n`;
}

export function chatHtml(resources: WebviewResources, nonce = createNonce()): string {
  const csp = contentSecurityPolicy(resources.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(resources.catalogue?.locale ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(resources.codiconsUri)}">
<link rel="stylesheet" href="${escapeAttribute(resources.styleUri)}">
<title>Completions Chat</title>
</head>
<body>
<div id="app"></div>
${catalogueBlock(resources.catalogue)}${firstStateBlock(resources.firstState)}<script nonce="${nonce}" src="${escapeAttribute(resources.scriptUri)}"${mathAttribute(resources.mathScriptUri)}></script>
</body>
</html>`;
}
