// Tells the user about a bad setting by its name, with a button that opens it, and tells the
// rest of the extension when the endpoint changed.

import * as vscode from 'vscode';
import { endpointOrigin, readSettings, SETTINGS_SECTION, SettingError, type Settings } from './settings';
import { safeText } from '../reporting/untrustedText';

/** The settings now; in an untrusted workspace the restricted ones are the user's own. */
export function currentSettings(trusted = vscode.workspace.isTrusted): Settings {
  const settings = readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION), trusted);
  endpointOrigin(settings.baseUrl); // validates the URL, naming the setting
  return settings;
}

/** Shows a SettingError with an "Open Settings" button; false for any other error. */
export function reportSettingError(error: unknown): boolean {
  if (!(error instanceof SettingError)) return false;
  // The message quotes the bad value; safeText makes sure no part of it can become a link.
  void vscode.window.showWarningMessage(`Completions Chat: ${safeText(error.message)}`, 'Open Settings').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', error.setting);
  });
  return true;
}

/** The current settings, or undefined after reporting the bad one. */
export function settingsOrReport(): Settings | undefined {
  try {
    return currentSettings();
  } catch (error) {
    if (reportSettingError(error)) return undefined;
    throw error;
  }
}

/** The current settings, or undefined while one is bad (it is reported where it is used). */
export function settingsIfValid(): Settings | undefined {
  try {
    return currentSettings();
  } catch (error) {
    if (error instanceof SettingError) return undefined;
    throw error;
  }
}

/**
 * Calls `onChange` after any of the extension's settings changed, reporting a bad value at
 * once; also when the workspace becomes trusted, as its values of restricted settings then count.
 */
export function watchSettings(onChange: () => void): vscode.Disposable {
  const changed = () => {
    settingsOrReport();
    onChange();
  };
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) changed();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(changed),
  );
}
