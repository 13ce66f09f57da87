import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { endpointOrigin, isLoopbackOrigin, readSettings, SETTING_DEFAULTS, SettingError, type ConfigurationReader, type Settings } from '../../../src/host/settings';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));
const declared: Record<string, { default: unknown; scope?: string }> = manifest.contributes.configuration.properties;

function reader(values: Record<string, unknown>): ConfigurationReader {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

describe('settings', () => {
  it('declares exactly the settings the code reads', () => {
    assert.deepEqual(
      Object.keys(declared).sort(),
      Object.keys(SETTING_DEFAULTS).map((key) => `completionsChat.${key}`).sort(),
    );
  });

  it("has code defaults equal to the manifest's (null there means unset)", () => {
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
      assert.deepEqual(declared[`completionsChat.${key}`]!.default ?? undefined, value, key);
    }
  });

  it('reads the defaults when nothing is set', () => {
    assert.deepEqual(readSettings(reader({})), SETTING_DEFAULTS);
  });

  it('reads valid values', () => {
    const settings: Settings = {
      baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', temperature: 0.2, maxTokens: 512, systemPrompt: '', stream: false,
      imageHosts: ['images.example.com', '127.0.0.1:8080'],
    };
    assert.deepEqual(readSettings(reader({ ...settings })), settings);
  });

  const bad: [string, unknown, RegExp][] = [
    ['temperature', 3, /completionsChat\.temperature.*0 to 2/],
    ['temperature', 'hot', /completionsChat\.temperature/],
    ['maxTokens', 0, /completionsChat\.maxTokens.*at least 1/],
    ['maxTokens', 1.5, /completionsChat\.maxTokens/],
    ['model', '  ', /completionsChat\.model.*empty/],
    ['baseUrl', '', /completionsChat\.baseUrl.*empty/],
    ['stream', 'yes', /completionsChat\.stream/],
    ['imageHosts', 'images.example.com', /completionsChat\.imageHosts.*list of host names/],
    ['imageHosts', ['https://images.example.com'], /completionsChat\.imageHosts.*https:\/\/images/],
    ['imageHosts', ['*.example.com'], /completionsChat\.imageHosts/],
    ['imageHosts', ['images.example.com/path'], /completionsChat\.imageHosts/],
    ['imageHosts', ['user@images.example.com'], /completionsChat\.imageHosts/],
    ['imageHosts', [42], /completionsChat\.imageHosts/],
  ];
  for (const [key, value, message] of bad) {
    it(`names the setting for a bad ${key} (${JSON.stringify(value)})`, () => {
      assert.throws(() => readSettings(reader({ [key]: value })), (error: unknown) => {
        assert.ok(error instanceof SettingError);
        assert.equal(error.setting, `completionsChat.${key}`);
        assert.match(error.message, message);
        return true;
      });
    });
  }
});

describe('imageHosts', () => {
  it('keeps exact hosts, trimmed and in lower case', () => {
    assert.deepEqual(readSettings(reader({ imageHosts: [' Images.Example.COM ', '127.0.0.1:8080'] })).imageHosts, ['images.example.com', '127.0.0.1:8080']);
  });
  it('is restricted in untrusted workspaces and user-only (scope application)', () => {
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('completionsChat.imageHosts'));
    assert.equal(declared['completionsChat.imageHosts']!.scope, 'application');
  });
});

describe('endpointOrigin', () => {
  it('is the origin of a base or full URL', () => {
    assert.equal(endpointOrigin('https://api.acedata.cloud/openai'), 'https://api.acedata.cloud');
    assert.equal(endpointOrigin('http://127.0.0.1:11434/v1/chat/completions'), 'http://127.0.0.1:11434');
  });
  it('refuses plain http to another machine and garbage, naming the setting', () => {
    for (const bad of ['http://api.example.com/v1', 'ftp://x', 'not a url']) {
      assert.throws(() => endpointOrigin(bad), (error: unknown) => error instanceof SettingError && error.setting === 'completionsChat.baseUrl', bad);
    }
  });
  it('tells loopback origins apart', () => {
    assert.equal(isLoopbackOrigin('http://localhost:8080'), true);
    assert.equal(isLoopbackOrigin('http://127.0.0.2:1'), true);
    assert.equal(isLoopbackOrigin('https://api.openai.com'), false);
  });
});
