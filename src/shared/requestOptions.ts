// A conversation's request parameters: what the panel lets the user change per conversation
// (temperature, max_tokens, system prompt, stream, n, JSON mode) on top of the settings.
// Shared because the same rules refuse a bad value in the webview (with the reason), drop a
// bad message in the protocol guard, and check again in the host before anything is sent.

import { formatNumber, t } from './l10n';

/**
 * What a conversation changes; an absent field follows the settings (or, for `n` and
 * `jsonMode`, which have no setting, the built-in default).
 */
export interface RequestOptions {
  temperature?: number;
  maxTokens?: number;
  /** '' sends no system message. */
  systemPrompt?: string;
  stream?: boolean;
  /** How many candidate answers to ask for (`n`). */
  n?: number;
  /** Ask for `response_format: {type: "json_object"}`. */
  jsonMode?: boolean;
}

/** The settings a conversation's options fall back to (the matching `completionsChat.*`). */
export interface OptionDefaults {
  temperature: number | undefined;
  maxTokens: number | undefined;
  systemPrompt: string;
  stream: boolean;
}

/** The values a request is built from. */
export interface EffectiveOptions {
  temperature: number | undefined;
  maxTokens: number | undefined;
  systemPrompt: string;
  stream: boolean;
  n: number;
  jsonMode: boolean;
}

export const MAX_CANDIDATES = 5;
/** A generous cap: large enough for any model's output limit, small enough to catch typos. */
export const MAX_MAX_TOKENS = 1_000_000;
/** System prompts longer than this are almost certainly a paste gone wrong. */
export const MAX_SYSTEM_PROMPT_CHARS = 100_000;

export type OptionField = keyof RequestOptions;

export interface OptionProblem {
  field: OptionField;
  /** Why the value is refused, as the user reads it next to the field. */
  reason: string;
}

type FieldCheck = (value: unknown) => string | undefined;

const fieldChecks: { [K in OptionField]: FieldCheck } = {
  temperature: (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 2 ? undefined : t('Temperature must be a number from 0 to 2.'),
  maxTokens: (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_MAX_TOKENS
      ? undefined
      : t('Max tokens must be a whole number from 1 to {0}.', formatNumber(MAX_MAX_TOKENS)),
  systemPrompt: (value) =>
    typeof value !== 'string'
      ? t('The system prompt must be text.')
      : value.length > MAX_SYSTEM_PROMPT_CHARS
        ? t('The system prompt must be at most {0} characters.', formatNumber(MAX_SYSTEM_PROMPT_CHARS))
        : undefined,
  stream: (value) => (typeof value === 'boolean' ? undefined : t('Stream must be on or off.')),
  n: (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_CANDIDATES
      ? undefined
      : t('Candidates must be a whole number from 1 to {0}.', MAX_CANDIDATES),
  jsonMode: (value) => (typeof value === 'boolean' ? undefined : t('JSON mode must be on or off.')),
};

/** Every problem with `value` as a RequestOptions; empty when it is one. Unknown fields are problems too. */
export function optionProblems(value: unknown): OptionProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field: 'temperature', reason: t('The parameters must be an object.') }];
  }
  const problems: OptionProblem[] = [];
  for (const [field, fieldValue] of Object.entries(value)) {
    if (!Object.hasOwn(fieldChecks, field)) {
      problems.push({ field: field as OptionField, reason: `"${field}" is not a parameter.` });
      continue;
    }
    // An absent field follows the settings; `undefined` written out means the same.
    if (fieldValue === undefined) continue;
    const reason = fieldChecks[field as OptionField](fieldValue);
    if (reason) problems.push({ field: field as OptionField, reason });
  }
  return problems;
}

export function isRequestOptions(value: unknown): value is RequestOptions {
  return optionProblems(value).length === 0;
}

/** The conversation's options over the settings' defaults. */
export function effectiveOptions(defaults: OptionDefaults, options: RequestOptions = {}): EffectiveOptions {
  return {
    temperature: options.temperature ?? defaults.temperature,
    maxTokens: options.maxTokens ?? defaults.maxTokens,
    systemPrompt: options.systemPrompt ?? defaults.systemPrompt,
    stream: options.stream ?? defaults.stream,
    n: options.n ?? 1,
    jsonMode: options.jsonMode ?? false,
  };
}

/** Problems of the values a request would be built from (settings included). */
export function effectiveProblems(options: EffectiveOptions): OptionProblem[] {
  const { temperature, maxTokens, ...always } = options;
  return optionProblems({ ...always, ...(temperature !== undefined && { temperature }), ...(maxTokens !== undefined && { maxTokens }) });
}

/**
 * A number typed into the panel: '' (follow the settings), a value, or the reason it is
 * refused. `integer` also refuses fractions ("1.5 tokens").
 */
export type ParsedNumber = { ok: true; value: number | undefined } | { ok: false; reason: string };

export function parseOptionNumber(field: 'temperature' | 'maxTokens' | 'n', text: string): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  // Number('') is 0 and Number('0x1') is 1: only plain decimal notation is accepted.
  const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : Number.NaN;
  const reason = fieldChecks[field](value);
  return reason ? { ok: false, reason } : { ok: true, value };
}
