import assert from 'node:assert/strict';
import type { Conversation, Entry } from '../../../src/shared/conversation';
import { searchConversations, searchDocumentOf } from '../../../src/shared/conversationSearch';

function question(id: string, text: string, code?: string): Entry {
  return { id, role: 'user', text, createdAt: 0, ...(code ? { context: { path: 'src/retry.ts', languageId: 'typescript', code, startLine: 1, endLine: 3 } } : {}) };
}

function answer(id: string, ...contents: string[]): Entry {
  return { id, role: 'assistant', candidates: contents.map((content) => ({ content })), chosen: 0, status: 'done', model: 'm', createdAt: 0 };
}

function conversation(id: string, title: string, updatedAt: number, entries: Entry[]): Conversation {
  return { id, title, model: 'm', entries, createdAt: 0, updatedAt };
}

const documents = [
  conversation('old', 'Retry loop', 1, [question('q1', 'Why does this loop never end?', 'while (true) { retry(); }'), answer('a1', 'Because `retry` never throws.')]),
  conversation('new', 'Parsing JSON', 3, [question('q2', 'How do I parse JSON safely?'), answer('a2', 'Use a schema.', 'Wrap JSON.parse in try/catch.')]),
  conversation('mid', 'Streams', 2, [question('q3', 'What is backpressure?'), answer('a3', 'When a reader is slower than the writer; retry later.')]),
].map(searchDocumentOf);

describe('conversationSearch', () => {
  it('finds conversations by any message, newest first', () => {
    const hits = searchConversations(documents, 'retry');
    assert.deepEqual(hits.map((hit) => hit.id), ['mid', 'old']);
  });

  it('searches the code a question was asked about and every candidate of an answer', () => {
    assert.deepEqual(searchConversations(documents, 'while (true)').map((hit) => hit.id), ['old']);
    assert.deepEqual(searchConversations(documents, 'try/catch').map((hit) => hit.id), ['new']);
  });

  it('needs every term somewhere in the conversation, title included', () => {
    assert.deepEqual(searchConversations(documents, 'parsing schema').map((hit) => hit.id), ['new']);
    assert.deepEqual(searchConversations(documents, 'retry schema'), []);
  });

  it('matches nothing for an empty query', () => {
    assert.deepEqual(searchConversations(documents, '  '), []);
  });

  it('gives snippets whose ranges mark the matched words', () => {
    const [hit] = searchConversations(documents, 'NEVER');
    assert.equal(hit!.id, 'old');
    assert.equal(hit!.messages, 2);
    for (const snippet of hit!.snippets) {
      assert.ok(snippet.ranges.length > 0);
      for (const range of snippet.ranges) assert.equal(snippet.text.slice(range.start, range.end).toLowerCase(), 'never');
    }
  });

  it('cuts a long message around its match and keeps the ranges right after the cut', () => {
    const long = `${'word '.repeat(200)}\nthe needle\n${'tail '.repeat(200)}`;
    const [document] = [conversation('long', 'Long', 1, [answer('a', long)])].map(searchDocumentOf);
    const [hit] = searchConversations([document!], 'needle');
    const snippet = hit!.snippets[0]!;
    assert.ok(snippet.text.startsWith('…') && snippet.text.endsWith('…'));
    assert.ok(snippet.text.length < 200);
    assert.equal(snippet.text.slice(snippet.ranges[0]!.start, snippet.ranges[0]!.end), 'needle');
    assert.ok(!snippet.text.includes('\n'));
  });

  it('does not match across two messages', () => {
    const [document] = [conversation('x', 'X', 1, [question('q', 'abc'), answer('a', 'def')])].map(searchDocumentOf);
    assert.deepEqual(searchConversations([document!], 'cd'), []);
  });

  it('returns at most the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => searchDocumentOf(conversation(`c${i}`, 'Same', i, [question('q', 'same words')])));
    assert.equal(searchConversations(many, 'same', 10).length, 10);
  });
});

describe('conversation search: the pair-of-characters filter', () => {
  it('never drops a real match (one-character terms, titles, non-Latin text, surrogate pairs) and drops a conversation lacking a pair', () => {
    const make = (id: string, title: string, text: string) =>
      searchDocumentOf({ id, title, model: 'm', createdAt: 1, updatedAt: 1, entries: [{ id: `${id}-q`, role: 'user', text, createdAt: 1 }] });
    const documents = [make('a', 'Straße', 'Das ist ein Test 🙂 mit Umlauten: ÄÖÜ'), make('b', 'Other', 'nothing to see')];
    for (const query of ['s', 'straße', 'STRAßE', 'äöü', '🙂', 'test 🙂', 'the umlauten']) {
      const ids = searchConversations(documents, query).map((hit) => hit.id);
      if (query === 'the umlauten') assert.deepEqual(ids, [], query);
      else assert.ok(ids.includes('a'), `"${query}" finds a`);
    }
    assert.deepEqual(searchConversations(documents, 'zz').map((hit) => hit.id), []);
  });
});
