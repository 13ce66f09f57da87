// The panel's strings in VS Code's display language: the host puts the locale and the
// translated table in the page (host/view/webviewHtml.ts); read once, before anything is drawn,
// so every label, title and aria-label the panel makes goes through shared/l10n's `t`.

import { CATALOGUE_ELEMENT_ID, catalogueFrom, tableTranslator, useLocale } from '../shared/l10n';

/** Installs the page's catalogue; English (the keys themselves) when there is none or it is malformed. */
export function installCatalogue(doc: Document = document): string {
  const text = doc.getElementById(CATALOGUE_ELEMENT_ID)?.textContent;
  let catalogue;
  try {
    catalogue = text ? catalogueFrom(JSON.parse(text)) : undefined;
  } catch {
    catalogue = undefined;
  }
  if (!catalogue) return 'en';
  useLocale(catalogue.locale, tableTranslator(catalogue.messages));
  return catalogue.locale;
}
