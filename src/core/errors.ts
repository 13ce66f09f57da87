// The one error type the core throws. Its message is written for the person using the
// extension: what went wrong, then what to do about it, then the facts a support request needs.

import type { ChatErrorKind } from './types';
import { redactSecretShapes, type Redactor } from './redact';
import { t } from './l10n';

export interface ChatErrorInit {
  kind: ChatErrorKind;
  /** The complete, human-readable message (cause, next step, facts). */
  message: string;
  /** The HTTP status of the response, when there was one (200 for an error inside a stream). */
  status?: number;
  /** The provider's error code (`invalid_token`, `insufficient_quota`, `"503"`, …). */
  code?: string;
  /** The provider's own message, as sent (secrets removed). */
  providerMessage?: string;
  /** The provider's trace or request id (`trace_id`, `x-request-id`). */
  traceId?: string;
  /** How long the server asked to wait before trying again. */
  retryAfterMs?: number;
  /** Whether the same request may succeed if tried again later. */
  retryable?: boolean;
  /** Some answer text had already been yielded before the failure. */
  partial?: boolean;
}

export class ChatError extends Error {
  readonly kind: ChatErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly providerMessage: string | undefined;
  readonly traceId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly retryable: boolean;
  readonly partial: boolean;

  constructor(init: ChatErrorInit) {
    // Secret-shaped strings go before super(): the stack trace copies the message.
    super(redactSecretShapes(init.message));
    this.name = 'ChatError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code === undefined ? undefined : redactSecretShapes(init.code);
    this.providerMessage = init.providerMessage === undefined ? undefined : redactSecretShapes(init.providerMessage);
    this.traceId = init.traceId === undefined ? undefined : redactSecretShapes(init.traceId);
    this.retryAfterMs = init.retryAfterMs;
    this.retryable = init.retryable ?? false;
    this.partial = init.partial ?? false;
  }

  /** The same error with other facts changed, e.g. `partial` once the caller knows. */
  with(changes: Partial<ChatErrorInit>): ChatError {
    return new ChatError({ ...this.toInit(), ...changes });
  }

  /** This error with `redact` applied to every text field; itself when nothing changes. */
  redactedWith(redact: Redactor): ChatError {
    const init = this.toInit();
    const cleaned: ChatErrorInit = {
      ...init,
      message: redact(init.message),
      code: init.code === undefined ? undefined : redact(init.code),
      providerMessage: init.providerMessage === undefined ? undefined : redact(init.providerMessage),
      traceId: init.traceId === undefined ? undefined : redact(init.traceId),
    };
    const unchanged =
      cleaned.message === init.message &&
      cleaned.code === init.code &&
      cleaned.providerMessage === init.providerMessage &&
      cleaned.traceId === init.traceId;
    return unchanged ? this : new ChatError(cleaned);
  }

  private toInit(): ChatErrorInit {
    return {
      kind: this.kind,
      message: this.message,
      status: this.status,
      code: this.code,
      providerMessage: this.providerMessage,
      traceId: this.traceId,
      retryAfterMs: this.retryAfterMs,
      retryable: this.retryable,
      partial: this.partial,
    };
  }
}

export function isChatError(value: unknown): value is ChatError {
  return value instanceof ChatError;
}

/** "text." — one sentence, whatever punctuation the provider's message ended with ("文本。" in Chinese). */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  return /[.!?…。！？]$/.test(trimmed) ? trimmed : t('{0}.', trimmed);
}

/** "2 s", "1.5 s", "3 min": waits as a person reads them. */
export function formatDuration(ms: number): string {
  if (ms >= 120_000) return t('{0} min', Math.round(ms / 60_000));
  const seconds = ms / 1000;
  return t('{0} s', seconds >= 10 ? Math.round(seconds) : Math.round(seconds * 10) / 10);
}

/** "45 s", "1 min", "3 h": how long to wait before trying again, rounded up to whole seconds. */
export function formatWait(ms: number): string {
  if (!Number.isFinite(ms)) return t('a long while');
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return t('{0} s', seconds);
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('{0} min', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('{0} h', hours);
  const days = Math.round(hours / 24);
  return days > 365 ? t('more than a year') : t('{0} days', days);
}
