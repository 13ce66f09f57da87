// The model ids a server offers (`GET {base}/models`), for a model picker. OpenAI answers
// `{data:[{id}]}`; some servers answer a bare array; Ollama-style lists use `models:[{name}]`.

import { isAzureOpenAiHost, resolveModelsUrl, tokenHeaderFor } from './endpoint';
import { ChatError } from './errors';
import { errorFromHttpResponse } from './providerErrors';
import { createRedactor } from './redact';
import { buildHeaders } from './requestHeaders';
import { readTextUpTo } from './responseText';
import { DEFAULT_TIMEOUTS } from './timeouts';
import { sendFollowingRedirects, type FetchFunction } from './transport';
import { cancelledError, connectionError } from './transportErrors';
import { t } from './l10n';

const MAX_MODELS_BODY_BYTES = 8 * 1024 * 1024;

/** What a model listing sends besides the token: the user's headers, and the host's fetch. */
export interface ModelListOptions {
  headers?: Record<string, string>;
  /** Secret header values, kept out of every message. */
  secrets?: readonly string[];
  fetch?: FetchFunction;
}

/** The ids `GET {base}/models` lists; `signal` is the caller's (a picker closed, an owner disposed): aborting it hangs up. */
export async function listModels(baseUrl: string, token: string | undefined, signal: AbortSignal, options: ModelListOptions = {}): Promise<string[]> {
  const redact = createRedactor([token, ...(options.secrets ?? [])]);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  let timedOut = false;
  // One clock for the whole listing: it is small, and a picker must not hang.
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, DEFAULT_TIMEOUTS.firstByteMs);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal.aborted) throw cancelledError(false);
    const url = resolveModelsUrl(baseUrl);
    const headers = buildHeaders({ token, accept: 'application/json', json: false, extra: options.headers, tokenHeader: tokenHeaderFor(url) });
    let response: Response;
    try {
      ({ response } = await sendFollowingRedirects({
        method: 'GET',
        url,
        headers,
        signal: controller.signal,
        fetch: options.fetch,
        originOnlyHeaders: Object.keys(options.headers ?? {}),
      }));
    } catch (error) {
      if (error instanceof ChatError || controller.signal.aborted) throw error;
      throw connectionError(error, url.host);
    }
    const text = await readTextUpTo(response, MAX_MODELS_BODY_BYTES);
    if (response.status === 404 && isAzureOpenAiHost(url)) throw azureNoModelList();
    if (response.status < 200 || response.status >= 300) {
      throw errorFromHttpResponse({ status: response.status, headers: response.headers, bodyText: text });
    }
    return modelIdsFrom(text);
  } catch (error) {
    // A caller's AbortSignal.timeout() is a timeout, not the user stopping the request.
    const callerTimedOut = signal.aborted && (signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
    const explained = signal.aborted && !callerTimedOut
      ? cancelledError(false)
      : timedOut || callerTimedOut
        ? new ChatError({
            kind: 'timeout',
            code: 'models_timeout',
            message: t('The server did not send its model list in time. Check the base URL and the network connection, then try again.'),
            retryable: true,
          })
        : error instanceof ChatError
          ? error
          : connectionError(error, baseUrl);
    throw explained.redactedWith(redact);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

/** Azure OpenAI has no model list at a deployment's URL: the deployment in the URL is the model. */
function azureNoModelList(): ChatError {
  return new ChatError({
    kind: 'not-found',
    code: 'models_unavailable',
    status: 404,
    message:
      t('Azure OpenAI offers no model list at this address: the deployment in the base URL decides the model. Type the deployment\'s model name instead (completionsChat.model).'),
  });
}

/** The ids in a models listing, in the server's order, without duplicates. */
export function modelIdsFrom(text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ChatError({
      kind: 'protocol',
      message: t('The model list from the server is not JSON. Check the base URL: it must point at an OpenAI-compatible API.'),
    });
  }
  const record = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const list = Array.isArray(body) ? body : Array.isArray(record?.data) ? record.data : Array.isArray(record?.models) ? record.models : undefined;
  if (list === undefined) {
    throw new ChatError({
      kind: 'protocol',
      message: t('The server answered the model list without a "data" array. Check the base URL: it must point at an OpenAI-compatible API.'),
    });
  }
  const ids = new Set<string>();
  for (const item of list) {
    const id =
      typeof item === 'string'
        ? item
        : item !== null && typeof item === 'object'
          ? ((item as { id?: unknown }).id ?? (item as { name?: unknown }).name ?? (item as { model?: unknown }).model)
          : undefined;
    if (typeof id === 'string' && id.trim() !== '') ids.add(id.trim());
  }
  return [...ids];
}
