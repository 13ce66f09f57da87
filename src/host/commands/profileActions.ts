// Endpoint profiles (issue 12): what the palette's "Switch Endpoint Profile…" and the panel's
// profile picker both do, and what opening a conversation does to the profile. The panel shows
// the profile of the conversation it shows, and that profile is the active one (a new
// conversation takes it): switching changes both; opening a conversation from the history makes
// its profile the active one, or, when that profile is gone, says so and uses the active one.
// Free of `vscode` (the picker and the words come in as functions), so it runs in plain Node.

import type { ChatSession } from '../session/chatSession';
import type { EndpointProfile } from '../settings/profiles';
import type { ProfileService } from '../settings/profileService';
import type { ChatPresenter } from '../view/chatPresenter';

export interface ProfileActionsDeps {
  profiles: Pick<ProfileService, 'list' | 'find' | 'active' | 'setActive' | 'lostActive'>;
  session: Pick<ChatSession, 'conversation' | 'setProfile'>;
  presenter: Pick<ChatPresenter, 'modelChanged' | 'endpointChanged'>;
  /** completionsChat.model as it stands (the last valid value): a profile without a model uses it. */
  defaultModel(): string;
  /** The quick pick of profiles: resolves with the chosen key, undefined when dismissed. */
  pick(profiles: readonly EndpointProfile[], currentKey: string): Promise<string | undefined>;
  /** Tells the user that the conversation's profile is gone and which one it uses instead. */
  profileGone(missingKey: string, instead: EndpointProfile): void;
  /** Tells the user that the active profile is gone and which one is active instead. */
  activeProfileGone(missingKey: string, instead: EndpointProfile): void;
}

export class ProfileActions {
  constructor(private readonly deps: ProfileActionsDeps) {}

  /** The profile the shown conversation uses (its own while it exists, else the active one). */
  current(): EndpointProfile {
    return this.deps.profiles.find(this.deps.session.conversation.profile) ?? this.deps.profiles.active();
  }

  /** The picker (palette and panel); the chosen profile is used from the next question on. */
  async choose(): Promise<void> {
    const key = await this.deps.pick(this.deps.profiles.list(), this.current().key);
    if (key !== undefined) await this.switchTo(key);
  }

  /**
   * The shown conversation goes on with profile `key` (and its model) and new conversations
   * start with it; false when there is no such profile (any more).
   */
  async switchTo(key: string): Promise<boolean> {
    const profile = this.deps.profiles.find(key);
    if (!profile) return false;
    const same = profile.key === this.current().key;
    await this.deps.profiles.setActive(profile.key);
    // The same profile again keeps the conversation's model (the user may have chosen another).
    if (!same) this.use(profile);
    return true;
  }

  /**
   * A conversation was opened (from the history, or restored at start): its profile becomes the
   * active one; one from before profiles used Default. A profile that is gone is said plainly
   * and the conversation goes on with the active profile.
   */
  async opened(): Promise<void> {
    const { conversation } = this.deps.session;
    const own = this.deps.profiles.find(conversation.profile);
    if (own) {
      await this.deps.profiles.setActive(own.key);
      void this.deps.presenter.endpointChanged();
      return;
    }
    const instead = this.deps.profiles.active();
    this.deps.profileGone(String(conversation.profile), instead);
    this.use(instead);
  }

  /**
   * The settings changed: a profile removed from the settings (or no longer allowed) is replaced
   * and said once. The shown conversation's goes on with the active profile, as opening it from
   * the history would; a lost active profile gives way to Default. Only here, where the notice
   * comes before the next question: a question sent before this ran fails naming the setting
   * and nothing is sent, so a conversation never goes to another endpoint unannounced.
   */
  async checkProfiles(): Promise<void> {
    const { profiles } = this.deps;
    const { conversation } = this.deps.session;
    const lost = profiles.lostActive();
    const conversationGone = !profiles.find(conversation.profile);
    if (lost === undefined && !conversationGone) return;
    const instead = profiles.active();
    if (conversationGone) {
      this.deps.profileGone(String(conversation.profile), instead);
      this.use(instead);
    } else if (lost !== undefined) {
      this.deps.activeProfileGone(lost, instead);
      void this.deps.presenter.endpointChanged();
    }
    if (lost !== undefined) await profiles.setActive(instead.key);
  }

  /** The key and model a new conversation starts with. */
  forNewConversation(): { profile: string; model: string } {
    const active = this.deps.profiles.active();
    return { profile: active.key, model: active.model ?? this.deps.defaultModel() };
  }

  private use(profile: EndpointProfile): void {
    const model = profile.model ?? this.deps.defaultModel();
    this.deps.session.setProfile(profile.key, model);
    this.deps.presenter.modelChanged(model);
    // The toolbar's profile and the token status are the new endpoint's.
    void this.deps.presenter.endpointChanged();
  }
}
