// Endpoint profiles (issue 12) wired to VS Code and to the chat: the profile service on the
// configuration and the global state, a request's endpoint (token, custom headers, fetch) for
// the profile of its settings, and the actions the palette and the panel share.

import * as vscode from 'vscode';
import type { ModelListOptions } from '../core/modelList';
import { endpointOrigin, type Credentials, type EndpointSettings } from './credentials/credentials';
import type { Dialogs } from './dialogs';
import type { VscodeNetwork } from './network/customHeadersCommand';
import type { RequestExtras } from './network/endpointExtras';
import { ProfileActions } from './commands/profileActions';
import { activeProfileGoneNotice, pickProfile, profileGoneNotice } from './commands/profilePicker';
import type { ChatSession } from './session/chatSession';
import { SETTINGS_SECTION } from './contributionIds';
import type { EndpointProfile } from './settings/profiles';
import { ProfileService } from './settings/profileService';
import { configurationForTrust, type SettingError } from './settings/settings';
import type { SettingsService } from './settings/settingsService';
import type { ChatPresenter, EndpointStatus } from './view/chatPresenter';

/** Where the active profile's key is kept: global state, the user's choice in every window. */
const ACTIVE_PROFILE_STATE_KEY = 'completionsChat.activeProfile';

export function createProfileService(context: vscode.ExtensionContext, settings: SettingsService, report: (problem: SettingError) => void): ProfileService {
  return new ProfileService({
    // Restricted like baseUrl: untrusted, a repository cannot add an endpoint the user did not.
    raw: () => configurationForTrust(vscode.workspace.getConfiguration(SETTINGS_SECTION), vscode.workspace.isTrusted).get<unknown>('profiles'),
    settings,
    state: { get: () => context.globalState.get<string>(ACTIVE_PROFILE_STATE_KEY), set: (key) => context.globalState.update(ACTIVE_PROFILE_STATE_KEY, key) },
    report,
  });
}

type ProfiledSettings = EndpointSettings & { profile?: EndpointProfile };

/** The custom headers and fetch of the endpoint of `settings`: its profile's headers, or completionsChat.headers. */
export function extrasFor(network: VscodeNetwork, settings: ProfiledSettings): Promise<RequestExtras> {
  return network.extras.forEndpoint(settings.baseUrl, settings.profile?.headers);
}

/** A request's endpoint: the token of the profile, its headers, the proxy/CA fetch. */
export function requestEndpoint(credentials: Credentials, network: VscodeNetwork) {
  return async (settings: ProfiledSettings) => {
    const endpoint = await credentials.forRequest(settings);
    const extras = await extrasFor(network, settings);
    return { ...endpoint, headers: extras.headers, secrets: extras.secrets, fetch: extras.fetch };
  };
}

export function modelListOptionsFor(network: VscodeNetwork): (settings: ProfiledSettings) => Promise<ModelListOptions> {
  return (settings) => extrasFor(network, settings);
}

export interface ProfileActionsParts {
  profiles: ProfileService;
  session: ChatSession;
  presenter: ChatPresenter;
  settings: SettingsService;
  dialogs: Dialogs;
}

export function profileActionsFor({ profiles, session, presenter, settings, dialogs }: ProfileActionsParts): ProfileActions {
  return new ProfileActions({
    profiles,
    session,
    presenter,
    defaultModel: () => settings.current().settings.model,
    pick: (list, currentKey) => pickProfile(list, currentKey, dialogs),
    profileGone: (missingKey, instead) => profileGoneNotice(missingKey, instead, dialogs),
    activeProfileGone: (missingKey, instead) => activeProfileGoneNotice(missingKey, instead, dialogs),
  });
}

/** The status line of the panel: the shown conversation's endpoint, its token, and its profile's name when there is a choice. */
export async function endpointStatusFor(actions: ProfileActions, profiles: ProfileService, settings: SettingsService, credentials: Credentials): Promise<EndpointStatus> {
  const { origin, profile } = endpointOf(actions, profiles, settings);
  const hasToken = origin ? await credentials.hasToken(origin, actions.current().key) : false;
  return { origin, hasToken, ...(profile !== undefined ? { profile } : {}) };
}

/**
 * The endpoint as the settings say, a token assumed where there is an origin: no secret read. What
 * a panel built before the read carries (issue 10); `tokenStatus` corrects it after `ready`.
 */
export function endpointGuessFor(actions: ProfileActions, profiles: ProfileService, settings: SettingsService): EndpointStatus {
  const { origin, profile } = endpointOf(actions, profiles, settings);
  return { origin, hasToken: origin !== '', ...(profile !== undefined ? { profile } : {}) };
}

function endpointOf(actions: ProfileActions, profiles: ProfileService, settings: SettingsService): Omit<EndpointStatus, 'hasToken'> {
  const profile = actions.current();
  let origin = '';
  try {
    origin = settings.valid() ? endpointOrigin(profile.baseUrl) : '';
  } catch {
    // A bad Default baseUrl is reported by the settings service; the panel shows no endpoint.
  }
  return { origin, ...(profiles.hasChoice() ? { profile: profile.name } : {}) };
}

/** The session as the history sees it: a conversation opened takes its profile, a new one the active profile. */
export function historySession(session: ChatSession, actions: ProfileActions): { readonly conversation: ChatSession['conversation']; open(conversation: ChatSession['conversation']): void; reset(model: string): void } {
  return {
    get conversation() {
      return session.conversation;
    },
    open: (conversation) => {
      session.open(conversation);
      void actions.opened();
    },
    reset: () => {
      const started = actions.forNewConversation();
      session.reset(started.model, started.profile);
    },
  };
}
