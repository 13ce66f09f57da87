// Endpoint profiles (issue 12) on VS Code: the quick pick that chooses one (the palette's
// "Switch Endpoint Profile…" and the panel's toolbar) and the words for a profile that is gone.
// Names come from settings: shown as plain text, never as `$(icon)` syntax or a link.

import * as vscode from 'vscode';
import type { Dialogs } from '../dialogs';
import { endpointOrigin } from '../settings/settings';
import { MAX_PROFILE_NAME_LENGTH, type EndpointProfile } from '../settings/profiles';
import { MAX_QUOTED_VALUE_LENGTH, safeText } from '../reporting/untrustedText';

/** Where a profile's requests go, for the picker's detail line. */
function originOf(profile: EndpointProfile): string {
  try {
    return endpointOrigin(profile.baseUrl);
  } catch {
    return profile.baseUrl;
  }
}

/** The quick pick of profiles; resolves with the chosen key, undefined when dismissed. */
export function pickProfile(profiles: readonly EndpointProfile[], currentKey: string, dialogs: Pick<Dialogs, 'pickOne'>): Promise<string | undefined> {
  const choices = profiles.map((profile) => {
    const name = safeText(profile.name, MAX_PROFILE_NAME_LENGTH);
    const where = safeText(originOf(profile), MAX_QUOTED_VALUE_LENGTH);
    const model = profile.model ? safeText(profile.model, MAX_QUOTED_VALUE_LENGTH) : '';
    return {
      id: profile.key,
      label: profile.key === currentKey ? vscode.l10n.t('{0} (current)', name) : name,
      detail: model ? vscode.l10n.t('{0} · model {1}', where, model) : where,
    };
  });
  return dialogs.pickOne(choices, vscode.l10n.t('Completions Chat: Switch Endpoint Profile'));
}

/** Says that a conversation's profile is gone and which profile it uses now. */
export function profileGoneNotice(missingKey: string, instead: EndpointProfile, dialogs: Pick<Dialogs, 'warn'>): void {
  const missing = safeText(missingKey, MAX_PROFILE_NAME_LENGTH);
  const active = safeText(instead.name, MAX_PROFILE_NAME_LENGTH);
  dialogs.warn(vscode.l10n.t('Completions Chat: this conversation was started with the endpoint profile "{0}", which no longer exists in completionsChat.profiles. It now uses the profile "{1}".', missing, active));
}

/** Says that the active profile is gone from the settings and which profile is active now. */
export function activeProfileGoneNotice(missingKey: string, instead: EndpointProfile, dialogs: Pick<Dialogs, 'warn'>): void {
  const missing = safeText(missingKey, MAX_PROFILE_NAME_LENGTH);
  const active = safeText(instead.name, MAX_PROFILE_NAME_LENGTH);
  dialogs.warn(vscode.l10n.t('Completions Chat: the endpoint profile "{0}" no longer exists in completionsChat.profiles. The profile "{1}" is used now.', missing, active));
}
