import assert from 'node:assert/strict';
import { foldCase, matchRanges, MAX_QUERY_TERMS, searchTerms } from '../../../src/shared/textSearch';

describe('textSearch', () => {
  it('splits a query into folded terms, keeping quoted phrases and dropping duplicates', () => {
    assert.deepEqual(searchTerms('  Retry  "Backoff Delay" retry AbortSignal '), ['retry', 'backoff delay', 'abortsignal']);
    assert.deepEqual(searchTerms('   '), []);
    assert.deepEqual(searchTerms('""'), []);
  });

  it('drops control characters and caps the number of terms', () => {
    assert.deepEqual(searchTerms('a\u0000b'), ['a', 'b']);
    const many = Array.from({ length: 20 }, (_, i) => `t${i}`).join(' ');
    assert.equal(searchTerms(many).length, MAX_QUERY_TERMS);
  });

  it('folds case without moving any offset, also for characters whose lower case is longer', () => {
    const text = 'İstanbul STRASSE Ωmega 😀 Done';
    const folded = foldCase(text);
    assert.equal(folded.length, text.length);
    assert.ok(folded.includes('strasse') && folded.includes('ωmega') && folded.includes('done'));
  });

  it('finds every occurrence of every term in order, merging overlaps, with ranges in the original text', () => {
    const text = 'The Retry loop, retrying: RETRY-after.';
    const ranges = matchRanges(text, ['retry']);
    assert.deepEqual(ranges.map((r) => text.slice(r.start, r.end)), ['Retry', 'retry', 'RETRY']);
    const overlapping = matchRanges('abcdef', ['abc', 'cde']);
    assert.deepEqual(overlapping, [{ start: 0, end: 5 }]);
  });

  it('keeps ranges right after a character that folds differently', () => {
    const text = 'İİ Needle';
    const [range] = matchRanges(text, searchTerms('needle'));
    assert.equal(text.slice(range!.start, range!.end), 'Needle');
  });

  it('stops at the limit on a text made of matches', () => {
    const ranges = matchRanges('a '.repeat(100_000), ['a'], 50);
    assert.equal(ranges.length, 50);
  });
});
