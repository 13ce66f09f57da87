// The chat side panel's webview: sets its html and CSP, hands what it says to the controller
// and gives it to the presenter to post to. The webview is only a view of the host's
// conversation: it can be destroyed and rebuilt at any time, says `ready`, and gets the whole
// state replayed. Free of `vscode` values, so its unit tests drive it with a fake webview.

import type * as vscode from 'vscode';
import type { ChatController } from './chatController';
import type { ChatPresenter } from './chatPresenter';
import type { PanelCatalogue } from '../../shared/l10n';
import { chatHtml } from './webviewHtml';

/** The files the webview loads, all from the extension (chatServices.ts resolves them). */
export interface ViewResources {
  /** The only folders the webview may load from. */
  roots: vscode.Uri[];
  script: vscode.Uri;
  style: vscode.Uri;
  codicons: vscode.Uri;
  /** KaTeX (dist/math.js), loaded by the page only when an answer holds math. */
  mathScript?: vscode.Uri;
  /** The display language's strings for the panel (host/localization.ts). */
  catalogue?: PanelCatalogue;
}

export class ChatViewProvider implements vscode.WebviewViewProvider {
  constructor(
    private readonly resources: ViewResources,
    private readonly presenter: Pick<ChatPresenter, 'attach' | 'detach' | 'hidden'>,
    private readonly controller: Pick<ChatController, 'receive'>,
  ) {}

  resolveWebviewView(view: vscode.WebviewView, _context?: vscode.WebviewViewResolveContext, token?: vscode.CancellationToken): void {
    // VS Code gave up on this view while it waited (it was closed again): nothing to build.
    if (token?.isCancellationRequested) return;
    const { webview } = view;
    const { roots, script, style, codicons, mathScript, catalogue } = this.resources;
    webview.options = { enableScripts: true, localResourceRoots: roots };
    webview.html = chatHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(script).toString(),
      styleUri: webview.asWebviewUri(style).toString(),
      codiconsUri: webview.asWebviewUri(codicons).toString(),
      mathScriptUri: mathScript && webview.asWebviewUri(mathScript).toString(),
      catalogue,
    });
    this.presenter.attach(webview);
    const subscriptions = [
      webview.onDidReceiveMessage((message: unknown) => void this.controller.receive(message)),
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.presenter.hidden();
      }),
    ];
    view.onDidDispose(() => {
      subscriptions.forEach((subscription) => subscription.dispose());
      this.presenter.detach(webview);
    });
  }
}
