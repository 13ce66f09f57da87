// Prompts: the built-in quick actions (Explain, Find Bugs, …) and the user's own from the
// `completionsChat.prompts` setting, their placeholders, and `/name` in the panel's input.
// Pure rules, so the host (menus, palette) and the webview (the `/` list) agree on them.

import { t } from './l10n';

export interface Prompt {
  name: string;
  /** The question; `{selection}`, `{language}` and `{file}` are filled in when it runs. */
  text: string;
  /** What `/…` in the panel's input runs it by: the name in lower case, spaces as dashes. */
  slug: string;
  builtIn: boolean;
  /** Asks the user for the question (the text is a placeholder for the input box). */
  ask?: true;
}

/** What a prompt's placeholders are filled with: the code it is run on. */
export interface PromptSubject {
  selection: string;
  language: string;
  file: string;
}

export const PROMPTS_SETTING = 'completionsChat.prompts';
/** Bounds for what a settings file can make the menus hold and every request carry. */
export const MAX_USER_PROMPTS = 50;
export const MAX_PROMPT_NAME_CHARS = 40;
export const MAX_PROMPT_TEXT_CHARS = 8000;

export function slugOf(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '-');
}

function builtIn(name: string, text: string): Prompt {
  return { name, text, slug: slugOf(name), builtIn: true };
}

export const BUILT_IN_PROMPTS: readonly Prompt[] = [
  builtIn('Explain', 'Explain this code: what it does, how it works, and anything surprising in it.'),
  builtIn('Find Bugs', 'Find bugs in this code: for each, say where it is, why it is wrong, and how to fix it. Say so if you find none.'),
  builtIn('Write Tests', 'Write unit tests for this code, covering its edge cases, in the test framework its project most likely uses.'),
  builtIn('Add Docs', 'Add documentation comments to this code in the usual style for {language}. Return the whole code with the comments.'),
  builtIn('Refactor', 'Refactor this code for readability without changing its behaviour. Return the new code and say what changed.'),
  { ...builtIn('Ask', 'Your question about the selected code'), ask: true },
];

/**
 * A prompt's name as menus show it: a built-in one's in the display language (its English name
 * and slug stay what `/explain` and the commands match), a user's as written.
 */
export function shownPromptName(prompt: Prompt): string {
  if (!prompt.builtIn) return prompt.name;
  switch (prompt.slug) {
    case 'explain':
      return t('Explain');
    case 'find-bugs':
      return t('Find Bugs');
    case 'write-tests':
      return t('Write Tests');
    case 'add-docs':
      return t('Add Docs');
    case 'refactor':
      return t('Refactor');
    case 'ask':
      return t('Ask');
    default:
      return prompt.name;
  }
}

/**
 * The prompt's question with its placeholders filled in one pass (a selection that contains
 * `{file}` stays as it is). A prompt without `{selection}` gets the code as the question's
 * context instead, like "Ask about selection": `inline` says which happened.
 */
export function fillPrompt(text: string, subject: PromptSubject): { text: string; inline: boolean } {
  let inline = false;
  const filled = text.replace(/\{(selection|language|file)\}/g, (_, key: keyof PromptSubject) => {
    if (key === 'selection') inline = true;
    return subject[key];
  });
  return { text: filled, inline };
}

/** Which characters a prompt's name may hold: it is shown in menus and typed after `/`. */
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;

function problemOf(item: unknown, index: number): string | undefined {
  // "item 1", not "[0]": the message is shown as safe text, where brackets become look-alikes.
  const where = `${PROMPTS_SETTING}, item ${index + 1}:`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return `${where} must be an object with "name" and "text".`;
  const { name, text } = item as Record<string, unknown>;
  if (typeof name !== 'string' || !NAME_PATTERN.test(name.trim()) || name.trim().length > MAX_PROMPT_NAME_CHARS) {
    return `${where} "name" must be 1 to ${MAX_PROMPT_NAME_CHARS} letters, digits, spaces, dots, dashes or underscores.`;
  }
  if (typeof text !== 'string' || !text.trim() || text.length > MAX_PROMPT_TEXT_CHARS) {
    return `${where} "text" must be a question of 1 to ${MAX_PROMPT_TEXT_CHARS} characters.`;
  }
  return undefined;
}

/**
 * The prompts offered: the built-in ones, each replaced by a user prompt of the same name, then
 * the user's others in their order. A bad entry is left out and named in `problems`; a later
 * duplicate name is left out too.
 */
export function promptsFrom(setting: unknown): { prompts: Prompt[]; problems: string[] } {
  const problems: string[] = [];
  const items = Array.isArray(setting) ? setting : [];
  if (setting !== undefined && setting !== null && !Array.isArray(setting)) problems.push(`${PROMPTS_SETTING} must be a list of { "name", "text" } objects.`);
  if (items.length > MAX_USER_PROMPTS) problems.push(`${PROMPTS_SETTING} holds more than ${MAX_USER_PROMPTS} prompts; the rest are ignored.`);
  const user = new Map<string, Prompt>();
  items.slice(0, MAX_USER_PROMPTS).forEach((item: unknown, index) => {
    const problem = problemOf(item, index);
    if (problem) return void problems.push(problem);
    const { name, text } = item as { name: string; text: string };
    const prompt: Prompt = { name: name.trim(), text, slug: slugOf(name), builtIn: false };
    if (user.has(prompt.slug)) return void problems.push(`${PROMPTS_SETTING}, item ${index + 1}: repeats the name "${prompt.name}"; the first one is used.`);
    user.set(prompt.slug, prompt);
  });
  const prompts = BUILT_IN_PROMPTS.map((prompt) => user.get(prompt.slug) ?? prompt);
  const replaced = new Set(BUILT_IN_PROMPTS.map((prompt) => prompt.slug));
  for (const prompt of user.values()) if (!replaced.has(prompt.slug)) prompts.push(prompt);
  return { prompts, problems };
}

/**
 * `/name rest` typed in the panel: the prompt it names and the rest of the line (added to the
 * prompt's question); undefined when the text does not start with a known `/name`.
 */
export function parseSlashCommand(input: string, prompts: readonly Prompt[]): { prompt: Prompt; rest: string } | undefined {
  const match = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(input.trim());
  if (!match) return undefined;
  const slug = match[1]!.toLowerCase();
  const prompt = prompts.find((candidate) => candidate.slug === slug);
  return prompt ? { prompt, rest: (match[2] ?? '').trim() } : undefined;
}
