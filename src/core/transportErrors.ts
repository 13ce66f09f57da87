// Failures that are not the server's answer: no connection, a dropped connection, a clock
// that ran out, the user stopping the request. Each becomes a ChatError that says what
// happened and what to try.

import { ChatError, formatDuration } from './errors';
import type { TimeoutPhase } from './timeouts';
import type { ChatTimeouts } from './types';

/** Node/undici error codes, as a person would say them. */
const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (is the server running?)',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be looked up (DNS)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed while sending',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the server sent no headers in time',
  UND_ERR_BODY_TIMEOUT: 'the server stopped sending',
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's TLS certificate chain is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's TLS certificate could not be verified",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's TLS certificate is for another host",
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
  const cause = (code !== undefined ? NETWORK_CAUSES[code] : undefined) ?? describeCause(error);
  return new ChatError({
    kind: 'network',
    code,
    message: `Could not reach ${host}: ${cause}. Check the base URL and the network connection, then try again.`,
    retryable: true,
  });
}

/** The connection broke while the answer was arriving. */
export function connectionLostError(error: unknown, host: string, partial: boolean): ChatError {
  const code = networkCauseCode(error);
  const cause = (code !== undefined ? NETWORK_CAUSES[code] : undefined) ?? describeCause(error);
  return new ChatError({
    kind: 'network',
    code,
    message: `The connection to ${host} broke while the answer was arriving (${cause}).${partial ? ' The text received so far was kept.' : ''} Try again.`,
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
      ? 'The answer was cut off: the server closed the connection before it finished. The text received so far was kept; try again for a complete answer.'
      : 'The server closed the connection without sending an answer. Try again; if it keeps happening, check the base URL and the model.',
    retryable: true,
    partial,
  });
}

export function timeoutError(phase: TimeoutPhase, limits: ChatTimeouts, partial: boolean, onlyKeptAlive = false): ChatError {
  const kept = partial ? ' The text received so far was kept.' : '';
  const message =
    phase === 'first-byte' && onlyKeptAlive
      ? `The server kept the connection open with keep-alive messages but sent no answer within ${formatDuration(limits.firstByteMs)}. It may be overloaded, or the model stuck loading; try again.`
      : phase === 'first-byte'
      ? `The server did not start answering within ${formatDuration(limits.firstByteMs)}. It may be overloaded, or the model slow to load; try again.`
      : phase === 'idle'
        ? `The server stopped sending for ${formatDuration(limits.idleMs)} in the middle of the answer.${kept} Try again.`
        : `The answer took longer than the ${formatDuration(limits.totalMs)} limit and was stopped.${kept} Ask for a shorter answer or try again.`;
  return new ChatError({ kind: 'timeout', code: `${phase}_timeout`, message, retryable: true, partial });
}

export function cancelledError(partial: boolean): ChatError {
  return new ChatError({
    kind: 'cancelled',
    message: partial ? 'The answer was stopped; the text received so far was kept.' : 'The request was cancelled.',
    partial,
  });
}

/** What browsers' fetch says for any refused request: a CORS refusal looks like a network failure. */
const BROWSER_FETCH_FAILURE = /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed)$/;

function describeCause(error: unknown): string {
  if (error instanceof TypeError && BROWSER_FETCH_FAILURE.test(error.message)) {
    return 'the browser refused the request or could not connect (in VS Code for the Web the server must allow cross-origin requests: CORS)';
  }
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const inner = cause instanceof Error && cause.message ? cause.message : undefined;
  const outer = error instanceof Error ? error.message : String(error);
  return (inner ?? outer).replace(/\s+/g, ' ').slice(0, 200) || 'unknown network error';
}
