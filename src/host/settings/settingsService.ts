// The one place the rest of the extension gets its settings from. It reads the configuration
// through a small source (VS Code's in vscodeSettings.ts, a fake in the unit tests), keeps the
// last valid snapshot, tells the user about a bad value once, and has one change event.
//
// While a setting is bad:
// - a request, or a command that needs the setting to do what was asked, fails with the
//   SettingError naming it (`forRequest`): a send shows it in the answer, with "Open Settings";
// - what only shows or guesses (the panel's parameter defaults, a new conversation's model) uses
//   the last valid snapshot, the defaults before any (`current().settings`);
// - what grants something (the image allow-list, the endpoint's private addresses, the token's
//   origin) grants nothing (`valid()` is undefined).
// The bad value is reported once, when it is first seen; fixed and broken again, it is reported
// again. A command the user ran that failed because of it says so every time (`reportFailure`).
// Free of `vscode`.

import { endpointOrigin, readSettings, SettingError, type ConfigurationReader, type Settings, SETTING_DEFAULTS } from './settings';

/** Where the settings come from: the `completionsChat` section, the workspace's trust, changes. */
export interface SettingsSource {
  /** The `completionsChat` section as it is now. */
  configuration(): ConfigurationReader;
  /** Whether the workspace is trusted now (untrusted, restricted settings are the user's own). */
  trusted(): boolean;
  /** Calls `listener` after any `completionsChat.*` change, and when the workspace becomes trusted. */
  onDidChange(listener: () => void): { dispose(): void };
}

/** The settings at one moment. */
export interface SettingsState {
  /** The settings when all are valid; while one is bad, the last valid ones (the defaults before any). */
  readonly settings: Readonly<Settings>;
  /** The first bad setting, naming it; undefined when every setting is valid. */
  readonly error?: SettingError;
}

/** Tells the user about a bad setting, naming it, with a way to open it. */
export type SettingErrorReporter = (error: SettingError) => void;

export class SettingsService {
  private lastValid: Readonly<Settings> = SETTING_DEFAULTS;
  /** The message of the bad value the user was last told about, until a valid read. */
  private reported: string | undefined;
  private readonly listeners = new Set<(state: SettingsState) => void>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly source: SettingsSource, private readonly report: SettingErrorReporter) {
    this.subscription = source.onDidChange(() => this.changed());
  }

  /** The settings now (see SettingsState); a bad value is reported, once. */
  current(): SettingsState {
    const state = this.read();
    if (state.error) this.reportOnce(state.error);
    return state;
  }

  /**
   * The settings for a request or for a command that needs them; throws the SettingError of a
   * bad one, not reported here: the caller shows its failure where it was asked.
   */
  forRequest(): Settings {
    const { settings, error } = this.read();
    if (error) throw error;
    return settings;
  }

  /** The settings when every one is valid; undefined while one is bad (reported once). */
  valid(): Readonly<Settings> | undefined {
    const { settings, error } = this.current();
    return error ? undefined : settings;
  }

  /**
   * Shows a SettingError that made a command fail, every time (the user asked for something
   * and it did not happen); false for any other error.
   */
  reportFailure(error: unknown): boolean {
    if (!(error instanceof SettingError)) return false;
    this.reported = error.message;
    this.report(error);
    return true;
  }

  /** After any change of the settings or the workspace's trust, with the state it left. */
  onDidChange(listener: (state: SettingsState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }

  private read(): SettingsState {
    let settings: Settings;
    try {
      settings = readSettings(this.source.configuration(), this.source.trusted());
      endpointOrigin(settings.baseUrl); // the URL is checked too, naming the setting
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      return { settings: this.lastValid, error };
    }
    this.lastValid = settings;
    this.reported = undefined;
    return { settings };
  }

  /** Reports a bad value unless the user was already told about this very one. */
  private reportOnce(error: SettingError): void {
    if (this.reported === error.message) return;
    this.reported = error.message;
    this.report(error);
  }

  private changed(): void {
    const state = this.current();
    for (const listener of [...this.listeners]) listener(state);
  }
}
