// The view provider registered at activation. It holds nothing but a way to get the real one:
// the first time VS Code resolves the view, the storage is opened and the session built
// (`whenReady`), and the webview is handed on. The webview's script only runs once the real
// provider has set its html, so its `ready` message cannot arrive before anyone listens.

import type * as vscode from 'vscode';

/** Runs `open` once, on first call; a failure is forgotten so the next call tries again. */
export function memoizedOpen<T>(open: () => Promise<T>): () => Promise<T> {
  let opening: Promise<T> | undefined;
  return () => {
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
}

export class DeferredChatView implements vscode.WebviewViewProvider {
  constructor(
    private readonly whenReady: () => Promise<{ view: vscode.WebviewViewProvider }>,
    private readonly onError: (error: unknown) => void,
  ) {}

  async resolveWebviewView(
    webviewView: vscode.WebviewView,
    context: vscode.WebviewViewResolveContext,
    token: vscode.CancellationToken,
  ): Promise<void> {
    let disposed = false;
    const subscription = webviewView.onDidDispose(() => (disposed = true));
    try {
      const { view } = await this.whenReady();
      // Closed while the storage was being opened: the next resolve builds it again.
      if (!disposed) await view.resolveWebviewView(webviewView, context, token);
    } catch (error) {
      this.onError(error);
    } finally {
      subscription.dispose();
    }
  }
}
