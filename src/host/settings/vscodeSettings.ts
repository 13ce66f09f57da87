// The settings service on VS Code's configuration: the `completionsChat` section, the
// workspace's trust, and a warning that names a bad setting with a button that opens it.

import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../contributionIds';
import type { Dialogs } from '../dialogs';
import { safeText } from '../reporting/untrustedText';
import { readPrompts, type SettingError } from './settings';
import { SettingsService, type SettingsSource } from './settingsService';

/** The real source; `trusted` is replaceable so a test can read as an untrusted workspace would. */
export function vscodeSettingsSource(trusted: () => boolean = () => vscode.workspace.isTrusted): SettingsSource {
  return {
    configuration: () => vscode.workspace.getConfiguration(SETTINGS_SECTION),
    trusted,
    onDidChange: (listener) =>
      vscode.Disposable.from(
        vscode.workspace.onDidChangeConfiguration((event) => {
          if (event.affectsConfiguration(SETTINGS_SECTION)) listener();
        }),
        // Once trusted, the workspace's values of restricted settings count.
        vscode.workspace.onDidGrantWorkspaceTrust(listener),
      ),
  };
}

/** A warning naming the setting, with "Open Settings" at it. */
export function showSettingError(error: SettingError, dialogs: Pick<Dialogs, 'warnWithAction'>): void {
  // The message quotes the bad value; safeText makes sure no part of it can become a link.
  void dialogs.warnWithAction(vscode.l10n.t('Completions Chat: {0}', safeText(error.message)), vscode.l10n.t('Open Settings')).then((chosen) => {
    if (chosen) void vscode.commands.executeCommand('workbench.action.openSettings', error.setting);
  });
}

/** The prompts now, as this workspace's trust allows them. */
export function currentPrompts(): ReturnType<typeof readPrompts> {
  return readPrompts(vscode.workspace.getConfiguration(SETTINGS_SECTION), vscode.workspace.isTrusted);
}

export function createSettingsService(dialogs: Pick<Dialogs, 'warnWithAction'>): SettingsService {
  return new SettingsService(vscodeSettingsSource(), (error) => showSettingError(error, dialogs));
}
