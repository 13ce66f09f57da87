// The dialogs of the extension in test mode only (extension.ts picks it when VS Code runs the
// integration tests): each dialog is shown for real unless a test answers it in its place,
// for as long as the returned subscription lives. No production class has a replaceable field.

import type { Dialogs } from './dialogs';
import type { Subscription } from './emitter';

export class AnswerableDialogs implements Dialogs {
  private readonly answers: Partial<Dialogs>[] = [];

  constructor(private readonly real: Dialogs) {}

  /** Answers the dialogs given until disposed; the latest call wins for a dialog given twice. */
  answer(answers: Partial<Dialogs>): Subscription {
    this.answers.push(answers);
    return {
      dispose: () => {
        const index = this.answers.indexOf(answers);
        if (index >= 0) this.answers.splice(index, 1);
      },
    };
  }

  confirm: Dialogs['confirm'] = (question) => this.pick('confirm').confirm(question);
  info: Dialogs['info'] = (message) => this.pick('info').info(message);
  warn: Dialogs['warn'] = (message) => this.pick('warn').warn(message);
  warnWithAction: Dialogs['warnWithAction'] = (message, action) => this.pick('warnWithAction').warnWithAction(message, action);
  error: Dialogs['error'] = (message) => this.pick('error').error(message);
  showSaveDialog: Dialogs['showSaveDialog'] = (options) => this.pick('showSaveDialog').showSaveDialog(options);
  showOpenDialog: Dialogs['showOpenDialog'] = (options) => this.pick('showOpenDialog').showOpenDialog(options);
  showInputBox: Dialogs['showInputBox'] = (options) => this.pick('showInputBox').showInputBox(options);
  pickOne: Dialogs['pickOne'] = (choices, title) => this.pick('pickOne').pickOne(choices, title);

  private pick<K extends keyof Dialogs>(name: K): Pick<Dialogs, K> {
    for (let i = this.answers.length - 1; i >= 0; i--) {
      const answers = this.answers[i]!;
      if (answers[name]) return answers as Pick<Dialogs, K>;
    }
    return this.real;
  }
}
