// What the user is asked before an image from an answer is loaded or its host trusted. The
// answer is the model's: the dialog, not the panel, shows exactly what would be contacted, and
// nothing happens until the user says yes. Free of `vscode`; chatImages.ts shows these modally.

import { SETTING_IDS } from '../contributionIds';
import { imageHostOf } from './answerImages';
import { quote, safeText } from '../reporting/untrustedText';

/** Longest URL shown in full in the "Load image" dialog; longer ones are cut with an ellipsis. */
export const MAX_SHOWN_IMAGE_URL_LENGTH = 2_000;

/** A yes/no question: `action` is the button that says yes (cancel is always there). */
export interface TrustQuestion {
  message: string;
  detail: string;
  action: string;
}

/** Shows a question modally; true only when the user chose its action. Tests replace it. */
export type TrustPrompt = (question: TrustQuestion) => Thenable<boolean>;

export function loadImageQuestion(url: string): TrustQuestion {
  return {
    message: `Load this image from ${quote(imageHostOf(url) ?? url)}?`,
    detail:
      `The full address:\n${safeText(url, MAX_SHOWN_IMAGE_URL_LENGTH)}\n\n` +
      'The link comes from the answer. Loading it tells that server your IP address and that you read this answer; anything in the address goes to it too.',
    action: 'Load Image',
  };
}

export function allowHostQuestion(host: string): TrustQuestion {
  return {
    message: `Always load images from ${quote(host)}?`,
    detail:
      `Images in answers from exactly ${quote(host)} (that host and port only) will be loaded without a click, in every workspace. ` +
      `This adds it to your user setting ${SETTING_IDS.imageHosts}, where you can remove it again.`,
    action: 'Always Load',
  };
}
