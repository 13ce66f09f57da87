// The panel's context-item messages at the host: the guard bounds a drop's URIs, the paperclip
// and drops reach the file side, a removal reaches the list, and a send takes every item, after
// the selection of a prompt run from the editor.
import assert from 'node:assert/strict';
import type { CodeContext } from '../../../../src/shared/conversation';
import { isWebviewMessage } from '../../../../src/shared/protocol';
import { MAX_DROPPED_URI_LENGTH, MAX_DROPPED_URIS } from '../../../../src/shared/uriList';
import { settle } from './viewFakes';
import { viewHarness } from './viewHarness';

const FILE: CodeContext = { path: 'lib/a.ts', languageId: 'typescript', startLine: 1, endLine: 2, code: 'a\nb', kind: 'file' };

describe('context messages (host)', () => {
  it('accepts a bounded list of URI strings only', () => {
    assert.equal(isWebviewMessage({ type: 'attachUris', uris: ['file:///w/a.ts'] }), true);
    assert.equal(isWebviewMessage({ type: 'attachUris', uris: 'file:///w/a.ts' }), false);
    assert.equal(isWebviewMessage({ type: 'attachUris', uris: [{ scheme: 'file' }] }), false);
    assert.equal(isWebviewMessage({ type: 'attachUris', uris: Array.from({ length: MAX_DROPPED_URIS + 1 }, () => 'file:///x') }), false);
    assert.equal(isWebviewMessage({ type: 'attachUris', uris: [`file:///${'a'.repeat(MAX_DROPPED_URI_LENGTH)}`] }), false);
    assert.equal(isWebviewMessage({ type: 'removeContextItem', id: 'x'.repeat(500) }), false);
    assert.equal(isWebviewMessage({ type: 'pickContextFiles' }), true);
  });

  it('hands the paperclip and drops to the file side, removals to the list', async () => {
    const h = viewHarness();
    await h.controller.receive({ type: 'pickContextFiles' });
    await h.controller.receive({ type: 'attachUris', uris: ['file:///w/a.ts', 'file:///w/b.ts'] });
    assert.deepEqual(h.contextFileCalls, ['pick', 'drop file:///w/a.ts file:///w/b.ts']);
    h.contextItems.add(FILE);
    await h.controller.receive({ type: 'removeContextItem', id: h.contextItems.list[0]!.id });
    assert.deepEqual(h.contextItems.list, []);
  });

  it('a send takes every waiting item with the question, and the view is told the list emptied', async () => {
    const h = viewHarness();
    const { webview } = h.openView();
    webview.say({ type: 'ready' });
    await settle();
    h.contextItems.add(FILE);
    h.contextItems.add({ ...FILE, path: 'lib/b.ts' });
    await h.controller.receive({ type: 'send', text: 'Compare them' });
    assert.deepEqual(h.session.sent.map((sent) => [sent.text, sent.contexts?.map((item) => item.path)]), [['Compare them', ['lib/a.ts', 'lib/b.ts']]]);
    h.clock.advance(100);
    await settle();
    const lists = webview.posted.filter((message) => message.type === 'contextItems');
    assert.deepEqual(lists.map((message) => message.type === 'contextItems' && message.items.length), [1, 2, 0]);
  });

  it('a prompt from the editor sends its selection first, then the waiting files', async () => {
    const h = viewHarness();
    h.contextItems.add(FILE);
    const prompt = await h.prompts.choose('explain');
    assert.ok(prompt);
    await h.prompts.run(prompt);
    assert.deepEqual(h.session.sent[0]!.contexts?.map((item) => item.path), ['src/loop.ts', 'lib/a.ts']);
  });
});
