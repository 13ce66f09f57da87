import assert from 'node:assert/strict';
import type { Conversation } from '../../../src/shared/conversation';
import { conversationMarkdown, fenceFor } from '../../../src/shared/conversationMarkdown';

const image = { id: 'abc', mimeType: 'image/png' as const, name: 'shot](x).png', width: 4, height: 3, size: 10 };

const conversation: Conversation = {
  id: 'c',
  title: 'Why\nthe loop',
  model: 'gpt-4o-mini',
  createdAt: Date.UTC(2026, 11, 1),
  updatedAt: Date.UTC(2026, 11, 1),
  entries: [
    { id: 'q1', role: 'user', text: 'Why does this never end?', createdAt: 0, images: [image], context: { path: 'src/a.md', languageId: 'markdown', startLine: 3, endLine: 5, code: 'Use ```ts fences```' } },
    { id: 'a1', role: 'assistant', candidates: [{ content: 'First' }, { content: 'Because **retry** loops.' }], chosen: 1, status: 'done', model: 'gpt-4o-mini', createdAt: 0 },
    { id: 'q2', role: 'user', text: 'And now?', createdAt: 0 },
    { id: 'a2', role: 'assistant', candidates: [{ content: 'Partly' }], chosen: 0, status: 'error', error: { message: 'Rate limited', kind: 'rate-limit' }, model: 'gpt-4o-mini', createdAt: 0 },
  ],
};

describe('conversationMarkdown', () => {
  it('writes the title, each question with its code, and each answer\'s chosen text in order', () => {
    const markdown = conversationMarkdown(conversation);
    assert.match(markdown, /^# Why the loop\n\n_gpt-4o-mini · 2026-12-01_/);
    const order = ['Why does this never end?', '`src/a.md` lines 3–5:', 'Because **retry** loops.', 'And now?', 'Partly', '_The answer failed: Rate limited_'];
    const positions = order.map((text) => markdown.indexOf(text));
    assert.ok(positions.every((at, i) => at >= 0 && (i === 0 || at > positions[i - 1]!)), positions.join());
    assert.match(markdown, /answer 2 of 2/);
    assert.ok(!markdown.includes('First'));
  });

  it('fences code with more backticks than it holds, so the code cannot close the fence', () => {
    assert.equal(fenceFor('no ticks'), '```');
    assert.equal(fenceFor('a ```` b'), '`````');
    assert.match(conversationMarkdown(conversation), /````markdown\nUse ```ts fences```\n````/);
  });

  it('links attached images written beside the document, with a label that cannot break the link', () => {
    const markdown = conversationMarkdown(conversation, { imagePath: (attached) => `images/${attached.id} 1.png` });
    assert.match(markdown, /!\[shot \(x\)\.png\]\(<images\/abc 1\.png>\)/);
    assert.match(conversationMarkdown(conversation), /_Image: shot \(x\)\.png \(4×3\)_/);
  });
});
