// Words and numbers for people in the display language, for the panel and the host alike.
// The English text is the key (the convention of vscode.l10n.t): a string is added in one place,
// where it is used, and translated in `l10n/bundle.l10n.zh-cn.json`; a key without a translation
// shows in English rather than as an id. The host installs vscode.l10n.t; the panel installs the
// table the host put in its page (webview/catalogue.ts). Until then the English text is used.

export type L10nArg = string | number;
export type Translator = (message: string, args: readonly L10nArg[]) => string;

/** `{0}`, `{1}`… replaced by the arguments; a placeholder without an argument stays. */
export function formatMessage(message: string, args: readonly L10nArg[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}

/** The element of the panel's page that holds its catalogue as JSON (host writes, panel reads). */
export const CATALOGUE_ELEMENT_ID = 'completions-chat-l10n';

/** What the panel needs to speak the display language: the locale and the translated table. */
export interface PanelCatalogue {
  locale: string;
  /** English text → translation; empty in English. */
  messages: Record<string, string>;
}

/** The catalogue from untrusted JSON: only string entries survive; undefined when it is not one. */
export function catalogueFrom(value: unknown): PanelCatalogue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { locale, messages } = value as { locale?: unknown; messages?: unknown };
  if (typeof locale !== 'string' || typeof messages !== 'object' || messages === null) return undefined;
  const table: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, text] of Object.entries(messages)) if (typeof text === 'string') table[key] = text;
  return { locale, messages: table };
}

/** A translator over a catalogue's table: the English text where it has no entry. */
export function tableTranslator(messages: Readonly<Record<string, string>>): Translator {
  return (message, args) => formatMessage(Object.hasOwn(messages, message) ? messages[message]! : message, args);
}

let translator: Translator = formatMessage;
let locale = 'en';

/** The display language (VS Code's `env.language`, e.g. `zh-cn`) and how to translate into it. */
export function useLocale(displayLocale: string, translate: Translator = formatMessage): void {
  locale = validLocale(displayLocale);
  translator = translate;
}

/** A message for a person, in the display language; arguments fill `{0}`, `{1}`… */
export function t(message: string, ...args: L10nArg[]): string {
  return translator(message, args);
}

/** The display language as a BCP 47 tag Intl accepts (`zh-cn`), `en` when it is not one. */
export function displayLocale(): string {
  return locale;
}

/** A count or size grouped the local way: 12,345 in English, 12,345 in Chinese too, 12 345 in French. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** A calendar date the local way: 3/14/2026 in English, 2026/3/14 in Chinese. */
export function formatDate(time: number): string {
  return new Date(time).toLocaleDateString(locale);
}

/** "5 minutes ago" / "5分钟前": a past moment, in whole units. */
export function formatAgo(amount: number, unit: Intl.RelativeTimeFormatUnit): string {
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-amount, unit);
}

function validLocale(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag).length === 1 ? tag : 'en';
  } catch {
    // A malformed tag would make every Intl call throw a RangeError.
    return 'en';
  }
}
