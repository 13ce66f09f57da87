// The Sources strip under an answer with links (browsing models answer that way): each linked
// site once, as its host and the link's text. Clicking one opens it through the host like any
// link in an answer (http and https only), via the transcript's single click handler.

import { extractSources } from '../shared/answerLinks';
import { codicon, element } from './dom';
import { t } from '../shared/l10n';

/** The strip for `markdown`, or undefined when the answer links to no web site. */
export function renderSources(markdown: string): HTMLElement | undefined {
  const sources = extractSources(markdown);
  if (sources.length === 0) return undefined;
  const items = sources.map((source) => {
    const link = element('a', { className: 'source-link', attributes: { href: source.url, title: source.url } }, [
      element('span', { className: 'source-host', text: source.host }),
      element('span', { className: 'source-title', text: source.title === source.host ? '' : source.title }),
    ]);
    return element('li', { className: 'source' }, [link]);
  });
  return element('nav', { className: 'sources', attributes: { 'aria-label': t('Sources') } }, [
    element('div', { className: 'sources-heading' }, [codicon('globe'), element('span', { text: t('Sources ({0})', sources.length) })]),
    element('ul', { className: 'sources-list' }, items),
  ]);
}

/** Puts the strip for `markdown` at the end of `container` (replacing an older one). */
export function showSources(container: HTMLElement, markdown: string | undefined): void {
  for (const child of Array.from(container.children)) if (child.classList.contains('sources')) child.remove();
  const strip = markdown === undefined ? undefined : renderSources(markdown);
  if (strip) container.append(strip);
}
