import assert from 'node:assert/strict';
import { MAX_PROBLEM_MESSAGE_CHARS, MAX_PROBLEMS, problemsInRange, problemsText, type Problem } from '../../../../src/host/editor/problemsInRange';

const problem = (severity: Problem['severity'], startLine: number, endLine = startLine, message = `at ${startLine}`): Problem => ({ severity, startLine, endLine, message });

describe('problemsInRange', () => {
  it('keeps the problems touching the selected lines, errors first, then by line', () => {
    const all = [problem('warning', 4), problem('error', 9), problem('error', 1), problem('warning', 2, 6), problem('error', 5), problem('error', 12)];
    assert.deepEqual(problemsInRange(all, 5, 10).map((p) => `${p.severity}:${p.startLine}`), ['error:5', 'error:9', 'warning:2']);
  });

  it('caps how many problems a file can put in a question', () => {
    const many = Array.from({ length: 500 }, (_, i) => problem('error', 1, 1, `e${i}`));
    assert.equal(problemsInRange(many, 1, 1).length, MAX_PROBLEMS);
  });

  it('writes one line per problem with its place and origin, cutting long messages', () => {
    const text = problemsText([
      { severity: 'error', startLine: 3, endLine: 3, message: "Cannot find name 'foo'.", source: 'ts', code: '2304' },
      { severity: 'warning', startLine: 4, endLine: 6, message: `unused\n${'x'.repeat(2000)}` },
    ]);
    const [first, second, extra] = text.split('\n');
    assert.equal(first, "- Error (line 3, ts 2304): Cannot find name 'foo'.");
    assert.ok(second!.startsWith('- Warning (lines 4–6): unused x'));
    assert.ok(second!.length < MAX_PROBLEM_MESSAGE_CHARS + 40);
    assert.equal(extra, undefined);
  });
});
