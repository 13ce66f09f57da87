// The "Parameters" row under the toolbar: a one-line summary of what this conversation changes
// (and its token total), which opens into a compact form — temperature, max tokens,
// candidates, stream, JSON mode, system prompt. A value the rules refuse is shown with its
// reason and never sent; a valid change replaces the conversation's options on the host.

import type { WebviewMessage } from '../shared/protocol';
import {
  MAX_CANDIDATES,
  optionProblems,
  parseOptionNumber,
  type OptionDefaults,
  type OptionField,
  type RequestOptions,
} from '../shared/requestOptions';
import { formatTokens, type UsageSummary } from '../shared/usage';
import { codicon, element, textButton } from './dom';
import { formatNumber, t } from '../shared/l10n';

/** Before the host's first state: the manifest's defaults (server decides temperature/max). */
const BUILT_IN_DEFAULTS: OptionDefaults = { temperature: undefined, maxTokens: undefined, systemPrompt: '', stream: true };

interface Field<T extends HTMLElement> {
  control: T;
  error: HTMLElement;
  row: HTMLElement;
}

let nextPanelId = 0;

export class ParametersPanel {
  readonly element: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly toggleIcon: HTMLSpanElement;
  private readonly summary: HTMLSpanElement;
  private readonly usage: HTMLSpanElement;
  private readonly form: HTMLElement;
  private readonly temperature: Field<HTMLInputElement>;
  private readonly maxTokens: Field<HTMLInputElement>;
  private readonly candidates: Field<HTMLSelectElement>;
  private readonly stream: Field<HTMLInputElement>;
  private readonly jsonMode: Field<HTMLInputElement>;
  private readonly systemPrompt: Field<HTMLTextAreaElement>;
  private defaults: OptionDefaults = BUILT_IN_DEFAULTS;
  private options: RequestOptions = {};

  constructor(
    private readonly post: (message: WebviewMessage) => void,
    private readonly openChanged: (open: boolean) => void = () => undefined,
  ) {
    const id = `parameters-${nextPanelId++}`;
    this.toggleIcon = codicon('chevron-right');
    this.summary = element('span', { className: 'parameters-summary' });
    this.toggle = element('button', {
      className: 'parameters-toggle',
      attributes: { type: 'button', 'aria-expanded': 'false', 'aria-controls': `${id}-form` },
    }, [this.toggleIcon, element('span', { className: 'parameters-title', text: t('Parameters') }), this.summary]);
    this.toggle.addEventListener('click', () => this.setOpen(this.form.hidden));
    this.usage = element('span', { className: 'conversation-usage', attributes: { 'aria-live': 'polite' } });
    this.usage.hidden = true;

    this.temperature = this.field(id, 'temperature', t('Temperature'), element('input', {
      className: 'parameter-input',
      attributes: { type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false' },
    }), t('0 to 2: lower is more focused, higher more varied.'));
    this.maxTokens = this.field(id, 'maxTokens', t('Max tokens'), element('input', {
      className: 'parameter-input',
      attributes: { type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' },
    }), t('Upper limit of each answer (max_tokens).'));
    const select = element('select', { className: 'parameter-input' });
    for (let n = 1; n <= MAX_CANDIDATES; n++) select.append(element('option', { text: String(n), attributes: { value: String(n) } }));
    this.candidates = this.field(id, 'n', t('Candidates'), select, t('Answers asked for at once (n); pick one to continue with.'));
    this.stream = this.checkbox(id, 'stream', t('Stream'), t('Show the answer as it is written.'));
    this.jsonMode = this.checkbox(
      id,
      'jsonMode',
      t('JSON mode'),
      t('Asks for response_format json_object; a line asking for JSON is added to the system prompt (OpenAI requires the word).'),
    );
    this.systemPrompt = this.field(id, 'systemPrompt', t('System prompt'), element('textarea', {
      className: 'parameter-input parameter-system-prompt',
      attributes: { rows: '3', spellcheck: 'false' },
    }), t('Sent first in every request; empty sends none.'));

    const reset = textButton('discard', t('Use Settings'), () => this.post({ type: 'setOptions', options: {} }), 'link-button parameters-reset');
    reset.title = t('Forget this conversation\'s parameters and follow the completionsChat settings again');
    this.form = element('div', { className: 'parameters-form', attributes: { id: `${id}-form`, role: 'group', 'aria-label': t('Request parameters') } }, [
      element('div', { className: 'parameters-grid' }, [this.temperature.row, this.maxTokens.row, this.candidates.row]),
      element('div', { className: 'parameters-checks' }, [this.stream.row, this.jsonMode.row]),
      this.systemPrompt.row,
      element('div', { className: 'parameters-footer' }, [reset]),
    ]);
    this.form.hidden = true;

    this.element = element('section', { className: 'parameters', attributes: { 'aria-label': t('Parameters') } }, [
      element('div', { className: 'parameters-bar' }, [this.toggle, this.usage]),
      this.form,
    ]);
    this.render();
  }

  get isOpen(): boolean {
    return !this.form.hidden;
  }

  setOpen(open: boolean): void {
    if (open === this.isOpen) return;
    this.form.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    this.toggleIcon.className = `codicon codicon-chevron-${open ? 'down' : 'right'}`;
    this.openChanged(open);
  }

  setDefaults(defaults: OptionDefaults | undefined): void {
    this.defaults = defaults ?? BUILT_IN_DEFAULTS;
    this.render();
  }

  setOptions(options: RequestOptions | undefined): void {
    this.options = { ...(options ?? {}) };
    this.render();
  }

  setUsage(summary: UsageSummary | undefined): void {
    this.usage.hidden = !summary;
    if (!summary) return;
    this.usage.textContent = formatTokens(summary);
    const inOut = t('This conversation: {0} in · {1} out', formatNumber(summary.prompt), formatNumber(summary.completion));
    this.usage.title = summary.estimated ? t('{0} (some answers had no usage from the server: about 4 characters a token)', inOut) : inOut;
  }

  /** Puts the options and defaults into the controls and the summary; clears shown errors. */
  private render(): void {
    const { options, defaults } = this;
    this.temperature.control.value = options.temperature === undefined ? '' : String(options.temperature);
    this.temperature.control.placeholder = defaults.temperature === undefined ? t('server default') : t('{0} (setting)', formatNumber(defaults.temperature));
    this.maxTokens.control.value = options.maxTokens === undefined ? '' : String(options.maxTokens);
    this.maxTokens.control.placeholder = defaults.maxTokens === undefined ? t('server default') : t('{0} (setting)', defaults.maxTokens);
    this.candidates.control.value = String(options.n ?? 1);
    this.stream.control.checked = options.stream ?? defaults.stream;
    this.jsonMode.control.checked = options.jsonMode ?? false;
    this.systemPrompt.control.value = options.systemPrompt ?? defaults.systemPrompt;
    this.systemPrompt.control.placeholder = t('No system message');
    for (const field of this.fields()) this.showError(field, undefined);
    this.summary.textContent = summaryOf(options);
  }

  private fields(): Field<HTMLElement>[] {
    return [this.temperature, this.maxTokens, this.candidates, this.stream, this.jsonMode, this.systemPrompt];
  }

  /** Reads every control; posts the options when all are valid, else shows each reason. */
  private commit(): void {
    const temperature = parseOptionNumber('temperature', this.temperature.control.value);
    const maxTokens = parseOptionNumber('maxTokens', this.maxTokens.control.value);
    const n = parseOptionNumber('n', this.candidates.control.value);
    this.showError(this.temperature, temperature.ok ? undefined : temperature.reason);
    this.showError(this.maxTokens, maxTokens.ok ? undefined : maxTokens.reason);
    this.showError(this.candidates, n.ok ? undefined : n.reason);
    if (!temperature.ok || !maxTokens.ok || !n.ok) return;

    // A value equal to the setting follows the setting, so changing the setting still applies.
    const systemPrompt = this.systemPrompt.control.value;
    const stream = this.stream.control.checked;
    const options: RequestOptions = {};
    if (temperature.value !== undefined) options.temperature = temperature.value;
    if (maxTokens.value !== undefined) options.maxTokens = maxTokens.value;
    if (n.value !== undefined && n.value !== 1) options.n = n.value;
    if (stream !== this.defaults.stream) options.stream = stream;
    if (this.jsonMode.control.checked) options.jsonMode = true;
    if (systemPrompt !== this.defaults.systemPrompt) options.systemPrompt = systemPrompt;

    const problems = optionProblems(options);
    for (const problem of problems) this.showError(this.fieldFor(problem.field), problem.reason);
    if (problems.length > 0) return;
    this.options = options;
    this.summary.textContent = summaryOf(options);
    this.post({ type: 'setOptions', options });
  }

  private fieldFor(name: OptionField): Field<HTMLElement> {
    const byName: Record<OptionField, Field<HTMLElement>> = {
      temperature: this.temperature,
      maxTokens: this.maxTokens,
      n: this.candidates,
      stream: this.stream,
      jsonMode: this.jsonMode,
      systemPrompt: this.systemPrompt,
    };
    return byName[name];
  }

  private showError(field: Field<HTMLElement>, reason: string | undefined): void {
    field.error.textContent = reason ?? '';
    field.error.hidden = reason === undefined;
    field.row.classList.toggle('is-invalid', reason !== undefined);
    if (reason === undefined) field.control.removeAttribute('aria-invalid');
    else field.control.setAttribute('aria-invalid', 'true');
  }

  private field<T extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    panelId: string,
    name: OptionField,
    label: string,
    control: T,
    hint: string,
  ): Field<T> {
    const controlId = `${panelId}-${name}`;
    control.id = controlId;
    control.setAttribute('data-option', name);
    control.title = hint;
    const error = element('div', { className: 'parameter-error', attributes: { id: `${controlId}-error`, role: 'alert' } });
    error.hidden = true;
    control.setAttribute('aria-describedby', `${controlId}-error`);
    control.addEventListener('change', () => this.commit());
    const row = element('div', { className: `parameter parameter-${name}` }, [
      element('label', { className: 'parameter-label', text: label, attributes: { for: controlId } }),
      control,
      error,
    ]);
    return { control, error, row };
  }

  private checkbox(panelId: string, name: OptionField, label: string, hint: string): Field<HTMLInputElement> {
    const controlId = `${panelId}-${name}`;
    const control = element('input', { attributes: { type: 'checkbox', id: controlId, 'data-option': name } });
    control.addEventListener('change', () => this.commit());
    const error = element('div', { className: 'parameter-error', attributes: { role: 'alert' } });
    error.hidden = true;
    const row = element('div', { className: `parameter-check parameter-${name}`, attributes: { title: hint } }, [
      control,
      element('label', { text: label, attributes: { for: controlId } }),
      error,
    ]);
    return { control, error, row };
  }
}

/** "temp 0.2 · max 512 · 3 candidates · JSON · no streaming · own system prompt", or "from settings". */
export function summaryOf(options: RequestOptions): string {
  const parts: string[] = [];
  if (options.temperature !== undefined) parts.push(t('temp {0}', formatNumber(options.temperature)));
  if (options.maxTokens !== undefined) parts.push(t('max {0}', options.maxTokens));
  if (options.n !== undefined && options.n > 1) parts.push(t('{0} candidates', options.n));
  if (options.jsonMode) parts.push('JSON');
  if (options.stream === false) parts.push(t('no streaming'));
  if (options.stream === true) parts.push(t('streaming'));
  if (options.systemPrompt !== undefined) parts.push(options.systemPrompt === '' ? t('no system prompt') : t('own system prompt'));
  return parts.length > 0 ? parts.join(' · ') : t('from settings');
}
