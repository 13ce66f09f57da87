import { mountView } from './mountView';
import * as assert from 'node:assert/strict';
import type { AssistantEntry, Conversation } from '../../../src/shared/conversation';
import type { WebviewMessage } from '../../../src/shared/protocol';


function answer(id: string, contents: string[], extra: Partial<AssistantEntry> = {}): AssistantEntry {
  return { id, role: 'assistant', candidates: contents.map((content) => ({ content })), chosen: 0, status: 'done', model: 'm', createdAt: 2, ...extra };
}

function setup(conversation: Partial<Conversation> = {}) {
  const { api, frames, root, send } = mountView();
  send({
    type: 'state',
    state: {
      conversation: { id: 'c1', title: 't', model: 'gpt-4o-mini', entries: [], createdAt: 1, updatedAt: 1, ...conversation },
      hasToken: true,
      origin: 'https://api.acedata.cloud',
      busy: false,
      defaults: { temperature: 0.7, maxTokens: undefined, systemPrompt: 'Be brief.', stream: true },
    },
  });
  const click = (element: Element | null | undefined) => {
    assert.ok(element, 'element to click exists');
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  };
  const control = <T extends HTMLElement>(name: string) => root.querySelector<T>(`[data-option="${name}"]`)!;
  const change = (name: string, value: string | boolean) => {
    const input = control<HTMLInputElement>(name);
    if (typeof value === 'boolean') input.checked = value;
    else input.value = value;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const posted = (type: WebviewMessage['type']) => api.posted.filter((message) => message.type === type);
  return { api, frames, root, send, click, control, change, posted };
}

describe('Parameters panel', () => {
  it('opens from a toggle, remembered in the UI state, and shows the settings as placeholders', () => {
    const { root, click, control, api } = setup();
    const toggle = root.querySelector('.parameters-toggle')!;
    const form = root.querySelector<HTMLElement>('.parameters-form')!;
    assert.equal(form.hidden, true);
    assert.equal(root.querySelector('.parameters-summary')?.textContent, 'from settings');
    click(toggle);
    assert.equal(form.hidden, false);
    assert.equal(toggle.getAttribute('aria-expanded'), 'true');
    assert.equal((api.state as { parametersOpen?: boolean }).parametersOpen, true);
    assert.equal(control<HTMLInputElement>('temperature').placeholder, '0.7 (setting)');
    assert.equal(control<HTMLInputElement>('maxTokens').placeholder, 'server default');
    assert.equal(control<HTMLTextAreaElement>('systemPrompt').value, 'Be brief.');
    assert.equal(control<HTMLInputElement>('stream').checked, true);
  });

  it('refuses an invalid value with its reason and sends nothing', () => {
    const { root, change, control, posted } = setup();
    change('temperature', '2.5');
    assert.equal(posted('setOptions').length, 0);
    assert.equal(control('temperature').getAttribute('aria-invalid'), 'true');
    const error = root.querySelector<HTMLElement>('.parameter-temperature .parameter-error')!;
    assert.equal(error.hidden, false);
    assert.match(error.textContent ?? '', /0 to 2/);
    change('maxTokens', '12.5');
    assert.match(root.querySelector('.parameter-maxTokens .parameter-error')?.textContent ?? '', /whole number/);
    assert.equal(posted('setOptions').length, 0);
    // Fixing both sends once, with the reasons gone.
    control<HTMLInputElement>('temperature').value = '0.2';
    change('maxTokens', '256');
    assert.deepEqual(posted('setOptions'), [{ type: 'setOptions', options: { temperature: 0.2, maxTokens: 256 } }]);
    assert.equal(root.querySelector<HTMLElement>('.parameter-temperature .parameter-error')!.hidden, true);
  });

  it('sends only what differs from the settings, and Use Settings clears it', () => {
    const { root, change, click, posted, send } = setup();
    change('n', '3');
    change('jsonMode', true);
    change('stream', false);
    change('systemPrompt', 'Be brief.');
    assert.deepEqual(posted('setOptions').at(-1), { type: 'setOptions', options: { n: 3, stream: false, jsonMode: true } });
    send({ type: 'optionsChanged', options: { n: 3, stream: false, jsonMode: true } });
    assert.equal(root.querySelector('.parameters-summary')?.textContent, '3 candidates · JSON · no streaming');
    click(root.querySelector('.parameters-reset'));
    assert.deepEqual(posted('setOptions').at(-1), { type: 'setOptions', options: {} });
  });

  it('shows the conversation\'s stored options after a rebuild', () => {
    const { control, root } = setup({ options: { temperature: 1.2, n: 2, systemPrompt: '' } });
    assert.equal(control<HTMLInputElement>('temperature').value, '1.2');
    assert.equal(control<HTMLSelectElement>('n').value, '2');
    assert.equal(control<HTMLTextAreaElement>('systemPrompt').value, '');
    assert.equal(root.querySelector('.parameters-summary')?.textContent, 'temp 1.2 · 2 candidates · no system prompt');
  });
});

describe('Candidates', () => {
  it('marks the chosen candidate, offers Use This Answer on the others, and acts on the one shown', () => {
    const code = (text: string) => `Try:\n\n\`\`\`js\n${text}\n\`\`\``;
    const multi = answer('a1', [code('one()'), code('two()'), code('three()')]);
    const { root, click, posted, send } = setup({ entries: [multi] });
    const tabs = () => Array.from(root.querySelectorAll('[role="tab"]'));
    assert.match(tabs()[0]!.getAttribute('aria-label') ?? '', /used in the conversation/);
    click(tabs()[1]);
    const shown = Array.from(root.querySelectorAll<HTMLElement>('.candidate')).find((candidate) => !candidate.hidden)!;
    assert.equal(shown.getAttribute('data-candidate'), '1');
    click(shown.querySelector('.code-block button[data-action="insert"]'));
    assert.deepEqual(posted('codeAction').at(-1), { type: 'codeAction', action: 'insert', entryId: 'a1', block: 0, candidate: 1 });
    click(root.querySelector('.answer-actions button[aria-label="Copy Answer"]'));
    assert.deepEqual(posted('answerAction').at(-1), { type: 'answerAction', action: 'copy', entryId: 'a1', candidate: 1 });
    click(shown.querySelector('.candidate-use'));
    assert.deepEqual(posted('chooseCandidate'), [{ type: 'chooseCandidate', entryId: 'a1', index: 1 }]);

    send({ type: 'entryUpdated', entry: { ...multi, chosen: 1 } });
    assert.match(tabs()[1]!.getAttribute('aria-label') ?? '', /used in the conversation/);
    assert.equal(tabs()[1]!.getAttribute('aria-selected'), 'true', 'the tab shown stays shown');
    assert.match(root.querySelector('[data-candidate="1"] .candidate-choice')?.textContent ?? '', /Used in the conversation/);
    assert.ok(root.querySelector('[data-candidate="0"] .candidate-use'), 'the former choice can be picked again');
  });

  it('compares candidates side by side', () => {
    const { root, click } = setup({ entries: [answer('a1', ['one', 'two'])] });
    const visible = () => Array.from(root.querySelectorAll<HTMLElement>('.candidate')).filter((candidate) => !candidate.hidden).length;
    assert.equal(visible(), 1);
    click(root.querySelector('.candidate-compare'));
    assert.equal(visible(), 2);
    assert.ok(root.querySelector('.entry.is-comparing'));
    click(root.querySelector('.candidate-compare'));
    assert.equal(visible(), 1);
  });

  it('streams candidates into their own panels by index', () => {
    const streaming = answer('a1', ['', ''], { status: 'streaming' });
    const { root, send, frames } = setup({ entries: [streaming] });
    send({ type: 'delta', entryId: 'a1', parts: [{ index: 1, content: 'second ' }] });
    send({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: 'first' }] });
    send({ type: 'delta', entryId: 'a1', parts: [{ index: 1, content: 'text' }] });
    frames.runFrame();
    assert.equal(root.querySelector('[data-candidate="0"] .markdown-body')?.textContent?.trim(), 'first');
    assert.equal(root.querySelector('[data-candidate="1"] .markdown-body')?.textContent?.trim(), 'second text');
    assert.equal(root.querySelector('.candidate-use'), null, 'no choosing while it streams');
  });
});

describe('JSON answers', () => {
  it('shows parsed JSON pretty-printed and highlighted, with Copy, Insert and Save', () => {
    const { root, click, posted } = setup({ entries: [answer('a1', ['{"name":"x","tags":[1,2]}'], { responseFormat: 'json_object' })] });
    const block = root.querySelector('.json-block')!;
    assert.equal(block.querySelector('code')?.textContent, '{\n  "name": "x",\n  "tags": [\n    1,\n    2\n  ]\n}');
    assert.ok(block.querySelector('.hljs-attr'), 'keys are highlighted');
    assert.equal(root.querySelector('.json-invalid'), null);
    click(block.querySelector('button[aria-label="Save as JSON File…"]'));
    assert.deepEqual(posted('saveJson'), [{ type: 'saveJson', entryId: 'a1', candidate: 0 }]);
    click(block.querySelector('button[aria-label="Insert JSON at Cursor"]'));
    assert.deepEqual(posted('answerAction').at(-1), { type: 'answerAction', action: 'insert', entryId: 'a1', candidate: 0 });
    assert.ok(root.querySelector('.answer-actions button[aria-label="Save Answer as JSON File…"]'));
  });

  it('says clearly when the answer does not parse, and shows it as written', () => {
    const { root } = setup({ entries: [answer('a1', ['{"name": <b>x</b>'], { responseFormat: 'json_object' })] });
    assert.match(root.querySelector('.json-invalid')?.textContent ?? '', /not valid JSON/);
    assert.equal(root.querySelector('.json-block code')?.textContent, '{"name": <b>x</b>');
    assert.equal(root.querySelector('.json-block b'), null, 'model text is never HTML');
  });

  it('streams raw text, then formats when finished', () => {
    const streaming = answer('a1', [''], { responseFormat: 'json_object', status: 'streaming' });
    const { root, send, frames } = setup({ entries: [streaming] });
    send({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: '{"a":' }] });
    send({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: '1}' }] });
    assert.equal(frames.pending, 1, 'one DOM write per frame');
    frames.runFrame();
    assert.equal(root.querySelector('.json-streaming')?.textContent, '{"a":1}');
    send({ type: 'entryUpdated', entry: { ...streaming, status: 'done', candidates: [{ content: '{"a":1}' }] } });
    assert.equal(root.querySelector('.json-block code')?.textContent, '{\n  "a": 1\n}');
  });
});

describe('Usage', () => {
  it('shows each answer\'s usage and the conversation total, labelling estimates', () => {
    const { root, send } = setup({
      entries: [answer('a1', ['x'], { usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })],
    });
    assert.equal(root.querySelector('[data-entry-id="a1"] .usage')?.textContent, '15 tokens');
    assert.equal(root.querySelector('.conversation-usage')?.textContent, '15 tokens');
    send({ type: 'entryAdded', entry: answer('a2', ['y'], { usage: { prompt_tokens: 20, completion_tokens: 1, total_tokens: 21 }, usageEstimated: true }) });
    assert.equal(root.querySelector('[data-entry-id="a2"] .usage')?.textContent, '≈21 tokens (estimated)');
    assert.equal(root.querySelector('.conversation-usage')?.textContent, '≈36 tokens (estimated)');
  });

  it('hides the total while nothing has usage', () => {
    const { root } = setup({ entries: [answer('a1', ['x'])] });
    assert.equal(root.querySelector<HTMLElement>('.conversation-usage')!.hidden, true);
  });
});
