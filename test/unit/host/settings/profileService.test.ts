// Endpoint profiles (issue 12): which profile is active, which one a conversation's request
// goes to, and each bad entry reported once.
import assert from 'node:assert/strict';
import { SETTING_DEFAULTS, SettingError, type Settings } from '../../../../src/host/settings/settings';
import { ProfileService } from '../../../../src/host/settings/profileService';
import { tokenSecretKey } from '../../../../src/host/credentials/tokenStore';
import { tableTranslator, useLocale } from '../../../../src/shared/l10n';

function service(raw: unknown, options: { active?: string; badSetting?: boolean } = {}) {
  const reports: string[] = [];
  let active = options.active;
  const settings: Settings = { ...SETTING_DEFAULTS, baseUrl: 'https://default.example/v1', model: 'default-model' };
  const profiles = new ProfileService({
    raw: () => raw,
    settings: {
      current: () => ({ settings }),
      forRequest: () => {
        if (options.badSetting) throw new SettingError('completionsChat.temperature', 'must be a number.');
        return settings;
      },
    },
    state: { get: () => active, set: async (key) => void (active = key) },
    report: (problem) => reports.push(problem.message),
  });
  return { profiles, reports, active: () => active };
}

const TWO = [
  { name: 'Local', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', headers: { 'X-Team': 'a' } },
  { name: 'Work', id: 'work', baseUrl: 'https://work.example/v1' },
];

describe('endpoint profiles: the profile service', () => {
  afterEach(() => useLocale('en'));

  it('names the Default profile in the display language; its key, and so its token, stay the same', () => {
    useLocale('zh-cn', tableTranslator({ Default: '默认' }));
    const { profiles } = service(TWO);
    const [first] = profiles.list();
    assert.equal(first!.name, '默认', "the toolbar's and the picker's name");
    assert.equal(first!.key, 'default');
    assert.equal(profiles.active().name, '默认');
    assert.equal(tokenSecretKey(first!.key), 'completionsChat.apiToken', 'the token of before profiles, whatever the language');
    useLocale('en');
    assert.equal(profiles.list()[0]!.name, 'Default');
    assert.equal(tokenSecretKey(profiles.list()[0]!.key), 'completionsChat.apiToken');
  });

  it('offers the Default profile (completionsChat.baseUrl/model) first, then the setting\'s', () => {
    const { profiles } = service(TWO);
    assert.deepEqual(profiles.list().map((profile) => [profile.key, profile.name, profile.baseUrl, profile.model]), [
      ['default', 'Default', 'https://default.example/v1', 'default-model'],
      ['local', 'Local', 'http://127.0.0.1:11434/v1', 'llama3.1'],
      ['work', 'Work', 'https://work.example/v1', undefined],
    ]);
    assert.equal(profiles.hasChoice(), true);
    assert.equal(service(undefined).profiles.hasChoice(), false);
  });

  it('keeps the active profile chosen, and falls back to Default when it is gone', async () => {
    const { profiles, active } = service(TWO);
    assert.equal(profiles.active().key, 'default');
    await profiles.setActive('work');
    assert.equal(active(), 'work');
    assert.equal(profiles.active().name, 'Work');
    assert.equal(service(TWO, { active: 'removed' }).profiles.active().key, 'default');
  });

  it("finds a conversation's profile; a conversation from before profiles is Default's", () => {
    const { profiles } = service(TWO);
    assert.equal(profiles.find(undefined)?.key, 'default');
    assert.equal(profiles.find('local')?.name, 'Local');
    assert.equal(profiles.find('gone'), undefined);
    // A file whose field is not a key (edited by hand, or hostile) is read as from before profiles.
    assert.equal(profiles.find(42)?.key, 'default');
    assert.equal(profiles.requestSettings({ not: 'a key' }).profile.key, 'default');
  });

  it("gives a request the endpoint and headers of the conversation's profile, every other setting as set", () => {
    const { profiles } = service(TWO);
    const local = profiles.requestSettings('local');
    assert.equal(local.baseUrl, 'http://127.0.0.1:11434/v1');
    assert.equal(local.profile.key, 'local');
    assert.deepEqual(local.profile.headers?.raw, { 'X-Team': 'a' });
    assert.equal(local.systemPrompt, SETTING_DEFAULTS.systemPrompt);
    const fallback = profiles.requestSettings(undefined);
    assert.equal(fallback.baseUrl, 'https://default.example/v1');
    assert.equal(fallback.profile.headers, undefined, 'Default sends completionsChat.headers');
  });

  it('fails a request whose profile is gone, naming the setting: it is never sent elsewhere', () => {
    const { profiles } = service(TWO);
    assert.throws(() => profiles.requestSettings('gone'), (error: unknown) => error instanceof SettingError && error.setting === 'completionsChat.profiles' && /"gone"/.test(error.message));
  });

  it('fails a request while another setting is bad, as without profiles', () => {
    const { profiles } = service(TWO, { badSetting: true });
    assert.throws(() => profiles.requestSettings('local'), /completionsChat\.temperature/);
  });

  it('reports each bad entry once, however often the profiles are read', () => {
    const { profiles, reports } = service([...TWO, { name: 'Broken' }]);
    profiles.list();
    profiles.active();
    profiles.requestSettings('work');
    assert.equal(reports.length, 1);
    assert.match(reports[0]!, /entry 3 \("Broken"\)/);
  });
});
