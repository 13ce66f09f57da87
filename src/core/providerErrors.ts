// Reads an error answer (an HTTP error status, or an error object sent inside a 200 stream)
// in any of the shapes real servers use, and turns it into a ChatError whose message names the
// cause and the next step.
//
// Shapes: AceData `{"success":false,"error":{"code","message"},"trace_id"}`; OpenAI
// `{"error":{"message","type","param","code"}}`; OpenRouter, whose `error.code` is the HTTP
// status as a number; LiteLLM, whose code is a string like "503"; vLLM/FastAPI
// `{"object":"error","message",...}` or `{"detail":…}`; Ollama `{"error":"text"}`; and anything
// else, e.g. a proxy's HTML 502 page.

import type { ChatErrorKind } from './types';
import { asSentence, ChatError, formatWait } from './errors';
import { redactSecretShapes } from './redact';
import { t } from './l10n';

/** What a person can act on, without flooding the panel with a provider's whole page. */
const MAX_PROVIDER_MESSAGE = 1000;
const MAX_EXCERPT = 200;

/** The facts found in an error body, whatever its shape. */
export interface ProviderErrorFacts {
  code?: string;
  type?: string;
  message?: string;
  traceId?: string;
}

export interface HttpErrorInput {
  status: number;
  headers: Headers;
  bodyText: string;
  retryAfterMs?: number;
}

const AUTH_CODES = new Set([
  'invalid_token',
  'invalid_api_key',
  'invalid_authentication',
  'authentication_error',
  'unauthorized',
  'permission_denied',
  'token_mismatched',
]);
const QUOTA_CODES = new Set([
  'insufficient_quota',
  'insufficient_balance',
  'billing_hard_limit_reached',
  'billing_not_active',
  'quota_exceeded',
]);
const RATE_LIMIT_CODES = new Set(['too_many_requests', 'rate_limit_exceeded', 'rate_limit_error']);
const NOT_FOUND_CODES = new Set(['model_not_found', 'api_not_implemented', 'not_found', 'not_found_error']);
const SERVER_CODES = new Set(['api_error', 'server_error', 'internal_error', 'service_unavailable', 'overloaded_error']);

const TRACE_HEADERS = ['x-request-id', 'x-trace-id', 'request-id', 'trace-id', 'x-amzn-requestid', 'cf-ray'];

/** An HTTP error response (any non-2xx status) as a ChatError. */
export function errorFromHttpResponse(input: HttpErrorInput): ChatError {
  const body = parseJson(input.bodyText);
  const facts = body === undefined ? {} : factsFromBody(body);
  const excerpt = facts.message === undefined && input.bodyText.trim() !== '' ? excerptOf(input.bodyText) : undefined;
  const traceId = facts.traceId ?? traceIdFromHeaders(input.headers);
  return buildProviderError({
    status: input.status,
    facts: { ...facts, traceId },
    excerpt,
    retryAfterMs: input.retryAfterMs,
    inStream: false,
  });
}

/** An error object a server sent inside a 200 stream (`data: {"error":…}` or `event: error`). */
export function errorFromStreamPayload(payload: unknown, rawText: string, partial: boolean): ChatError {
  const facts = payload === undefined ? {} : factsFromBody(payload);
  const excerpt = facts.message === undefined ? excerptOf(rawText) : undefined;
  return buildProviderError({ status: 200, facts, excerpt, inStream: true, partial });
}

/** Whether a body carries an error rather than an answer. */
export function isErrorBody(body: unknown): boolean {
  if (!isRecord(body)) return false;
  if (body.success === false) return true;
  return body.error !== undefined && body.error !== null && !Array.isArray(body.choices);
}

export function factsFromBody(body: unknown): ProviderErrorFacts {
  if (typeof body === 'string') return { message: body };
  if (!isRecord(body)) return {};
  const error = body.error;
  const facts: ProviderErrorFacts = {};
  if (isRecord(error)) {
    facts.code = scalarText(error.code);
    facts.type = scalarText(error.type);
    facts.message = textOf(error.message) ?? upstreamMessage(error);
  } else if (typeof error === 'string') {
    facts.message = error;
  }
  // vLLM / FastAPI / some gateways put the fields at the top level.
  facts.message ??= textOf(body.message) ?? detailText(body.detail);
  facts.code ??= scalarText(body.code);
  facts.type ??= scalarText(body.type);
  facts.traceId = scalarText(body.trace_id) ?? scalarText(body.request_id) ?? (isRecord(error) ? scalarText(error.request_id) : undefined);
  // LiteLLM writes Python's None as the string "None".
  if (facts.type === 'None') facts.type = undefined;
  if (facts.code === 'None') facts.code = undefined;
  return facts;
}

interface BuildInput {
  status: number;
  facts: ProviderErrorFacts;
  excerpt?: string;
  retryAfterMs?: number;
  inStream: boolean;
  partial?: boolean;
}

function buildProviderError(input: BuildInput): ChatError {
  const { status, facts } = input;
  const kind = classify(status, facts);
  const providerMessage = facts.message === undefined ? undefined : clip(redactSecretShapes(facts.message.trim()), MAX_PROVIDER_MESSAGE);
  const shown = providerMessage ?? input.excerpt;
  const headline = input.inStream ? t('The server reported an error while answering') : headlineFor(kind, facts);
  const parts = [asSentence(shown ? t('{0}: {1}', headline, shown) : headline)];
  if (input.inStream && input.partial) parts.push(t('The text received so far was kept.'));
  parts.push(nextStepFor(kind, facts, input.retryAfterMs));
  parts.push(`(${factLine(status, facts, input.inStream)})`);
  return new ChatError({
    kind,
    message: parts.join(' '),
    status,
    code: facts.code,
    providerMessage,
    traceId: facts.traceId,
    retryAfterMs: input.retryAfterMs,
    retryable: isRetryableKind(kind),
    partial: input.partial ?? false,
  });
}

/** The kind of failure, from the provider's code first (it is precise), then the status. */
export function classify(status: number, facts: ProviderErrorFacts): ChatErrorKind {
  const code = facts.code?.toLowerCase();
  const type = facts.type?.toLowerCase();
  const matches = (set: Set<string>): boolean => (code !== undefined && set.has(code)) || (type !== undefined && set.has(type));
  // Quota before rate limit: OpenAI sends insufficient_quota with a 429.
  if (matches(QUOTA_CODES)) return 'quota';
  if (matches(AUTH_CODES)) return 'auth';
  if (matches(RATE_LIMIT_CODES)) return 'rate-limit';
  if (matches(NOT_FOUND_CODES)) return 'not-found';
  if (code === 'context_length_exceeded' || type === 'invalid_request_error') return 'bad-request';
  if (matches(SERVER_CODES)) return 'server';
  // OpenRouter and LiteLLM put an HTTP status in `code`; inside a 200 stream it is the real one.
  const effectiveStatus = status >= 200 && status < 300 && code !== undefined && /^\d{3}$/.test(code) ? Number(code) : status;
  return kindForStatus(effectiveStatus);
}

function kindForStatus(status: number): ChatErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'quota';
  if (status === 404) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate-limit';
  if (status === 409 || status >= 500) return 'server';
  if (status >= 400) return 'bad-request';
  return 'server';
}

export function isRetryableKind(kind: ChatErrorKind): boolean {
  return kind === 'rate-limit' || kind === 'server' || kind === 'network' || kind === 'timeout';
}

function headlineFor(kind: ChatErrorKind, facts: ProviderErrorFacts): string {
  const code = facts.code?.toLowerCase();
  if (code === 'token_mismatched') return t('The API token does not belong to this API');
  if (code === 'api_not_implemented') return t('This API is not available at the configured endpoint');
  if (code === 'context_length_exceeded') return t('The conversation is too long for this model');
  if (code === 'model_not_found') return t('The model was not found');
  switch (kind) {
    case 'auth':
      return t('The server rejected the API token');
    case 'quota':
      return t('The account has no quota or credit left');
    case 'rate-limit':
      return t('The server is limiting how often requests may be sent');
    case 'not-found':
      return t('The server has no such endpoint or model');
    case 'timeout':
      return t('The server timed out while handling the request');
    case 'bad-request':
      return t('The server refused the request');
    default:
      return t('The server had an error');
  }
}

function nextStepFor(kind: ChatErrorKind, facts: ProviderErrorFacts, retryAfterMs: number | undefined): string {
  const code = facts.code?.toLowerCase();
  if (code === 'token_mismatched') return t('Set a token issued for this API and try again.');
  if (code === 'context_length_exceeded') return t('Start a new conversation or send less code, then try again.');
  switch (kind) {
    case 'auth':
      return t('Set a valid API token for this endpoint and try again.');
    case 'quota':
      return t('Add credit or check the plan of the account, then try again.');
    case 'rate-limit':
      return retryAfterMs !== undefined ? t('The server asked to wait: try again in {0}.', formatWait(retryAfterMs)) : t('Wait a moment and try again.');
    case 'not-found':
      return t('Check the base URL and the model name in the settings.');
    case 'bad-request':
      return t('Check the model name and the request settings, then try again.');
    default:
      return retryAfterMs !== undefined
        ? t('Try again in {0}.', formatWait(retryAfterMs))
        : t('Try again in a moment; if it keeps failing, the service may be down.');
  }
}

function factLine(status: number, facts: ProviderErrorFacts, inStream: boolean): string {
  // The provider's code, type and trace id stay as sent: they are what a support request quotes.
  const items = [inStream ? t('in a stream with HTTP {0}', status) : t('HTTP {0}', status)];
  if (facts.code !== undefined) items.push(t('code {0}', facts.code));
  else if (facts.type !== undefined) items.push(t('type {0}', facts.type));
  if (facts.traceId !== undefined) items.push(t('trace id {0}', facts.traceId));
  return items.join(t(', '));
}

function traceIdFromHeaders(headers: Headers): string | undefined {
  for (const name of TRACE_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/** A short, plain-text excerpt of a body that is not a known error shape (HTML pages included). */
export function excerptOf(bodyText: string): string | undefined {
  let text = bodyText;
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  if (/<[a-z!/][^>]*>/i.test(text)) {
    text = text
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"');
    if (title !== undefined && !text.includes(title.trim())) text = `${title} ${text}`;
  }
  const collapsed = redactSecretShapes(text.replace(/\s+/g, ' ').trim());
  return collapsed === '' ? undefined : clip(collapsed, MAX_EXCERPT);
}

function upstreamMessage(error: Record<string, unknown>): string | undefined {
  // OpenRouter wraps a provider's failure: `error.metadata.raw` holds its text.
  const metadata = error.metadata;
  return isRecord(metadata) ? textOf(metadata.raw) : undefined;
}

function detailText(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const messages = detail.map((item) => (isRecord(item) ? textOf(item.msg) : undefined)).filter(Boolean);
    return messages.length > 0 ? messages.join('; ') : undefined;
  }
  return undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[') && !trimmed.startsWith('"')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
