// What the user is asked before an image from an answer is loaded or its host trusted. The
// answer is the model's: the dialog, not the panel, shows exactly what would be contacted, and
// nothing happens until the user says yes. Free of `vscode`; chatImages.ts shows these modally.

import { SETTING_IDS } from '../contributionIds';
import { imageHostOf } from './answerImages';
import { quote, safeText } from '../reporting/untrustedText';
import { t } from '../../shared/l10n';

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
    message: t('Load this image from {0}?', quote(imageHostOf(url) ?? url)),
    detail: t(
      'The full address:\n{0}\n\nThe link comes from the answer. Loading it tells that server your IP address and that you read this answer; anything in the address goes to it too.',
      safeText(url, MAX_SHOWN_IMAGE_URL_LENGTH),
    ),
    action: t('Load Image'),
  };
}

export function allowHostQuestion(host: string): TrustQuestion {
  return {
    message: t('Always load images from {0}?', quote(host)),
    detail: t(
      'Images in answers from exactly {0} (that host and port only) will be loaded without a click, in every workspace. This adds it to your user setting {1}, where you can remove it again.',
      quote(host),
      SETTING_IDS.imageHosts,
    ),
    action: t('Always Load'),
  };
}
