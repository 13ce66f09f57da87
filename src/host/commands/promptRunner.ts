// Running a prompt (Explain, Find Bugs, a user's own…) on the code in the editor: from the
// palette, the editor's context menu, or `/name` in the panel's input. Free of `vscode`: the
// editor's code, the dialogs and the session come in as functions.

import type { CodeContext } from '../../shared/conversation';
import { fillPrompt, parseSlashCommand, shownPromptName, type Prompt } from '../../shared/prompts';
import type { Choice, Dialogs } from '../dialogs';
import { MAX_QUOTED_VALUE_LENGTH, safeText } from '../reporting/untrustedText';
import { t } from '../../shared/l10n';

export interface PromptRunDeps {
  /** The prompts offered now, and what was wrong in the setting (each problem names its entry). */
  prompts(): { prompts: Prompt[]; problems: string[] };
  /** The selection (or the whole file) of the editor last used, with a notice when it was cut. */
  editorCode(): { context: CodeContext; notice?: string } | undefined;
  dialogs: Pick<Dialogs, 'warn' | 'info' | 'showInputBox' | 'pickOne'>;
  busy(): boolean;
  reveal(): Promise<void>;
  send(text: string, context?: CodeContext): Promise<unknown>;
}

export class PromptRunner {
  /** Problems of the prompts setting already shown: each is reported once, not on every run. */
  private readonly reported = new Set<string>();

  constructor(private readonly deps: PromptRunDeps) {}

  /** The prompt named `name` (by its name or its `/` slug), or one the user picks. */
  async choose(name?: string): Promise<Prompt | undefined> {
    const prompts = this.available();
    if (name !== undefined) {
      const wanted = name.trim().toLowerCase();
      return prompts.find((prompt) => prompt.name.toLowerCase() === wanted || prompt.slug === wanted);
    }
    const choices: Choice<string>[] = prompts.map((prompt) => ({
      id: prompt.slug,
      // Names and texts may come from a repository's settings: shown as safe text only.
      label: safeText(shownPromptName(prompt), MAX_QUOTED_VALUE_LENGTH),
      detail: `/${safeText(prompt.slug, MAX_QUOTED_VALUE_LENGTH)}${prompt.builtIn ? '' : ` · ${t('yours')}`}: ${safeText(prompt.text.split('\n')[0], 120)}`,
    }));
    const slug = await this.deps.dialogs.pickOne(choices, t('Completions Chat: run a prompt on the selection'));
    return prompts.find((prompt) => prompt.slug === slug);
  }

  /**
   * Asks `prompt` about the editor's code; `extra` (what followed `/name`) is added to the
   * question as typed. False when nothing was sent: no editor, an answer running, or cancelled.
   */
  async run(prompt: Prompt, extra = ''): Promise<boolean> {
    const { deps } = this;
    const code = deps.editorCode();
    if (!code) {
      deps.dialogs.warn(t('Open a file and select the code for {0}, then try again.', safeText(shownPromptName(prompt), MAX_QUOTED_VALUE_LENGTH)));
      return false;
    }
    const { context, notice } = code;
    if (prompt.ask) return this.askAbout(code, extra);
    const filled = fillPrompt(prompt.text, { selection: context.code, language: context.languageId, file: context.path });
    const text = extra ? `${filled.text}\n\n${extra}` : filled.text;
    // A prompt that places the code itself sends it inline; any other gets it as the question's context.
    return this.ask(text, filled.inline ? undefined : context, notice);
  }

  /**
   * Asks the user's own question about `code` (typed after `/ask`, else in an input box); used
   * by "Ask about selection" and by its variant with the selection's problems.
   */
  async askAbout(code: { context: CodeContext; notice?: string }, extra = ''): Promise<boolean> {
    // Not asked for a question that could not be sent anyway.
    if (this.refuseWhileBusy()) return false;
    const question = extra || (await this.askQuestion(code.context));
    // What the user typed is sent as typed: only a prompt's own text has placeholders.
    return question?.trim() ? this.ask(question, code.context, code.notice) : false;
  }

  /** Asks `text` as it is (no placeholders), with `context` as the question's code. */
  async ask(text: string, context: CodeContext | undefined, notice?: string): Promise<boolean> {
    if (this.refuseWhileBusy()) return false;
    if (notice) this.deps.dialogs.warn(notice);
    await this.deps.reveal();
    await this.deps.send(text, context);
    return true;
  }

  private refuseWhileBusy(): boolean {
    if (!this.deps.busy()) return false;
    this.deps.dialogs.info(t('An answer is still being written. Stop it first, or wait for it to finish.'));
    return true;
  }

  /** `/name rest` typed in the panel runs that prompt; undefined when the text is no known `/name`. */
  async runSlashCommand(text: string): Promise<boolean | undefined> {
    if (!text.trimStart().startsWith('/')) return undefined;
    const command = parseSlashCommand(text, this.available());
    return command ? this.run(command.prompt, command.rest) : undefined;
  }

  private askQuestion(context: CodeContext): Thenable<string | undefined> {
    return this.deps.dialogs.showInputBox({
      // A file name is the repository's: shown as safe text (no link, no `$(icon)`, no controls).
      title: t('Completions Chat: ask about {0}:{1}-{2}', safeText(context.path, MAX_QUOTED_VALUE_LENGTH), context.startLine, context.endLine),
      prompt: t('Your question about the selected code'),
      placeHolder: t('e.g. Why does this loop never end?'),
      ignoreFocusOut: true,
    });
  }

  /** The prompts, with the setting's problems reported once each. */
  private available(): Prompt[] {
    const { prompts, problems } = this.deps.prompts();
    const fresh = problems.filter((problem) => !this.reported.has(problem));
    fresh.forEach((problem) => this.reported.add(problem));
    if (fresh.length > 0) {
      const first = safeText(fresh[0]);
      this.deps.dialogs.warn(
        fresh.length > 1
          ? t('Completions Chat: {0} (and {1} more) The other prompts work.', first, fresh.length - 1)
          : t('Completions Chat: {0} The other prompts work.', first),
      );
    }
    return prompts;
  }
}
