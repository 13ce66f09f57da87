import assert from 'node:assert/strict';
import { BUILT_IN_PROMPTS, fillPrompt, MAX_PROMPT_TEXT_CHARS, MAX_USER_PROMPTS, parseSlashCommand, promptsFrom } from '../../../src/shared/prompts';

const subject = { selection: 'let x = {file};', language: 'typescript', file: 'src/a.ts' };

describe('prompts', () => {
  it('offers the built-in prompts when the setting is empty', () => {
    const { prompts, problems } = promptsFrom(undefined);
    assert.deepEqual(prompts.map((prompt) => prompt.slug), ['explain', 'find-bugs', 'write-tests', 'add-docs', 'refactor', 'ask']);
    assert.deepEqual(problems, []);
  });

  it('fills placeholders in one pass: a selection holding `{file}` stays as it is', () => {
    const filled = fillPrompt('Review {file} ({language}):\n{selection}\n{unknown}', subject);
    assert.equal(filled.text, 'Review src/a.ts (typescript):\nlet x = {file};\n{unknown}');
    assert.equal(filled.inline, true);
  });

  it('says when the code must go as context because the text has no {selection}', () => {
    const filled = fillPrompt(BUILT_IN_PROMPTS.find((prompt) => prompt.slug === 'add-docs')!.text, subject);
    assert.equal(filled.inline, false);
    assert.match(filled.text, /usual style for typescript/);
  });

  it('puts user prompts beside the built-in ones, a same-named one replacing the built-in', () => {
    const { prompts, problems } = promptsFrom([
      { name: 'Explain', text: 'Explain like I am five: {selection}' },
      { name: 'Security Review', text: 'Look for injection bugs.' },
    ]);
    assert.deepEqual(problems, []);
    assert.equal(prompts.filter((prompt) => prompt.slug === 'explain').length, 1);
    assert.equal(prompts.find((prompt) => prompt.slug === 'explain')!.builtIn, false);
    assert.equal(prompts.at(-1)!.slug, 'security-review');
  });

  it('leaves out bad entries and names each by its place in the setting', () => {
    const { prompts, problems } = promptsFrom([
      { name: '[click](command:workbench.action.quit)', text: 'x' },
      { name: 'Empty', text: '   ' },
      'not an object',
      { name: 'Huge', text: 'a'.repeat(MAX_PROMPT_TEXT_CHARS + 1) },
      { name: 'Good', text: 'fine' },
      { name: 'good', text: 'again' },
    ]);
    assert.equal(prompts.filter((prompt) => !prompt.builtIn).map((prompt) => prompt.name).join(), 'Good');
    assert.deepEqual(problems.map((problem) => /prompts, item (\d+):/.exec(problem)?.[1]), ['1', '2', '3', '4', '6']);
  });

  it('caps how many prompts a settings file can add, and refuses a setting that is not a list', () => {
    const many = Array.from({ length: MAX_USER_PROMPTS + 10 }, (_, i) => ({ name: `P${i}`, text: 'x' }));
    const { prompts, problems } = promptsFrom(many);
    assert.equal(prompts.length, BUILT_IN_PROMPTS.length + MAX_USER_PROMPTS);
    assert.equal(problems.length, 1);
    assert.equal(promptsFrom({ name: 'x', text: 'y' }).problems.length, 1);
  });

  it('runs `/name rest` by the prompt\'s slug, case-insensitively, and nothing else', () => {
    const { prompts } = promptsFrom([{ name: 'Security Review', text: 'Look for bugs.' }]);
    assert.deepEqual(parseSlashCommand('/Find-Bugs  in the loop\nonly', prompts), { prompt: prompts[1], rest: 'in the loop\nonly' });
    assert.equal(parseSlashCommand('/security-review', prompts)?.prompt.name, 'Security Review');
    assert.equal(parseSlashCommand('/nope', prompts), undefined);
    assert.equal(parseSlashCommand('why does /explain fail?', prompts), undefined);
  });
});
