// The VS Code workbench as a person uses it, through Playwright: the command palette, quick
// input boxes, the activity bar, editor context menus, notifications and editor tabs.
// Everything goes through the UI (keys, clicks), never through VS Code's API, so a broken
// contribution (a command missing from the palette, a menu item under the wrong `when`) fails.
//
// Selectors are VS Code 1.100's (code-server 4.100.3). The file is type-checked without the
// DOM lib, so code that runs in the page is passed as a string.
import type { Locator, Page } from 'playwright-core';
import { STEP_TIMEOUT_MS, waitForText, waitForValue } from './waits';

// Flows import the step bound and the waits from here, as they did before waits.ts.
export { STEP_TIMEOUT_MS, waitForAttribute, waitForText, waitForValue } from './waits';

/**
 * One try of a step that is retried as a whole (opening the palette, going to a line). Long
 * enough that a try is not cut short by a busy machine: a retry is for a key that went astray
 * while focus settled, not for slowness.
 */
const ATTEMPT_TIMEOUT_MS = 10_000;

/** Opening or reloading the workbench: code-server loads ~12 MB of script and the extension host. */
const STARTUP_TIMEOUT_MS = 4 * STEP_TIMEOUT_MS;

export class Workbench {
  constructor(readonly page: Page) {}

  /** Opens the workbench and waits until it can take commands. */
  async open(url: string): Promise<void> {
    // The page's load event waits for ~12 MB of script: bounded by the startup time, not by
    // Playwright's 30 s default for navigations.
    await this.page.goto(url, { timeout: STARTUP_TIMEOUT_MS, waitUntil: 'domcontentloaded' });
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

  /**
   * Clicks the activity bar entry `name` unless its view is already showing (a click would
   * hide it), then waits until `isShown` says the view is there: state the product controls
   * (for the chat, its webview drawn and ready), never the tab's own `aria-label`, which VS Code
   * 1.100 leaves empty on the tab element (the name is on the label inside) until it happens to
   * redraw it. A click lost while the workbench still settles (the tab never got selected) is
   * made again; a selected tab is never clicked twice.
   */
  async showViewContainer(name: string, isShown: () => Promise<boolean>): Promise<void> {
    if (await isShown()) return;
    const item = this.activityBarItem(name);
    await item.click({ timeout: STEP_TIMEOUT_MS });
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    let clickedAt = Date.now();
    while (!(await isShown())) {
      const selected = (await item.getAttribute('aria-selected', { timeout: ATTEMPT_TIMEOUT_MS }).catch(() => null)) === 'true';
      if (Date.now() > deadline) {
        throw new Error(`the "${name}" view did not show after a click on its activity bar entry (the entry is ${selected ? '' : 'not '}selected)`);
      }
      if (!selected && Date.now() - clickedAt > ATTEMPT_TIMEOUT_MS) {
        await item.click({ timeout: ATTEMPT_TIMEOUT_MS });
        clickedAt = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private get quickInputBox(): Locator {
    return this.quickInput.locator('.quick-input-box input');
  }

  /**
   * F1, the command's label as shown in the palette, Enter. Waits until the focused row is
   * exactly that command, so a fuzzy match on a neighbour is never run instead. The palette
   * lists what was registered when it opened: right after a (re)load an extension's commands
   * may come a moment later, so an unmatched palette is closed and opened again.
   */
  async runCommand(label: string): Promise<void> {
    await retrying(`running "${label}" from the command palette`, async () => {
      await this.openCommandPalette();
      await this.quickInputBox.fill(`>${label}`, { timeout: ATTEMPT_TIMEOUT_MS });
      await waitForText(this.focusedRowLabel(), label, `the palette to offer "${label}"`, 'equals', ATTEMPT_TIMEOUT_MS);
      await this.quickInputBox.press('Enter', { timeout: ATTEMPT_TIMEOUT_MS });
    });
  }

  /**
   * F1 until the palette shows in command mode. Focus in the workbench settles a moment after
   * each click or closed box, and the palette closes when it loses focus, so a palette that
   * opened and closed again, or a key lost in a loading webview, just means: press F1 again.
   * What goes into the palette is filled into its input element, never typed at whatever has
   * focus, which may for a moment still be the chat composer in the webview's iframe.
   */
  private async openCommandPalette(): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    await this.quickInputBox.waitFor({ timeout: ATTEMPT_TIMEOUT_MS });
    await waitForValue(this.quickInputBox, '>', 'the command palette in command mode', ATTEMPT_TIMEOUT_MS);
  }

  private focusedRowLabel(): Locator {
    return this.quickInput.locator('.monaco-list-row.focused .label-name').first();
  }

  /** Quick open (the palette without '>'): opens a file of the workspace and focuses its editor. */
  async openFile(relativePath: string): Promise<void> {
    const fileName = relativePath.split('/').pop()!;
    await retrying(`opening ${relativePath} with quick open`, async () => {
      await this.openCommandPalette();
      await this.quickInputBox.fill(relativePath, { timeout: ATTEMPT_TIMEOUT_MS });
      await waitForText(this.focusedRowLabel(), fileName, `quick open to find ${relativePath}`, 'equals', ATTEMPT_TIMEOUT_MS);
      await this.quickInputBox.press('Enter', { timeout: ATTEMPT_TIMEOUT_MS });
      await this.activeTab(fileName).waitFor({ timeout: ATTEMPT_TIMEOUT_MS });
    });
    await this.editorFocused();
  }

  /** Puts the cursor at the start of `line` (1-based) with Go to Line (the palette's ':' mode). */
  async goToLine(line: number): Promise<void> {
    await retrying(`going to line ${line}`, () => this.goToLineOnce(line));
  }

  private async goToLineOnce(line: number): Promise<void> {
    await this.editorFocused();
    await this.openCommandPalette();
    await this.quickInputBox.fill(`:${line}:1`, { timeout: ATTEMPT_TIMEOUT_MS });
    await this.quickInputBox.press('Enter', { timeout: ATTEMPT_TIMEOUT_MS });
    await this.quickInput.waitFor({ state: 'hidden', timeout: ATTEMPT_TIMEOUT_MS });
    await waitForText(this.selectionStatus(), `Ln ${line}, Col 1`, `the cursor at line ${line}`, 'equals', ATTEMPT_TIMEOUT_MS);
    // Keys for the editor must wait until focus is back in it from the closed palette.
    await this.waitForEditorFocus();
  }

  /**
   * Selects from the start of `first` to the end of `last` with the keyboard, as a person
   * would: Go to Line, then Shift+Down and Shift+End. Checked on the status bar, and done
   * again if a key went astray while focus was still moving.
   */
  async selectLines(first: number, last: number): Promise<void> {
    await retrying(`selecting lines ${first}-${last}`, async () => {
      await this.goToLineOnce(first);
      for (let line = first; line < last; line++) await this.page.keyboard.press('Shift+ArrowDown');
      await this.page.keyboard.press('Shift+End');
      const selected = new RegExp(`^Ln ${last}, Col \\d+ \\(\\d+ selected\\)$`);
      await waitForText(this.selectionStatus(), selected, `lines ${first}-${last} selected`, 'matches', ATTEMPT_TIMEOUT_MS);
      await this.selectionHighlight().waitFor({ timeout: ATTEMPT_TIMEOUT_MS });
    });
  }

  /**
   * Where the focused editor draws its selection. Something else may take the focus just before
   * (a panel drawing itself late, in the web worker host): then the focus is put back into the
   * editor, which keeps its selection, as a person would click back into it.
   */
  private async selectionBox(): Promise<{ x: number; y: number; width: number; height: number } | null> {
    for (let attempt = 0; ; attempt++) {
      const highlight = this.selectionHighlight();
      const shown = await highlight.waitFor({ timeout: attempt === 0 ? ATTEMPT_TIMEOUT_MS : STEP_TIMEOUT_MS }).then(() => true, () => false);
      const box = shown ? await highlight.boundingBox({ timeout: ATTEMPT_TIMEOUT_MS }).catch(() => null) : null;
      if (box || attempt === 2) return box;
      await this.editorFocused();
    }
  }

  /** The drawn selection of the focused editor (one piece per line). */
  private selectionHighlight(): Locator {
    return this.page.locator('.monaco-editor.focused .selected-text').filter({ visible: true }).first();
  }

  /** The status bar's cursor/selection entry, e.g. `Ln 3, Col 1 (42 selected)`. */
  selectionStatus(): Locator {
    return this.page.locator('#status\\.editor\\.selection');
  }

  /**
   * Right-clicks the editor's selection and picks the last of `path` from the context menu,
   * opening the submenus named before it (e.g. `'Completions Chat', 'Ask About Selection…'`).
   */
  async contextMenuOnSelection(...path: [...string[], string]): Promise<void> {
    const item = path.at(-1)!;
    // The selection highlight lies under the text layer, which takes the click: so click at
    // its position, as a mouse would, rather than on the element.
    const box = await this.selectionBox();
    if (!box) throw new Error('the editor shows no selection to right-click');
    await this.page.mouse.click(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2, { button: 'right' });
    for (const submenu of path.slice(0, -1)) {
      // A submenu opens as the pointer rests on it, or with the right arrow key.
      const entry = this.page.getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(submenu)}(\\s|$)`) }).first();
      await entry.waitFor({ timeout: STEP_TIMEOUT_MS });
      await entry.hover();
      await this.page.keyboard.press('ArrowRight');
    }
    // A menu item's accessible name ends with its keybinding ("Ask About Selection… Ctrl+Alt+K").
    const menuItem = this.page.getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(item)}(\\s|$)`) });
    await menuItem.waitFor({ timeout: STEP_TIMEOUT_MS });
    await menuItem.click();
    // VS Code's menus ignore a mouse-up that comes too soon after they opened: the item is
    // then only highlighted and the menu stays. Enter on the highlighted item is what a
    // person would do next.
    const closed = await menuItem.waitFor({ state: 'hidden', timeout: ATTEMPT_TIMEOUT_MS }).then(() => true, () => false);
    if (!closed) {
      await menuItem.hover();
      await this.page.keyboard.press('Enter');
      await menuItem.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
    }
  }

  /** Waits for a quick input box whose title starts with `title`, types `text`, Enter. */
  async answerInputBox(title: string, text: string): Promise<void> {
    await waitForText(this.quickInput.locator('.quick-input-title'), title, `an input box titled "${title}"`, 'startsWith');
    // Typed key by key into the box itself (it takes focus first), as a person types.
    await this.quickInputBox.pressSequentially(text);
    await waitForValue(this.quickInputBox, text, `the input box to hold what was typed`, ATTEMPT_TIMEOUT_MS);
    await this.quickInputBox.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  }

  /**
   * Answers VS Code's open or save dialog. In a browser (code-server) that is the "simple" file
   * dialog, a quick input titled `title` whose box holds a path: the full path is filled in
   * and accepted with Enter, as a person would type it. Retried while the dialog still
   * completes the folder it opened in (it rewrites the box as it lists the folder).
   */
  async answerFileDialog(title: string, path: string): Promise<void> {
    await waitForText(this.quickInput.locator('.quick-input-title'), title, `a file dialog titled "${title}"`, 'startsWith');
    await retrying(`choosing ${path} in the file dialog`, async () => {
      await this.quickInputBox.fill(path, { timeout: ATTEMPT_TIMEOUT_MS });
      await waitForValue(this.quickInputBox, path, `the dialog to keep the path ${path}`, ATTEMPT_TIMEOUT_MS);
      await this.quickInputBox.press('Enter', { timeout: ATTEMPT_TIMEOUT_MS });
      await this.quickInput.waitFor({ state: 'hidden', timeout: ATTEMPT_TIMEOUT_MS });
    });
  }

  /**
   * Accepts the path a save dialog suggests, after checking it is `path`. Typing another name
   * races the simple file dialog's own asynchronous update of its value: Enter can still take
   * the old one.
   */
  async acceptSuggestedFile(title: string, path: string): Promise<void> {
    await waitForText(this.quickInput.locator('.quick-input-title'), title, `a file dialog titled "${title}"`, 'startsWith');
    await waitForValue(this.quickInputBox, path, `the dialog to suggest ${path}`);
    await this.quickInputBox.press('Enter', { timeout: ATTEMPT_TIMEOUT_MS });
    await this.quickInput.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  }

  /** The input of the quick input box now showing (e.g. to check it is a password box). */
  quickInputField(): Locator {
    return this.quickInputBox;
  }

  /**
   * Escape until no quick input (palette, input box) is left open. Each Escape is given time to
   * close the box before the next: a spare Escape would reach whatever has focus next, and in
   * the chat panel Escape stops the answer.
   */
  async closeQuickInput(): Promise<void> {
    for (let attempt = 0; attempt < 3 && (await this.quickInput.isVisible()); attempt++) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden', timeout: ATTEMPT_TIMEOUT_MS }).catch(() => undefined);
    }
    if (await this.quickInput.isVisible()) throw new Error('the quick input did not close on Escape');
  }

  /** VS Code's modal dialog (showWarningMessage with `modal: true`), whose message contains `text`. */
  dialog(text: string): Locator {
    return this.page.locator('.monaco-dialog-box', { has: this.page.locator('.dialog-message-text', { hasText: text }) });
  }

  /** Waits for the modal dialog whose message contains `text`; its message and detail as shown. */
  async readDialog(text: string): Promise<{ message: string; detail: string }> {
    const dialog = this.dialog(text);
    await dialog.waitFor({ timeout: STEP_TIMEOUT_MS });
    return {
      message: (await dialog.locator('.dialog-message-text').innerText()).trim(),
      detail: (await dialog.locator('.dialog-message-detail').innerText()).trim(),
    };
  }

  /** Clicks `button` in the modal dialog whose message contains `text`, and waits for it to close. */
  async answerDialog(text: string, button: string): Promise<void> {
    const dialog = this.dialog(text);
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
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
    await this.waitForEditorFocus();
  }

  /** Waits until the document's focus really is inside a text editor (not only styled so). */
  private async waitForEditorFocus(): Promise<void> {
    await this.page.waitForFunction("document.activeElement?.closest('.monaco-editor') != null", undefined, { timeout: ATTEMPT_TIMEOUT_MS });
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

/**
 * Runs `attempt` until it succeeds or the step's time is up. For UI steps that can be undone
 * by focus still settling (see openCommandPalette); each attempt has short timeouts of its own.
 */
async function retrying(what: string, attempt: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (let count = 1; ; count++) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`${what} did not work in ${count} attempts; the last: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
