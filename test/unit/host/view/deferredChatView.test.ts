// The view provider registered at activation opens nothing until VS Code resolves the view,
// opens the storage once however often it is asked, and tries again after a failure.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { DeferredChatView, memoizedOpen } from '../../../../src/host/view/deferredChatView';

function fakeWebviewView(): { view: vscode.WebviewView; dispose(): void } {
  const listeners: (() => void)[] = [];
  const view = {
    onDidDispose: (listener: () => void) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
  } as unknown as vscode.WebviewView;
  return { view, dispose: () => [...listeners].forEach((listener) => listener()) };
}

const noContext = {} as vscode.WebviewViewResolveContext;
const noToken = {} as vscode.CancellationToken;

describe('DeferredChatView', () => {
  it('opens the storage only when the view is resolved, once, and hands the webview on', async () => {
    let opens = 0;
    const resolved: vscode.WebviewView[] = [];
    const real = { resolveWebviewView: (view: vscode.WebviewView) => void resolved.push(view) };
    const whenReady = memoizedOpen(async () => {
      opens++;
      return { view: real };
    });
    const provider = new DeferredChatView(whenReady, (error) => assert.fail(String(error)));
    assert.equal(opens, 0, 'constructing the provider opened the storage');

    const first = fakeWebviewView();
    await provider.resolveWebviewView(first.view, noContext, noToken);
    const second = fakeWebviewView();
    await provider.resolveWebviewView(second.view, noContext, noToken);
    await whenReady();
    assert.equal(opens, 1);
    assert.deepEqual(resolved, [first.view, second.view]);
  });

  it('does not hand on a webview closed while the storage was opening', async () => {
    let finish!: () => void;
    const opening = new Promise<void>((resolve) => (finish = resolve));
    const resolved: vscode.WebviewView[] = [];
    const provider = new DeferredChatView(
      memoizedOpen(async () => {
        await opening;
        return { view: { resolveWebviewView: (view: vscode.WebviewView) => void resolved.push(view) } };
      }),
      (error) => assert.fail(String(error)),
    );
    const closed = fakeWebviewView();
    const resolving = provider.resolveWebviewView(closed.view, noContext, noToken);
    closed.dispose();
    finish();
    await resolving;
    assert.deepEqual(resolved, []);
  });

  it('reports a failed open and tries again on the next request', async () => {
    let attempts = 0;
    const errors: unknown[] = [];
    const whenReady = memoizedOpen(async () => {
      attempts++;
      if (attempts === 1) throw new Error('disk on fire');
      return { view: { resolveWebviewView: () => undefined } };
    });
    const provider = new DeferredChatView(whenReady, (error) => errors.push(error));
    await provider.resolveWebviewView(fakeWebviewView().view, noContext, noToken);
    assert.equal(errors.length, 1);
    await provider.resolveWebviewView(fakeWebviewView().view, noContext, noToken);
    assert.equal(attempts, 2);
    assert.equal(errors.length, 1);
  });
});
