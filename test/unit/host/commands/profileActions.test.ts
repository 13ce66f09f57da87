// Endpoint profiles (issue 12) in what the palette and the panel share: the model list, the token
// and a new conversation follow the profile of the conversation shown.
import assert from 'node:assert/strict';
import { ChatActions } from '../../../../src/host/commands/chatActions';
import { SETTING_DEFAULTS, type Settings } from '../../../../src/host/settings/settings';
import { readProfiles } from '../../../../src/host/settings/profiles';
import { FakeDialogs, FakeLog } from '../view/viewFakes';

describe('ChatActions with endpoint profiles', () => {
  const settings: Settings = { ...SETTING_DEFAULTS, baseUrl: 'https://default.example/v1', model: 'default-model' };
  const [work] = readProfiles([{ name: 'Work', id: 'work', baseUrl: 'https://work.example/v1', model: 'work-model', headers: { 'X-Team': 'blue' } }]).profiles;

  function actions() {
    const calls: string[] = [];
    const conversation = { model: 'default-model' };
    const chat = new ChatActions({
      session: {
        conversation: conversation as never,
        reset: (model: string, profile?: string) => void calls.push(`reset ${model} ${profile}`),
        setModel: (model: string) => void calls.push(`setModel ${model}`),
      },
      presenter: { focusInput: () => undefined, modelChanged: () => undefined, closeHistory: () => undefined },
      credentials: {
        setToken: async (given) => {
          calls.push(`setToken ${given.baseUrl} ${(given as { profile?: { key: string } }).profile?.key}`);
          return false;
        },
        tokenFor: async (origin, profile) => {
          calls.push(`tokenFor ${origin} ${profile}`);
          return 'work-token';
        },
      },
      settings: { forRequest: () => settings, valid: () => settings, reportFailure: () => false },
      dialogs: new FakeDialogs(),
      log: new FakeLog(),
      focusView: async () => undefined,
      pickModel: async (_current, serverModels) => {
        calls.push(`models ${(await serverModels).join(',')}`);
        return undefined;
      },
      listModels: async (baseUrl, token, _signal, options) => {
        calls.push(`list ${baseUrl} ${token} ${JSON.stringify(options?.headers)}`);
        return ['work-only-model'];
      },
      modelListOptions: async (given) => ({ headers: { 'x-team': (given as { profile?: { key: string } }).profile?.key ?? 'none' } }),
      profile: () => work!,
      newConversationProfile: () => ({ profile: 'work', model: 'work-model' }),
    });
    return { chat, calls };
  }

  it("lists the models of the profile's endpoint, with its token and headers", async () => {
    const { chat, calls } = actions();
    await chat.selectModel();
    assert.deepEqual(calls, ['tokenFor https://work.example work', 'list https://work.example/v1 work-token {"x-team":"work"}', 'models work-only-model']);
  });

  it("asks for the token of the profile's endpoint", async () => {
    const { chat, calls } = actions();
    await chat.setToken();
    assert.deepEqual(calls, ['setToken https://work.example/v1 work']);
  });

  it('starts a new conversation with the active profile and its model', async () => {
    const { chat, calls } = actions();
    await chat.newConversation();
    assert.deepEqual(calls, ['reset work-model work']);
  });
});
