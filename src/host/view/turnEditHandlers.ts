// The panel's messages for editing the conversation's turns (issue 11): edit and resend a
// question, regenerate any answer, continue a cut answer, and undo a replacement. Replacing
// later turns asks first, with VS Code's modal dialog naming how many: it is how VS Code's own
// chat confirms removing requests, it takes the keyboard and a screen reader at once, and it
// cannot be missed; the Undo afterwards is in the panel (see webview/undoBar.ts for why).

import type { TrustQuestion } from '../images/imageTrust';
import type { Dialogs } from '../dialogs';
import type { ChatSession } from '../session/chatSession';
import type { WebviewHandlers } from './chatController';
import { t } from '../../shared/l10n';

export type TurnEditSession = Pick<ChatSession, 'busy' | 'laterTurns' | 'editQuestion' | 'regenerateAnswer' | 'continueAnswer' | 'undoReplace'>;

type TurnEditHandlers = Pick<WebviewHandlers, 'editQuestion' | 'regenerateAnswer' | 'continueAnswer' | 'undoReplace'>;



/** The question asked before `turns` later turns are replaced. */
export function replaceQuestion(kind: 'edit' | 'regenerate', turns: number): TrustQuestion {
  return {
    message: kind === 'edit'
      ? turns === 1 ? t('Resend the edited question and replace the 1 later turn?') : t('Resend the edited question and replace the {0} later turns?', turns)
      : turns === 1 ? t('Regenerate this answer and replace the 1 later turn?') : t('Regenerate this answer and replace the {0} later turns?', turns),
    detail: t('A turn is a question with its answer. They are removed from the conversation; Undo in the chat panel brings them back.'),
    action: t('Replace'),
  };
}

/** Says why nothing happened when an answer is still being written. */
const busyNotice = (): string => t('Completions Chat: wait for the answer being written to finish (or stop it) first.');

export function turnEditHandlers(session: TurnEditSession, dialogs: Dialogs): TurnEditHandlers {
  /** True when the change may go ahead: nothing is answering, and later turns (if any) may go. */
  const mayReplace = async (entryId: string, kind: 'edit' | 'regenerate'): Promise<boolean> => {
    if (session.busy) {
      dialogs.info(busyNotice());
      return false;
    }
    const turns = session.laterTurns(entryId);
    if (turns === undefined) return false;
    return turns === 0 || dialogs.confirm(replaceQuestion(kind, turns));
  };
  return {
    editQuestion: async ({ entryId, text }) => {
      if (await mayReplace(entryId, 'edit')) await session.editQuestion(entryId, text);
    },
    regenerateAnswer: async ({ entryId }) => {
      if (await mayReplace(entryId, 'regenerate')) await session.regenerateAnswer(entryId);
    },
    continueAnswer: async ({ entryId }) => {
      if (session.busy) dialogs.info(busyNotice());
      else await session.continueAnswer(entryId);
    },
    undoReplace: ({ id }) => void session.undoReplace(id),
  };
}
