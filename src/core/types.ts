// The wire types of the Chat Completions API and the events the client yields.
// Plain data only: shared by the core client, the host and the tests.

export type Role = 'system' | 'user' | 'assistant';

export interface TextPart {
  type: 'text';
  text: string;
}

export interface ImageUrlPart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

/** The drawing model's guide sends attached images as `file_url` parts. */
export interface FileUrlPart {
  type: 'file_url';
  file_url: { url: string };
}

export type ContentPart = TextPart | ImageUrlPart | FileUrlPart;

export interface ChatMessage {
  role: Role;
  content: string | ContentPart[];
}

export interface ResponseFormat {
  type: 'text' | 'json_object' | 'json_schema';
  json_schema?: unknown;
}

/** The JSON body of `POST /chat/completions`. Unknown fields are passed through as given. */
export interface ChatRequestBody {
  model: string;
  messages: ChatMessage[];
  max_tokens?: number;
  temperature?: number;
  n?: number;
  response_format?: ResponseFormat;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [extra: string]: unknown;
}

/** Milliseconds; each is optional in a request and falls back to DEFAULT_TIMEOUTS. */
export interface ChatTimeouts {
  /** From sending the request until the first byte of the answer's body. */
  firstByteMs: number;
  /** The longest silence between two reads of the body. */
  idleMs: number;
  /** The whole answer, retries included. */
  totalMs: number;
}

export interface RetryPolicy {
  /** Retries after the first attempt (0 = never retry). */
  maxRetries: number;
  /** First backoff; it doubles each retry up to maxDelayMs, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server-requested wait longer than this is reported, not waited for. */
  maxRetryAfterMs: number;
}

export interface ChatRequest {
  /** A base (`https://api.acedata.cloud/openai`, `…/v1`) or the full `…/chat/completions` URL. */
  baseUrl: string;
  /** Bearer token; omitted for servers that need none (a local Ollama). */
  token?: string;
  body: ChatRequestBody;
  /** Extra headers; they never override authorization (or api-key) or content-type, and go only to the base URL's origin. */
  headers?: Record<string, string>;
  /** Values that must never appear in an error message (secret header values); the token always is. */
  secrets?: readonly string[];
  /** The fetch to send with (the host's, through its proxy and certificates); the global one by default. */
  fetch?: (input: URL, init: RequestInit) => Promise<Response>;
  timeouts?: Partial<ChatTimeouts>;
  retry?: Partial<RetryPolicy>;
  /** Bounds on the answer; each can only be lowered below its default (see answerLimits). */
  limits?: { maxAnswerChars?: number };
  /** Called before each automatic retry, e.g. to show "retrying in 2 s". */
  onRetry?: (notice: RetryNotice) => void;
}

/** Why and when the client tries a request again (before any answer text arrived). */
export interface RetryNotice {
  /** 1 for the first retry. */
  attempt: number;
  /** The wait before it: the server's `retry-after` when it gave one, else the backoff. */
  delayMs: number;
  /** The HTTP status that failed, absent for a connection error. */
  status?: number;
  /** The failure's message, already free of secrets. */
  reason: string;
}

/** The server's usage object, passed on as sent (details included). */
export interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  [detail: string]: unknown;
}

export type ChatEvent =
  /** New answer text of choice `index`. */
  | { type: 'delta'; index: number; content: string }
  /** A model's refusal text (OpenAI `delta.refusal`), never mixed into the answer. */
  | { type: 'refusal'; index: number; content: string }
  /** Reasoning text (`reasoning_content` / `reasoning`), never mixed into the answer. */
  | { type: 'reasoning'; index: number; content: string }
  /** Choice `index` is finished: `stop`, `length`, `content_filter`, `tool_calls`, … */
  | { type: 'finish'; index: number; reason: string }
  /**
   * A fragment of a tool call of choice `index`: `arguments` is new text to append; `id` and
   * `name` come with the first fragment of each call (`toolIndex`).
   */
  | { type: 'toolCall'; index: number; toolIndex: number; id?: string; name?: string; arguments: string }
  /** The server's usage, once, at the end: the last one it sent (vLLM sends a growing one per chunk). */
  | { type: 'usage'; usage: Usage }
  /** The response's model id, once, when the server names it. */
  | { type: 'model'; model: string };

export type ChatErrorKind =
  | 'auth'
  | 'quota'
  | 'rate-limit'
  | 'bad-request'
  | 'not-found'
  | 'server'
  | 'network'
  | 'timeout'
  | 'protocol'
  /** The answer passed the size cap (MAX_ANSWER_CHARS) and was stopped. */
  | 'too-large'
  | 'cancelled';
