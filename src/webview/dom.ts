// Small helpers to build DOM from script. Text always goes in as text (textContent), never
// as HTML: only markdown.ts → sanitize.ts produces HTML.

export interface ElementOptions {
  className?: string;
  text?: string;
  attributes?: Record<string, string>;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: readonly (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attributes ?? {})) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** A codicon glyph; decorative, so hidden from screen readers (the button/text carries the label). */
export function codicon(name: string, extraClass = ''): HTMLSpanElement {
  return element('span', { className: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, attributes: { 'aria-hidden': 'true' } });
}

/** A toolbar button showing only an icon; `label` is its tooltip and accessible name. */
export function iconButton(icon: string, label: string, onClick: () => void): HTMLButtonElement {
  const button = element('button', { className: 'icon-button', attributes: { type: 'button', title: label, 'aria-label': label } }, [codicon(icon)]);
  button.addEventListener('click', onClick);
  return button;
}

/** A button with an icon and a visible text label. */
export function textButton(icon: string | undefined, label: string, onClick: () => void, className = 'text-button'): HTMLButtonElement {
  const children: (Node | string)[] = icon ? [codicon(icon), element('span', { text: label })] : [element('span', { text: label })];
  const button = element('button', { className, attributes: { type: 'button' } }, children);
  button.addEventListener('click', onClick);
  return button;
}
