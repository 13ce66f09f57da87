// The Get Started walkthrough only points at things that exist: every command it links to or
// waits for is contributed, every setting it waits for is declared, every picture is shipped.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { localized, readJson, repositoryRoot as root } from './manifestText';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, unknown> };
    walkthroughs: { id: string; steps: { id: string; description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }[] }[];
  };
}

const manifest = localized(readJson<Manifest>('package.json'), readJson<Record<string, string>>('package.nls.json'));
/** VS Code's own commands the walkthrough may link to. */
const WORKBENCH_COMMANDS = new Set(['workbench.action.openSettings']);

describe('Get Started walkthrough', () => {
  const commands = new Set(manifest.contributes.commands.map((entry) => entry.command));
  const settings = new Set(Object.keys(manifest.contributes.configuration.properties));
  const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);

  it('has the steps a new user needs: token, endpoint, model, a first question', () => {
    assert.deepEqual(steps.map((step) => step.id), ['setToken', 'chooseEndpoint', 'selectModel', 'askAboutSelection']);
  });

  it('links and waits only for commands that exist and settings that are declared', () => {
    for (const step of steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((match) => match[1]!);
      assert.ok(linked.length > 0, `${step.id} offers no button`);
      for (const command of linked) assert.ok(commands.has(command) || WORKBENCH_COMMANDS.has(command), `${step.id} links to ${command}`);
      for (const event of step.completionEvents ?? []) {
        const [kind, name] = event.split(':');
        if (kind === 'onCommand') assert.ok(commands.has(name!), `${step.id} waits for ${name}`);
        else if (kind === 'onSettingChanged') assert.ok(settings.has(name!), `${step.id} waits for setting ${name}`);
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });

  it('ships every picture or page a step shows', () => {
    for (const step of steps) {
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media && existsSync(join(root, media)), `${step.id}: ${media} is missing`);
      assert.ok(media.startsWith('media/'), `${step.id}: ${media} is not in media/ (only media/ ships in the .vsix)`);
    }
  });
});
