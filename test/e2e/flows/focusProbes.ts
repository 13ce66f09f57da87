// Probes of the panel's keyboard focus and of what its controls look like, read in the webview's
// own frame. A control is named by its place among the panel's visible controls and its
// accessible name ("#4 button "Copy""), so a report says which one failed.
import type { Frame, Page } from 'playwright-core';

/** What a person can Tab to: the panel's interactive elements. */
const CONTROLS = 'button, input, textarea, select, a[href], summary, [tabindex]';
/** More presses than the panel has controls: a Tab loop that never ends is a trap. */
const MAX_PRESSES = 150;

/** The name of the focused control, or undefined when the focus is outside the panel. */
export async function focusedControl(frame: Frame): Promise<string | undefined> {
  return frame.evaluate((selector) => {
    if (!document.hasFocus()) return undefined;
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => element.tabIndex >= 0 && element.getClientRects().length > 0);
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return undefined;
    const label = (active.getAttribute('aria-label') ?? active.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `#${controls.indexOf(active)} ${active.tagName.toLowerCase()} "${label}"`;
  }, CONTROLS);
}

/**
 * Every control the keyboard reaches from the question box: Tab forward, then (from the question
 * box again) Shift+Tab back, each until the focus leaves the panel or comes round again.
 */
export async function reachableByTab(frame: Frame, page: Page): Promise<Set<string>> {
  const visited = new Set<string>();
  for (const key of ['Tab', 'Shift+Tab']) {
    await frame.focus('textarea.composer-input');
    const start = await focusedControl(frame);
    if (start) visited.add(start);
    for (let press = 0; press < MAX_PRESSES; press++) {
      await page.keyboard.press(key);
      const now = await focusedControl(frame);
      if (now === undefined || now === start) break;
      visited.add(now);
      if (press === MAX_PRESSES - 1) throw new Error(`${key} never left the panel nor came back to the question box: a focus trap`);
    }
  }
  return visited;
}

/** The visible, enabled controls that are not in `visited`. */
export async function unreachedControls(frame: Frame, visited: ReadonlySet<string>): Promise<string[]> {
  const all = await frame.evaluate((selector) => {
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => element.tabIndex >= 0 && element.getClientRects().length > 0);
    return controls
      .map((element, index) => ({ element, index }))
      .filter(({ element }) => !(element as HTMLButtonElement).disabled && getComputedStyle(element).visibility !== 'hidden')
      .map(({ element, index }) => {
        const label = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return `#${index} ${element.tagName.toLowerCase()} "${label}"`;
      });
  }, CONTROLS);
  return all.filter((name) => !visited.has(name));
}

/**
 * Whether focusing the control changes how it (or the box around it) looks: an outline, a
 * border, a shadow or a background. Compared with the same control unfocused.
 */
export async function focusIndicatorShown(frame: Frame, name: string): Promise<boolean> {
  return frame.evaluate(
    ({ selector, wanted }) => {
      const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => element.tabIndex >= 0 && element.getClientRects().length > 0);
      const index = Number(/^#(\d+)/.exec(wanted)?.[1] ?? -1);
      const element = controls[index];
      if (!element) return false;
      const look = (): string =>
        [element, element.parentElement, element.parentElement?.parentElement]
          .filter((node): node is HTMLElement => node instanceof HTMLElement)
          .map((node) => {
            const style = getComputedStyle(node);
            return [style.outlineStyle, style.outlineColor, style.outlineWidth, style.borderColor, style.boxShadow, style.backgroundColor].join('|');
          })
          .join(' / ');
      element.blur();
      const unfocused = look();
      (element.focus as (options: { focusVisible: boolean }) => void)({ focusVisible: true });
      return look() !== unfocused;
    },
    { selector: CONTROLS, wanted: name },
  );
}

/**
 * Controls that have no visible edge against the panel: no border or outline with a colour, and
 * (for icon-only buttons and links) no visible icon or text colour.
 */
export async function highContrastMisses(frame: Frame): Promise<string[]> {
  return frame.evaluate((selector) => {
    const opaque = (color: string): boolean => !/^rgba\(.*,\s*0\)$/.test(color) && color !== 'transparent';
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => element.tabIndex >= 0 && element.getClientRects().length > 0);
    const misses: string[] = [];
    controls.forEach((element, index) => {
      const style = getComputedStyle(element);
      const hasEdge = (node: HTMLElement): boolean => {
        const look = getComputedStyle(node);
        return ['top', 'right', 'bottom', 'left'].some(
          (side) => parseFloat(look.getPropertyValue(`border-${side}-width`)) > 0 && opaque(look.getPropertyValue(`border-${side}-color`)),
        );
      };
      // The control's own edge, or the box it sits in (the question box's frame holds the textarea and its buttons).
      const edged = [element, element.parentElement, element.parentElement?.parentElement].some((node) => node instanceof HTMLElement && hasEdge(node));
      const text = (element.textContent ?? '').trim();
      const iconOnly = text === '' && element.querySelector('.codicon, svg') !== null;
      const link = element.tagName === 'A' || style.textDecorationLine.includes('underline');
      if (edged || ((iconOnly || link) && opaque(style.color))) return;
      const label = (element.getAttribute('aria-label') ?? text).replace(/\s+/g, ' ').slice(0, 40);
      misses.push(`#${index} ${element.tagName.toLowerCase()}.${element.className} "${label}"`);
    });
    return misses;
  }, CONTROLS);
}
