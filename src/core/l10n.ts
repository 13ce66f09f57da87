// The core's words for people (error messages) in the display language. The core cannot see
// VS Code, so the host installs its translator (vscode.l10n.t) here once; until then, and in
// plain Node, the English text is used as written. The English text is the key, as for
// vscode.l10n.t, so `l10n/bundle.l10n.zh-cn.json` holds one table for every layer.

export type L10nArg = string | number;
export type Translator = (message: string, args: readonly L10nArg[]) => string;

/** `{0}`, `{1}`… replaced by the arguments; a placeholder without an argument stays. */
export function formatMessage(message: string, args: readonly L10nArg[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}

let translator: Translator = formatMessage;

/** Installed by the host at activation (and by each bundle that carries a copy of the core). */
export function setCoreTranslator(next: Translator): void {
  translator = next;
}

/** A message for a person, in the display language; arguments fill `{0}`, `{1}`… */
export function t(message: string, ...args: L10nArg[]): string {
  return translator(message, args);
}
