// The VS Code workbench as a person uses it, through Playwright: the command palette, quick
// input boxes, the activity bar, editor context menus, notifications and editor tabs.
// Everything goes through the UI (keys, clicks), never through VS Code's API, so a broken
// contribution (a command missing from the palette, a menu item under the wrong `when`) fails.
//
// Selectors are VS Code 1.100's (code-server 4.100.3). The file is type-checked without the
// DOM lib, so code that runs in the page is passed as a string.
import type { Locator, Page } from 'playwright-core';

/**
 * How long a single UI step may take before the flow fails. Generous on purpose: a shared CI
 * machine with two cores under load draws the workbench many times slower than a laptop.
 */
export const STEP_TIMEOUT_MS = Number(process.env.COMPLETIONS_CHAT_E2E_STEP_TIMEOUT_MS || 30_000);

/** Opening or reloading the workbench: code-server loads ~12 MB of script and the extension host. */
const STARTUP_TIMEOUT_MS = 4 * STEP_TIMEOUT_MS;

export class Workbench {
  constructor(readonly page: Page) {}

  /** Opens the workbench and waits until it can take commands. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitUntilReady();
  }

  /** The workbench is drawn and the extension's activity bar entry is there (the .vsix is installed). */
  async waitUntilReady(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: STARTUP_TIMEOUT_MS });
    await this.activityBarItem('Completions Chat').waitFor({ timeout: STARTUP_TIMEOUT_MS });
    await this.page.locator('.part.statusbar').waitFor({ timeout: STARTUP_TIMEOUT_MS });
  }

  /**
   * Drags the sash between the side bar and the editor so the side bar is `width` px wide:
   * the default 300 px cuts code blocks in the chat panel short in screenshots.
   */
  async resizeSideBar(width: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) return; // hidden: nothing to resize
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
  }

  activityBarItem(name: string): Locator {
    return this.page.locator('.part.activitybar').getByRole('tab', { name, exact: true });
  }

  /** Clicks an activity bar entry unless its view container is already showing (a click would hide it). */
  async showViewContainer(name: string): Promise<void> {
    const item = this.activityBarItem(name);
    if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
    await this.page.waitForFunction(
      `document.querySelector('.part.activitybar [role=tab][aria-label=${JSON.stringify(name)}]')?.getAttribute('aria-selected') === 'true'`,
      undefined,
      { timeout: STEP_TIMEOUT_MS },
    );
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private get quickInputBox(): Locator {
    return this.quickInput.locator('.quick-input-box input');
  }

  /**
   * F1, type the command's label as shown in the palette, Enter. Waits until the focused row
   * is exactly that command, so a fuzzy match on a neighbour is never run instead. The palette
   * lists what was registered when it opened: right after a (re)load an extension's commands
   * may come a moment later, so an unmatched palette is closed and opened again.
   */
  async runCommand(label: string): Promise<void> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    const focusedLabel = this.quickInput.locator('.monaco-list-row.focused .label-name').first();
    let shown = '(nothing)';
    for (;;) {
      await this.openCommandPalette();
      await this.page.keyboard.type(label);
      const found = await waitForText(focusedLabel, label, '', 'equals', 5_000).then(() => true, () => false);
      if (found) break;
      shown = (await focusedLabel.innerText({ timeout: 1_000 }).catch(() => '(nothing)')).trim();
      if (Date.now() > deadline) throw new Error(`the command palette does not offer "${label}"; it offers "${shown}"`);
      await this.closeQuickInput();
    }
    await this.page.keyboard.press('Enter');
  }

  /**
   * F1 until the palette shows. A key pressed while a webview is still loading can be lost
   * (the webview forwards keys to the workbench only once its script runs), so one press is
   * not always enough; pressing again while the palette is open keeps it open.
   */
  async openCommandPalette(): Promise<void> {
    await this.closeQuickInput();
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      await this.page.keyboard.press('F1');
      const shown = await this.quickInputBox.waitFor({ timeout: 3_000 }).then(() => true, () => false);
      if (shown) break;
      if (Date.now() > deadline) throw new Error('F1 did not open the command palette');
    }
    await waitForValue(this.quickInputBox, '>', 'the command palette to be in command mode');
  }

  /** Quick open (the palette without '>'): goes to a file of the workspace. */
  async openFile(relativePath: string): Promise<void> {
    await this.openCommandPalette();
    await this.page.keyboard.press('Backspace'); // drop the '>' of command mode
    await this.page.keyboard.type(relativePath);
    const fileName = relativePath.split('/').pop()!;
    await waitForText(this.quickInput.locator('.monaco-list-row.focused .label-name').first(), fileName, `quick open to find ${relativePath}`);
    await this.page.keyboard.press('Enter');
    await this.activeTab(fileName).waitFor({ timeout: STEP_TIMEOUT_MS });
    await this.editorFocused();
  }

  /** Puts the cursor at the start of `line` (1-based) with Go to Line. */
  async goToLine(line: number): Promise<void> {
    await this.editorFocused();
    // The palette's ':' mode is Go to Line (Ctrl+G), reached the same retrying way as F1.
    await this.openCommandPalette();
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(`:${line}:1`);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
    await this.waitForCursor(line, 1);
  }

  /**
   * Selects from the start of `first` to the end of `last` with the keyboard, as a person
   * would: Go to Line, then Shift+Down and Shift+End.
   */
  async selectLines(first: number, last: number): Promise<void> {
    await this.goToLine(first);
    for (let line = first; line < last; line++) await this.page.keyboard.press('Shift+ArrowDown');
    await this.page.keyboard.press('Shift+End');
    await this.selectionHighlight().waitFor({ timeout: STEP_TIMEOUT_MS });
  }

  /** The drawn selection of the focused editor (one piece per line). */
  private selectionHighlight(): Locator {
    return this.page.locator('.monaco-editor.focused .selected-text').filter({ visible: true }).first();
  }

  /** Waits until the status bar shows the cursor at `line`:`column` (with no selection). */
  async waitForCursor(line: number, column: number): Promise<void> {
    await waitForText(this.page.locator('#status\\.editor\\.selection'), `Ln ${line}, Col ${column}`, `the cursor at line ${line}, column ${column}`);
  }

  /** The status bar's cursor/selection text, e.g. `Ln 3, Col 1 (42 selected)`. */
  async cursorStatus(): Promise<string> {
    return (await this.page.locator('#status\\.editor\\.selection').innerText()).trim();
  }

  /** Right-clicks the editor's selection and picks `item` from the context menu. */
  async contextMenuOnSelection(item: string): Promise<void> {
    // The selection highlight lies under the text layer, which takes the click: so click at
    // its position, as a mouse would, rather than on the element.
    const highlight = this.selectionHighlight();
    await highlight.waitFor({ timeout: STEP_TIMEOUT_MS });
    const box = await highlight.boundingBox();
    if (!box) throw new Error('the editor shows no selection to right-click');
    await this.page.mouse.click(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2, { button: 'right' });
    // A menu item's accessible name ends with its keybinding ("Ask About Selection… Ctrl+Alt+K").
    const menuItem = this.page.getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(item)}(\\s|$)`) });
    await menuItem.waitFor({ timeout: STEP_TIMEOUT_MS });
    await menuItem.click();
  }

  /** Waits for a quick input box whose title starts with `title`, types `text`, Enter. */
  async answerInputBox(title: string, text: string): Promise<void> {
    await waitForText(this.quickInput.locator('.quick-input-title'), title, `an input box titled "${title}"`, 'startsWith');
    await this.quickInputBox.focus();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  }

  /** The input of the quick input box now showing (e.g. to check it is a password box). */
  quickInputField(): Locator {
    return this.quickInputBox;
  }

  /** Escape until no quick input (palette, input box) is left open. */
  async closeQuickInput(): Promise<void> {
    for (let attempt = 0; attempt < 3 && (await this.quickInput.isVisible()); attempt++) {
      await this.page.keyboard.press('Escape');
    }
  }

  /** A notification toast containing `text`. */
  notification(text: string): Locator {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text });
  }

  /** Clears every notification, so later toasts are this flow's own. */
  async clearNotifications(): Promise<void> {
    await this.closeQuickInput();
    await this.runCommand('Notifications: Clear All Notifications');
  }

  activeTab(fileName: string): Locator {
    return this.page.locator('.tabs-container .tab.active', { hasText: fileName });
  }

  /** Puts keyboard focus into the active text editor (clicking its tab keeps the cursor). */
  async editorFocused(): Promise<void> {
    await this.page.locator('.tabs-container .tab.active').click();
    await this.page.locator('.monaco-editor.focused').waitFor({ timeout: STEP_TIMEOUT_MS });
  }

  /** Ctrl+S in the active editor, then waits until its tab is no longer dirty. */
  async saveActiveEditor(fileName: string): Promise<void> {
    await this.editorFocused();
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty', { hasText: fileName }).waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
  }

  /** Developer: Reload Window, then waits for the new workbench. */
  async reloadWindow(): Promise<void> {
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (frame) => frame === this.page.mainFrame(), timeout: STARTUP_TIMEOUT_MS });
    await this.runCommand('Developer: Reload Window');
    await navigated;
    await this.waitUntilReady();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until an input's value is `expected`. */
async function waitForValue(input: Locator, expected: string, what: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let last = '';
  while ((last = await input.inputValue().catch(() => '(not shown)')) !== expected) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the input holds "${last}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `locator`'s text equals (or starts with) `expected`; the error says what was shown. */
export async function waitForText(
  locator: Locator,
  expected: string,
  what: string,
  match: 'equals' | 'startsWith' = 'equals',
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '(not shown)';
  for (;;) {
    const text = await locator.innerText({ timeout: 1_000 }).catch(() => undefined);
    if (text !== undefined) {
      last = text.trim();
      if (match === 'equals' ? last === expected : last.startsWith(expected)) return;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last shown: "${last}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
