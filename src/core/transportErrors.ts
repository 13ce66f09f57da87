// Failures that are not the server's answer: no connection, a dropped connection, a clock
// that ran out, the user stopping the request. Each becomes a ChatError that says what
// happened and what to try.

import { ChatError, formatDuration } from './errors';
import type { TimeoutPhase } from './timeouts';
import type { ChatTimeouts } from './types';
import { t } from './l10n';

/** Node/undici error codes, as a person would say them (functions: translated when used). */
const NETWORK_CAUSES: Record<string, () => string> = {
  ECONNREFUSED: () => t('the connection was refused (is the server running?)'),
  ECONNRESET: () => t('the connection was reset'),
  ENOTFOUND: () => t('the host name was not found'),
  EAI_AGAIN: () => t('the host name could not be looked up (DNS)'),
  ETIMEDOUT: () => t('the connection timed out'),
  EHOSTUNREACH: () => t('the host is unreachable'),
  ENETUNREACH: () => t('the network is unreachable'),
  EPIPE: () => t('the connection was closed while sending'),
  UND_ERR_SOCKET: () => t('the server closed the connection'),
  UND_ERR_CONNECT_TIMEOUT: () => t('the connection timed out'),
  UND_ERR_HEADERS_TIMEOUT: () => t('the server sent no headers in time'),
  UND_ERR_BODY_TIMEOUT: () => t('the server stopped sending'),
  CERT_HAS_EXPIRED: () => t('the server\'s TLS certificate has expired'),
  DEPTH_ZERO_SELF_SIGNED_CERT: () => t('the server\'s TLS certificate is self-signed'),
  SELF_SIGNED_CERT_IN_CHAIN: () => t('the server\'s TLS certificate chain is self-signed'),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: () => t('the server\'s TLS certificate could not be verified'),
  ERR_TLS_CERT_ALTNAME_INVALID: () => t('the server\'s TLS certificate is for another host'),
};

/** The most specific code in an error and its causes (undici wraps the socket error). */
export function networkCauseCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Could not send the request or get an answer's headers. */
export function connectionError(error: unknown, host: string): ChatError {
  const code = networkCauseCode(error);
  const cause = (code !== undefined && Object.hasOwn(NETWORK_CAUSES, code) ? NETWORK_CAUSES[code]!() : undefined) ?? describeCause(error);
  return new ChatError({
    kind: 'network',
    code,
    message: t('Could not reach {0}: {1}. Check the base URL and the network connection, then try again.', host, cause),
    retryable: true,
  });
}

/** The connection broke while the answer was arriving. */
export function connectionLostError(error: unknown, host: string, partial: boolean): ChatError {
  const code = networkCauseCode(error);
  const cause = (code !== undefined && Object.hasOwn(NETWORK_CAUSES, code) ? NETWORK_CAUSES[code]!() : undefined) ?? describeCause(error);
  return new ChatError({
    kind: 'network',
    code,
    message: `${t('The connection to {0} broke while the answer was arriving ({1}).', host, cause)}${partial ? ` ${t('The text received so far was kept.')}` : ''} ${t('Try again.')}`,
    retryable: true,
    partial,
  });
}

/** The body ended without `[DONE]` and without a finish reason for every choice. */
export function cutOffError(partial: boolean): ChatError {
  return new ChatError({
    kind: 'network',
    code: 'incomplete_answer',
    message: partial
      ? t('The answer was cut off: the server closed the connection before it finished. The text received so far was kept; try again for a complete answer.')
      : t('The server closed the connection without sending an answer. Try again; if it keeps happening, check the base URL and the model.'),
    retryable: true,
    partial,
  });
}

export function timeoutError(phase: TimeoutPhase, limits: ChatTimeouts, partial: boolean, onlyKeptAlive = false): ChatError {
  const kept = partial ? ` ${t('The text received so far was kept.')}` : '';
  const message =
    phase === 'first-byte' && onlyKeptAlive
      ? t('The server kept the connection open with keep-alive messages but sent no answer within {0}. It may be overloaded, or the model stuck loading; try again.', formatDuration(limits.firstByteMs))
      : phase === 'first-byte'
      ? t('The server did not start answering within {0}. It may be overloaded, or the model slow to load; try again.', formatDuration(limits.firstByteMs))
      : phase === 'idle'
        ? `${t('The server stopped sending for {0} in the middle of the answer.', formatDuration(limits.idleMs))}${kept} ${t('Try again.')}`
        : `${t('The answer took longer than the {0} limit and was stopped.', formatDuration(limits.totalMs))}${kept} ${t('Ask for a shorter answer or try again.')}`;
  return new ChatError({ kind: 'timeout', code: `${phase}_timeout`, message, retryable: true, partial });
}

export function cancelledError(partial: boolean): ChatError {
  return new ChatError({
    kind: 'cancelled',
    message: partial ? t('The answer was stopped; the text received so far was kept.') : t('The request was cancelled.'),
    partial,
  });
}

/** What browsers' fetch says for any refused request: a CORS refusal looks like a network failure. */
const BROWSER_FETCH_FAILURE = /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed)$/;

function describeCause(error: unknown): string {
  if (error instanceof TypeError && BROWSER_FETCH_FAILURE.test(error.message)) {
    return t('the browser refused the request or could not connect (in VS Code for the Web the server must allow cross-origin requests: CORS)');
  }
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const inner = cause instanceof Error && cause.message ? cause.message : undefined;
  const outer = error instanceof Error ? error.message : String(error);
  return (inner ?? outer).replace(/\s+/g, ' ').slice(0, 200) || t('unknown network error');
}
