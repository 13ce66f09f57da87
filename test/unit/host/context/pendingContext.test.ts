// The items waiting in the composer: limits applied when attached, the view told of each change.
import assert from 'node:assert/strict';
import { PendingContext, type ContextChange } from '../../../../src/host/context/pendingContext';
import type { CodeContext } from '../../../../src/shared/conversation';

function fileOf(path: string, bytes = 10): CodeContext {
  return { path, languageId: 'plaintext', startLine: 1, endLine: 1, code: 'x'.repeat(bytes), kind: 'file' };
}

describe('PendingContext', () => {
  it('attaches, removes and hands items to a question, posting the list each time', () => {
    const pending = new PendingContext();
    const changes: ContextChange[] = [];
    pending.onDidChange((change) => changes.push(change));
    assert.equal(pending.add(fileOf('a')), undefined);
    assert.equal(pending.add(fileOf('b')), undefined);
    assert.equal(pending.add(fileOf('a')), undefined, 'the same file twice adds nothing');
    assert.deepEqual(pending.contexts.map((item) => item.path), ['a', 'b']);
    assert.equal(pending.remove(pending.list[0]!.id), true);
    assert.equal(pending.remove('gone'), false);
    assert.deepEqual(pending.take().map((item) => item.path), ['b']);
    assert.deepEqual(pending.list, []);
    assert.deepEqual(changes.map((change) => (change.type === 'contextItems' ? change.items.length : change.type)), [1, 2, 1, 0]);
  });

  it('refuses an item over a limit, keeping the others and telling why', () => {
    const pending = new PendingContext();
    pending.add(fileOf('small'));
    const refused = pending.add(fileOf('huge.bin', 200_000));
    assert.match(refused!, /^huge\.bin was not attached: it is 200 KB; the limit for a file is 100 KB\.$/);
    assert.deepEqual(pending.contexts.map((item) => item.path), ['small']);
  });

  it('puts items back in front after a send that did not happen', () => {
    const pending = new PendingContext();
    pending.add(fileOf('later'));
    pending.restore([fileOf('first')]);
    assert.deepEqual(pending.contexts.map((item) => item.path), ['first', 'later']);
  });
});
