// The panel in Simplified Chinese: the catalogue the host puts in the page (the real
// l10n/bundle.l10n.zh-cn.json) is installed before the view is built, and every label, title,
// aria-label, relative time and number the panel draws comes out in Chinese. Without a
// catalogue (or with a broken one) the panel stays in English.
import { mountView } from './mountView';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chatHtml } from '../../../src/host/view/webviewHtml';
import type { Conversation } from '../../../src/shared/conversation';
import { CATALOGUE_ELEMENT_ID, useLocale } from '../../../src/shared/l10n';
import { installCatalogue } from '../../../src/webview/catalogue';
import { findRepoRoot } from '../../support/replayServer';

const chinese = JSON.parse(readFileSync(join(findRepoRoot(), 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const NOW = Date.UTC(2026, 11, 1, 12);

/** The page the host would write, parsed: its catalogue block is what the panel reads. */
function pageWith(catalogue: unknown): void {
  const html = chatHtml({ cspSource: 's', scriptUri: 'x.js', styleUri: 'x.css', codiconsUri: 'c.css', catalogue: catalogue as never }, 'n');
  const block = /<script type="application\/json" id="[^"]+">([\s\S]*?)<\/script>/.exec(html)?.[1];
  document.body.replaceChildren();
  if (block === undefined) return;
  const element = document.createElement('script');
  element.type = 'application/json';
  element.id = CATALOGUE_ELEMENT_ID;
  element.textContent = block;
  document.body.append(element);
}

function drawPanel() {
  const { root, view } = mountView({ keepDocument: true, historyTimers: { setTimer: () => 0, clearTimer: () => undefined, now: () => NOW } });
  const conversation: Conversation = {
    id: 'c1',
    title: 'c1',
    model: 'gpt-4o',
    createdAt: 1,
    updatedAt: 1,
    entries: [
      { id: 'u1', role: 'user', text: 'hi', createdAt: 1 },
      { id: 'a1', role: 'assistant', model: 'gpt-4o', status: 'done', chosen: 0, createdAt: 2, candidates: [{ content: 'Hello', finishReason: 'stop' }], usage: { prompt_tokens: 1200, completion_tokens: 34, total_tokens: 1234 } },
    ],
  } as unknown as Conversation;
  view.handle({ type: 'state', state: { conversation, hasToken: false, origin: 'https://api.acedata.cloud', busy: false } });
  return { root, view };
}

const labels = (root: Element) => [...root.querySelectorAll('[aria-label]')].map((element) => element.getAttribute('aria-label')!);

describe('the panel in Simplified Chinese (catalogue in the page)', () => {
  afterEach(() => useLocale('en'));

  it('draws toolbar, composer, token card, answer and history in Chinese, aria labels and titles too', () => {
    pageWith({ locale: 'zh-cn', messages: chinese });
    assert.equal(installCatalogue(), 'zh-cn');
    const { root, view } = drawPanel();
    const composer = root.querySelector('textarea.composer-input')!;
    assert.equal(composer.getAttribute('placeholder'), '提问（Shift+Enter 换行）');
    assert.equal(composer.getAttribute('aria-label'), '提问');
    assert.ok(labels(root).includes('新建对话'), 'New Conversation');
    assert.ok(labels(root).includes('对话历史'), 'Conversation History');
    assert.ok(labels(root).includes('复制回答'), 'Copy Answer');
    assert.match(root.querySelector('.token-card-title')!.textContent!, /^设置 https:\/\/api\.acedata\.cloud 的 API 令牌即可开始$/);
    assert.match(root.textContent!, /1,234 令牌/, 'the usage, grouped');
    assert.ok(root.querySelector('[title="输入 1,200 · 输出 34"]'), 'usage title with locale numbers');
    view.handle({ type: 'history', shown: true, currentId: 'c1', items: [
      { id: 'c1', title: 'c1', updatedAt: NOW - 3 * 86_400_000, pinned: true },
      { id: 'c2', title: '', updatedAt: NOW - 86_400_000 - 1, pinned: false },
    ] });
    const rows = [...root.querySelectorAll('.history-row')];
    assert.equal(rows[0]!.querySelector('.history-open')!.getAttribute('aria-label'), 'c1, 3天前, 已置顶, 当前对话');
    assert.equal(rows[1]!.querySelector('.history-title')!.textContent, '新对话');
    assert.equal(rows[1]!.querySelector('.history-date')!.textContent, '昨天');
    // Nothing English is left in what a person reads or hears (the model's text and ids aside).
    const english = labels(root).filter((label) => /\b(the|a|an|of|to|and)\b/i.test(label));
    assert.deepEqual(english, []);
  });

  it('stays in English without a catalogue or with a malformed one', () => {
    pageWith(undefined);
    assert.equal(installCatalogue(), 'en');
    assert.ok(labels(drawPanel().root).includes('New Conversation'));
    document.body.replaceChildren(Object.assign(document.createElement('script'), { id: CATALOGUE_ELEMENT_ID, textContent: '{not json' }));
    assert.equal(installCatalogue(), 'en');
    assert.ok(labels(drawPanel().root).includes('New Conversation'));
  });
});
