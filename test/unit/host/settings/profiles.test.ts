// Endpoint profiles (issue 12): completionsChat.profiles is read entry by entry; a bad entry is
// left out and reported by its place, naming the setting, and the others still work.
import assert from 'node:assert/strict';
import { readHeaderSettings } from '../../../../src/host/settings/customHeaders';
import { MAX_PROFILES, profileKeyOf, readProfiles } from '../../../../src/host/settings/profiles';

const local = { name: 'Local', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1' };

describe('endpoint profiles: reading completionsChat.profiles', () => {
  it('reads no profile from an unset value', () => {
    assert.deepEqual(readProfiles(undefined), { profiles: [], problems: [] });
    assert.deepEqual(readProfiles(null), { profiles: [], problems: [] });
  });

  it('reads each valid entry with its key, name, URL and model', () => {
    const { profiles, problems } = readProfiles([local, { name: 'Work Gateway', id: 'work', baseUrl: ' https://gateway.example.com/v1 ' }]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      profiles.map(({ key, name, baseUrl, model }) => ({ key, name, baseUrl, model })),
      [
        { key: 'local', name: 'Local', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1' },
        { key: 'work', name: 'Work Gateway', baseUrl: 'https://gateway.example.com/v1', model: undefined },
      ],
    );
  });

  it('keys a profile by its id when it has one (a rename keeps the token), else by its name in lower case', () => {
    const [byName, byId] = readProfiles([{ name: 'Azure EU', baseUrl: 'https://a.example/v1' }, { name: 'Renamed', id: 'Team.B-1', baseUrl: 'https://b.example/v1' }]).profiles;
    assert.equal(byName!.key, 'azure eu');
    assert.equal(byId!.key, 'team.b-1');
  });

  it("adds the Azure api-version to the profile's URL", () => {
    const [azure] = readProfiles([{ name: 'Azure', baseUrl: 'https://contoso.openai.azure.com/openai/deployments/gpt4o', apiVersion: '2024-10-21' }]).profiles;
    assert.equal(azure!.baseUrl, 'https://contoso.openai.azure.com/openai/deployments/gpt4o?api-version=2024-10-21');
  });

  it('leaves each bad entry out, naming the setting and its place, and keeps the others', () => {
    const { profiles, problems } = readProfiles([
      'not an object',
      { name: '', baseUrl: 'https://a.example/v1' },
      { name: 'Plain http', baseUrl: 'http://remote.example.com/v1' },
      local,
      { name: 'LOCAL', baseUrl: 'https://other.example/v1' },
      { name: 'default', baseUrl: 'https://other.example/v1' },
      { name: 'Bad model', baseUrl: 'https://other.example/v1', model: 42 },
      { name: 'Bad id', id: 'has space', baseUrl: 'https://other.example/v1' },
      { name: 'Bad version', baseUrl: 'https://other.example/v1', apiVersion: '1&x=2' },
      { name: 'Line\nbreak', baseUrl: 'https://other.example/v1' },
    ]);
    assert.deepEqual(profiles.map((profile) => profile.name), ['Local']);
    assert.equal(problems.length, 9);
    for (const problem of problems) {
      assert.equal(problem.setting, 'completionsChat.profiles');
      assert.match(problem.message, /^The setting "completionsChat\.profiles" has an entry \d+/);
      assert.match(problem.message, /left out\.$/);
    }
    assert.match(problems[0]!.message, /entry 1 that is not an object/);
    assert.match(problems[2]!.message, /entry 3 \("Plain http"\) whose "baseUrl" cannot be used/);
    assert.match(problems[3]!.message, /entry 5 \("LOCAL"\) with the same name/);
    assert.match(problems[4]!.message, /entry 6 \("default"\) named "Default"/);
    // The line break is shown escaped: quoted as plain text, one line.
    assert.match(problems[8]!.message, /entry 10 \("Line\\nbreak"\) whose "name" is not plain text/);
  });

  it('bounds the number of profiles and the length of names and URLs', () => {
    const many = Array.from({ length: MAX_PROFILES + 5 }, (_, index) => ({ name: `P${index}`, baseUrl: `https://p${index}.example/v1` }));
    const read = readProfiles(many);
    assert.equal(read.profiles.length, MAX_PROFILES);
    assert.match(read.problems[0]!.message, /has 25 profiles; only the first 20 are offered/);
    const long = readProfiles([{ name: 'x'.repeat(65), baseUrl: 'https://a.example/v1' }, { name: 'Long URL', baseUrl: `https://a.example/${'a'.repeat(2048)}` }]);
    assert.equal(long.profiles.length, 0);
    assert.equal(long.problems.length, 2);
    // A name too long to be shown is not quoted in the report (it could be anything).
    assert.doesNotMatch(long.problems[0]!.message, /xxxxxxxx/);
  });

  it('shows a hostile name as plain text in its report, never as a link', () => {
    const { problems } = readProfiles([{ name: '[fix](command:workbench.action.quit)', baseUrl: 'ftp://a.example' }]);
    assert.equal(problems.length, 1);
    assert.doesNotMatch(problems[0]!.message, /\[fix\]\(command:/);
  });

  it('reports a list that is not one, offering only the Default profile', () => {
    const { profiles, problems } = readProfiles({ name: 'Local' });
    assert.deepEqual(profiles, []);
    assert.match(problems[0]!.message, /must be a list of profiles/);
  });

  it("reads a profile's headers with the header rules, naming the profile in each problem", () => {
    const [work] = readProfiles([{ name: 'Work', baseUrl: 'https://w.example/v1', headers: { 'X-Tenant': 'a', Authorization: 'Bearer x', 'X-Key': '${secret}' } }]).profiles;
    const headers = readHeaderSettings(work!.headers!.raw, 'authorization', work!.headers!.problem);
    assert.deepEqual(headers.plain, { 'x-tenant': 'a' });
    assert.deepEqual(headers.secret, ['x-key']);
    assert.equal(headers.problems.length, 1);
    assert.equal(headers.problems[0]!.setting, 'completionsChat.profiles');
    assert.match(headers.problems[0]!.message, /^The setting "completionsChat\.profiles" \(entry 1 "Work", its "headers"\) sets "Authorization"/);
  });

  it('takes a conversation file\'s profile key only when it is a short string', () => {
    assert.equal(profileKeyOf('work'), 'work');
    assert.equal(profileKeyOf(7), undefined);
    assert.equal(profileKeyOf(''), undefined);
    assert.equal(profileKeyOf('x'.repeat(10_000)), undefined);
  });
});
