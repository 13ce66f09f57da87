// Up and Down in the panel's input walk through the questions already asked, as a terminal's
// history does: only from an empty input or from a recalled question left unedited, so the
// arrow keys still move the caret in text the user is writing.

/** Questions kept for recall; older ones are dropped. */
const MAX_QUESTIONS = 100;

export class QuestionHistory {
  private questions: string[] = [];
  /** Index of the question shown in the input, while one is. */
  private position: number | undefined;

  /** The conversation's questions, oldest first (a new or restored conversation). */
  set(questions: readonly string[]): void {
    this.questions = questions.filter((question) => question.trim() !== '').slice(-MAX_QUESTIONS);
    this.position = undefined;
  }

  add(question: string): void {
    if (question.trim() === '') return;
    if (this.questions.at(-1) !== question) this.questions.push(question);
    if (this.questions.length > MAX_QUESTIONS) this.questions.shift();
    this.position = undefined;
  }

  /** The question to show for Up, or undefined when Up should move the caret instead. */
  previous(shown: string): string | undefined {
    const from = this.recallingFrom(shown);
    if (from === undefined || from === 0) return undefined;
    this.position = from - 1;
    return this.questions[this.position];
  }

  /** The text to show for Down ('' past the newest), or undefined when Down should move the caret. */
  next(shown: string): string | undefined {
    if (this.position === undefined || this.questions[this.position] !== shown) return undefined;
    this.position = this.position + 1 < this.questions.length ? this.position + 1 : undefined;
    return this.position === undefined ? '' : this.questions[this.position];
  }

  /** Where Up counts back from: the end for an empty input, the recalled question if unedited. */
  private recallingFrom(shown: string): number | undefined {
    if (this.position !== undefined && this.questions[this.position] === shown) return this.position;
    return shown === '' ? this.questions.length : undefined;
  }
}
