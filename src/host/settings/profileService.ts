// Which endpoint profile is in use (issue 12). The active profile is the user's choice, kept
// across windows; a new conversation takes it, and a conversation remembers the profile it was
// started with (`Conversation.profile`; absent in files written before profiles: Default). The
// panel shows and switches the profile of the conversation it shows, which is also made the
// active one. Free of `vscode`.

import { SETTING_IDS } from '../contributionIds';
import { quote } from '../reporting/untrustedText';
import { t } from '../../shared/l10n';
import { DEFAULT_PROFILE_KEY, defaultProfile, profileKeyOf, readProfiles, type EndpointProfile } from './profiles';
import { SettingError, type Settings } from './settings';
import type { SettingsService } from './settingsService';

/** The settings of one request: the endpoint of `profile`, every other setting as set. */
export type ProfiledSettings = Settings & { profile: EndpointProfile };

/** Where the active profile's key is kept (VS Code's global state: the user's choice in every window). */
export interface ActiveProfileState {
  get(): string | undefined;
  set(key: string): Thenable<void> | Promise<void>;
}

export interface ProfileServiceDeps {
  /** `completionsChat.profiles` as the workspace's trust allows it (untrusted: the user's own only). */
  raw(): unknown;
  settings: Pick<SettingsService, 'current' | 'forRequest'>;
  state: ActiveProfileState;
  /** Shows a problem with the setting (called once per distinct problem). */
  report(problem: SettingError): void;
}

export class ProfileService {
  private readonly reported = new Set<string>();

  constructor(private readonly deps: ProfileServiceDeps) {}

  /** The Default profile first, then the setting's valid entries; each bad entry reported once. */
  list(): EndpointProfile[] {
    return [defaultProfile(this.deps.settings.current().settings), ...this.entries(this.deps.raw())];
  }

  /** Whether there is more than the Default profile to choose from. */
  hasChoice(): boolean {
    return this.list().length > 1;
  }

  /**
   * The profile of `key`; absent key: Default (a conversation from before profiles, or a file
   * whose field is not a profile key at all).
   */
  find(key: unknown): EndpointProfile | undefined {
    const wanted = profileKeyOf(key) ?? DEFAULT_PROFILE_KEY;
    return this.list().find((profile) => profile.key === wanted);
  }

  /** The profile new conversations use: the last one chosen while it exists, else Default. */
  active(): EndpointProfile {
    const list = this.list();
    const key = this.deps.state.get();
    return list.find((profile) => profile.key === key) ?? list[0]!;
  }

  /** The key of the active profile the user chose, when it is no longer among the profiles (removed, or untrusted now). */
  lostActive(): string | undefined {
    const key = this.deps.state.get();
    return key !== undefined && !this.list().some((profile) => profile.key === key) ? key : undefined;
  }

  async setActive(key: string): Promise<void> {
    if (this.deps.state.get() !== key) await this.deps.state.set(key);
  }

  /**
   * The settings of a request of a conversation started with profile `key`. A profile that is
   * gone fails the request, naming the setting: the question is never sent to another endpoint
   * than the one the conversation uses without the user choosing it.
   */
  requestSettings(key: unknown): ProfiledSettings {
    const settings = this.deps.settings.forRequest();
    const wanted = profileKeyOf(key) ?? DEFAULT_PROFILE_KEY;
    if (wanted === DEFAULT_PROFILE_KEY) return { ...settings, profile: defaultProfile(settings) };
    const profile = this.entries(this.deps.raw()).find((candidate) => candidate.key === wanted);
    if (!profile) {
      throw new SettingError(SETTING_IDS.profiles, t('has no profile {0} any more, which this conversation uses; nothing was sent. Choose one with "Completions Chat: Switch Endpoint Profile…".', quote(wanted)));
    }
    return { ...settings, baseUrl: profile.baseUrl, profile };
  }

  /** The setting's valid entries; each bad one reported once. */
  private entries(raw: unknown): EndpointProfile[] {
    const { profiles, problems } = readProfiles(raw);
    for (const problem of problems) {
      if (this.reported.has(problem.message)) continue;
      this.reported.add(problem.message);
      this.deps.report(problem);
    }
    return profiles;
  }
}
