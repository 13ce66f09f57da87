// Turns whatever stopped an answer into what the user sees: a message that names the cause,
// and the one action that fixes it.

import { ChatError } from '../../core/chatClient';
import type { AnswerError } from '../../shared/conversation';
import type { OptionProblem } from '../../shared/requestOptions';
import { SettingError } from '../settings/settings';
import { SETTING_IDS } from '../contributionIds';
import { t } from '../../shared/l10n';

/** No token is stored for the endpoint the request would go to. */
export class MissingTokenError extends Error {
  constructor(readonly origin: string) {
    super(t('No API token is set for {0}. Set one to start chatting.', origin));
    this.name = 'MissingTokenError';
  }
}

/** A conversation parameter the host refuses to send (the panel refuses it first). */
export class InvalidOptionsError extends Error {
  constructor(readonly problems: readonly OptionProblem[]) {
    super(t('{0} Change it under Parameters; nothing was sent.', problems.map((problem) => problem.reason).join(' ')));
    this.name = 'InvalidOptionsError';
  }
}

export function toAnswerError(error: unknown): AnswerError {
  if (error instanceof InvalidOptionsError) {
    return { kind: 'options', message: error.message };
  }
  if (error instanceof MissingTokenError) {
    return { kind: 'auth', message: error.message, action: 'setToken' };
  }
  if (error instanceof SettingError) {
    return { kind: 'setting', message: error.message, action: 'openSettings', setting: error.setting };
  }
  if (error instanceof ChatError) {
    const base = { kind: error.kind, message: error.message, status: error.status };
    switch (error.kind) {
      case 'auth':
        return { ...base, action: 'setToken' };
      case 'not-found':
        return { ...base, action: 'openSettings', setting: SETTING_IDS.baseUrl };
      case 'bad-request':
        // A refused endpoint is fixed in settings; any other bad request may pass on a retry
        // once the conversation or the setting that caused it has changed.
        return error.code === 'invalid_base_url' || error.code === 'insecure_base_url'
          ? { ...base, action: 'openSettings', setting: SETTING_IDS.baseUrl }
          : { ...base, action: 'retry' };
      case 'quota':
        return base;
      case 'too-large':
        // The same question would bring the same oversized answer: no Retry button; the
        // message asks for a shorter answer.
        return base;
      default:
        return { ...base, action: 'retry' };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'unknown', message: t('Unexpected error: {0}', message), action: 'retry' };
}
