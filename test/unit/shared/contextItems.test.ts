// The limits of a question's items, as the host applies them when one is attached.
import assert from 'node:assert/strict';
import type { CodeContext } from '../../../src/shared/conversation';
import {
  contextLimitProblem, formatSize, MAX_CONTEXT_FILE_BYTES, MAX_CONTEXT_ITEMS, MAX_CONTEXT_TOTAL_BYTES, questionContexts, utf8Length,
} from '../../../src/shared/contextItems';

function fileOf(path: string, bytes: number): CodeContext {
  return { path, languageId: 'plaintext', startLine: 1, endLine: 1, code: 'x'.repeat(bytes), kind: 'file' };
}

describe('context items', () => {
  it('counts UTF-8 bytes as a file holds them', () => {
    assert.equal(utf8Length('abc'), 3);
    assert.equal(utf8Length('é'), 2);
    assert.equal(utf8Length('中'), 3);
    assert.equal(utf8Length('😀'), 4);
    assert.equal(utf8Length('\ud800x'), 4, 'a lone surrogate is written as three bytes');
  });

  it('refuses a file over the per-file limit, naming it, its size and the limit', () => {
    assert.equal(contextLimitProblem([], fileOf('big.log', MAX_CONTEXT_FILE_BYTES)), undefined, 'exactly the limit fits');
    assert.equal(contextLimitProblem([], fileOf('big.log', MAX_CONTEXT_FILE_BYTES + 1)), 'big.log was not attached: it is 100 KB; the limit for a file is 100 KB.');
  });

  it('refuses an item that would take the total over its limit', () => {
    const present = [fileOf('a', 100_000), fileOf('b', 100_000), fileOf('c', 90_000)];
    assert.equal(contextLimitProblem(present, fileOf('d', 10_000)), undefined);
    const problem = contextLimitProblem(present, fileOf('d', 10_001));
    assert.equal(problem, `d was not attached: it is 10 KB, and the attached items would come to 300 KB; the limit is ${formatSize(MAX_CONTEXT_TOTAL_BYTES)} in all.`);
  });

  it('refuses more items than a question takes', () => {
    const present = Array.from({ length: MAX_CONTEXT_ITEMS }, (_, i) => fileOf(`f${i}`, 1));
    assert.match(contextLimitProblem(present, fileOf('one-more', 1))!, /^one-more was not attached: a question takes at most 10 items/);
  });

  it('reads old single contexts and new lists, skipping malformed items', () => {
    const item = fileOf('a', 1);
    assert.deepEqual(questionContexts({ context: item }), [item]);
    assert.deepEqual(questionContexts({ contexts: [item, item] }), [item, item]);
    assert.deepEqual(questionContexts({ contexts: 'nope' as never }), []);
    assert.deepEqual(questionContexts({ contexts: [{ ...item, problems: [3] }, { ...item, startLine: 1.5 }] as never }), []);
  });
});
