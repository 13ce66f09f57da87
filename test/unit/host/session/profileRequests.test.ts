// Endpoint profiles (issue 12) against two loopback servers: a conversation's questions go to
// the endpoint of its profile, with that profile's token and headers; switching the profile
// mid-conversation sends the next question to the other server, and a conversation opened from
// the history goes to its own profile again.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { streamChat } from '../../../../src/core/chatClient';
import { ProfileActions } from '../../../../src/host/commands/profileActions';
import { HeaderSecrets } from '../../../../src/host/credentials/headerSecrets';
import { TokenStore, tokenSecretKey, type SecretStore } from '../../../../src/host/credentials/tokenStore';
import { EndpointExtras } from '../../../../src/host/network/endpointExtras';
import { ChatSession, newConversation } from '../../../../src/host/session/chatSession';
import { endpointOrigin, SETTING_DEFAULTS, type Settings } from '../../../../src/host/settings/settings';
import { ProfileService, type ProfiledSettings } from '../../../../src/host/settings/profileService';
import type { Conversation } from '../../../../src/shared/conversation';
import { ReplayServer } from '../../../support/replayServer';

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string) { return this.values.get(key); }
  async store(key: string, value: string) { this.values.set(key, value); }
  async delete(key: string) { this.values.delete(key); }
}

function answer(text: string) {
  return (_request: unknown, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] }));
  };
}

describe('endpoint profiles: requests against two loopback servers', () => {
  let first: ReplayServer;
  let second: ReplayServer;
  before(async () => {
    first = await ReplayServer.start();
    second = await ReplayServer.start();
  });
  after(async () => {
    await first.close();
    await second.close();
  });

  function world(active?: string) {
    first.reset();
    second.reset();
    first.always(answer('from the first server'));
    second.always(answer('from the second server'));
    const settings: Settings = { ...SETTING_DEFAULTS, baseUrl: first.baseUrl, model: 'first-model', stream: false };
    let activeKey = active;
    let entries: unknown[] = [{ name: 'Second', baseUrl: second.baseUrl, model: 'second-model', headers: { 'X-Team': 'blue' } }];
    const profiles = new ProfileService({
      raw: () => entries,
      settings: { current: () => ({ settings }), forRequest: () => settings },
      state: { get: () => activeKey, set: async (key) => void (activeKey = key) },
      report: (problem) => assert.fail(problem.message),
    });
    const secrets = new MemorySecrets();
    const tokens = (key?: string) => new TokenStore(secrets, tokenSecretKey(key));
    const extras = new EndpointExtras({ headerSetting: () => ({ 'X-Default': 'yes' }), secrets: new HeaderSecrets(secrets), network: { fetchFor: async () => undefined }, report: (problem) => assert.fail(problem.message) });
    const conversation = newConversation(profiles.active().model!, profiles.active().key);
    const session: ChatSession = new ChatSession(conversation, {
      streamChat: (request, signal) => streamChat({ ...request, retry: { maxRetries: 0 } }, signal),
      settings: () => profiles.requestSettings(session.conversation.profile),
      // What host/profileServices.ts does with VS Code's Credentials: the profile's token and headers.
      credentials: async (given) => {
        const profiled = given as ProfiledSettings;
        const token = await tokens(profiled.profile.key).get(endpointOrigin(profiled.baseUrl));
        const more = await extras.forEndpoint(profiled.baseUrl, profiled.profile.headers);
        return { baseUrl: profiled.baseUrl, token, headers: more.headers, secrets: more.secrets };
      },
      save: () => undefined,
      log: () => undefined,
    });
    const models: string[] = [];
    const gone: string[] = [];
    let endpointChanges = 0;
    const actions: ProfileActions = new ProfileActions({
      profiles,
      session,
      presenter: { modelChanged: (model) => void models.push(model), endpointChanged: async () => void endpointChanges++ },
      defaultModel: () => settings.model,
      pick: async () => 'second',
      profileGone: (key, instead) => void gone.push(`${key} → ${instead.key}`),
      activeProfileGone: (key, instead) => void gone.push(`active ${key} → ${instead.key}`),
    });
    const removeProfiles = () => void (entries = []);
    return { session, actions, tokens, models, gone, removeProfiles, active: () => activeKey, endpointChanges: () => endpointChanges };
  }

  const lastAnswer = (session: ChatSession) => session.lastAnswer()?.candidates[0]?.content;

  it('switches mid-conversation: the next question goes to the second server with its token, model and headers only', async () => {
    const { session, actions, tokens, models, active } = world();
    await tokens().set(endpointOrigin(first.baseUrl), 'first-token');
    await tokens('second').set(endpointOrigin(second.baseUrl), 'second-token');

    await session.send('Hello first');
    assert.equal(lastAnswer(session), 'from the first server');
    assert.equal(first.requests[0]!.headers.authorization, 'Bearer first-token');
    assert.equal(first.requests[0]!.headers['x-default'], 'yes');

    await actions.choose();
    assert.equal(active(), 'second', 'the active profile for new conversations');
    assert.deepEqual(models, ['second-model']);
    await session.send('Hello second');
    assert.equal(lastAnswer(session), 'from the second server');
    assert.equal(first.requests.length, 1);
    const request = second.requests[0]!;
    assert.equal(request.headers.authorization, 'Bearer second-token');
    assert.equal(request.headers['x-team'], 'blue');
    assert.equal(request.headers['x-default'], undefined, "the Default profile's headers stay with it");
    assert.equal(JSON.parse(request.body).model, 'second-model');
    assert.equal(session.conversation.profile, 'second');
  });

  it('opens an older conversation with its own profile, which becomes the active one', async () => {
    const { session, actions, active } = world('second');
    const older: Conversation = { ...newConversation('first-model'), profile: 'default' };
    session.open(older);
    await actions.opened();
    assert.equal(active(), 'default');
    await session.send('Back to the first');
    assert.equal(lastAnswer(session), 'from the first server');
    assert.equal(second.requests.length, 0);
  });

  it('opens a conversation from before profiles (no profile field) with the Default profile', async () => {
    const { session, actions, active } = world('second');
    const { profile: _none, ...legacy } = newConversation('first-model', 'x');
    session.open(legacy);
    await actions.opened();
    assert.equal(active(), 'default');
    await session.send('Old file');
    assert.equal(first.requests.length, 1);
  });

  it('says so when the profile of a conversation is gone, and uses the active one', async () => {
    const { session, actions, gone } = world('second');
    session.open({ ...newConversation('old-model'), profile: 'removed' });
    await actions.opened();
    assert.deepEqual(gone, ['removed → second']);
    assert.equal(session.conversation.profile, 'second');
    assert.equal(session.conversation.model, 'second-model');
    await session.send('Where now?');
    assert.equal(second.requests.length, 1);
  });

  it('a profile removed from the settings while its conversation is shown: nothing goes elsewhere before the notice; after it, the active profile answers', async () => {
    const { session, actions, gone, removeProfiles, active } = world();
    await actions.choose();
    assert.equal(session.conversation.profile, 'second');
    removeProfiles();
    // A question sent before the settings change was handled: refused, the question kept, nothing sent.
    await session.send('Still there?');
    assert.equal(session.lastAnswer()?.status, 'error');
    assert.match(session.lastAnswer()?.error?.message ?? '', /completionsChat\.profiles/);
    assert.equal(first.requests.length + second.requests.length, 0, 'sent to no endpoint');
    assert.deepEqual(gone, []);
    // The settings change: the notice, then the active profile.
    await actions.checkProfiles();
    assert.deepEqual(gone, ['second → default'], 'one notice, naming the gone profile and the one used');
    await session.send('Still there?');
    assert.equal(session.lastAnswer()?.status, 'done', session.lastAnswer()?.error?.message);
    assert.equal(lastAnswer(session), 'from the first server');
    assert.equal(second.requests.length, 0);
    assert.equal(session.conversation.profile, 'default');
    assert.equal(session.conversation.model, 'first-model');
    assert.equal(JSON.parse(first.requests[0]!.body).model, 'first-model');
    assert.equal(session.lastAnswer()?.model, 'first-model', 'the answer is labelled with the model that wrote it');
    assert.equal(active(), 'default');
  });

  it('the settings change: the shown conversation\'s gone profile is replaced at once, said once', async () => {
    const { session, actions, gone, removeProfiles, models, endpointChanges } = world();
    await actions.choose();
    removeProfiles();
    await actions.checkProfiles();
    await actions.checkProfiles();
    assert.deepEqual(gone, ['second → default']);
    assert.equal(session.conversation.profile, 'default');
    assert.deepEqual(models, ['second-model', 'first-model']);
    assert.ok(endpointChanges() >= 2, "the toolbar's profile name follows");
  });

  it('the active profile removed from the settings: Default is active again, said once, the toolbar follows', async () => {
    const { session, actions, gone, removeProfiles, active, endpointChanges } = world('second');
    // A Default conversation is shown (a new one would take the active profile).
    session.open({ ...newConversation('first-model'), profile: 'default' });
    removeProfiles();
    const before = endpointChanges();
    await actions.checkProfiles();
    await actions.checkProfiles();
    assert.equal(active(), 'default');
    assert.deepEqual(gone, ['active second → default']);
    assert.equal(endpointChanges(), before + 1);
    assert.deepEqual(actions.forNewConversation(), { profile: 'default', model: 'first-model' });
  });

  it('starts a new conversation with the active profile and its model', () => {
    const { actions } = world('second');
    assert.deepEqual(actions.forNewConversation(), { profile: 'second', model: 'second-model' });
  });
});
