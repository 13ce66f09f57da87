// The chat side panel's webview: sets its html and CSP, hands what it says to the controller
// and gives it to the presenter to post to. The webview is only a view of the host's
// conversation: it can be destroyed and rebuilt at any time, says `ready`, and gets the whole
// state replayed — or, when the host knew the state as it built the page, draws it from the
// page itself and names it in `ready` (issue 10: no round trip before the first frame). Free of
// `vscode` values, so its unit tests drive it with a fake webview.

import type * as vscode from 'vscode';
import type { ChatController } from './chatController';
import type { ChatPresenter } from './chatPresenter';
import type { PanelCatalogue } from '../../shared/l10n';
import type { FirstStateBlock } from '../../shared/protocol';
import { chatHtml } from './webviewHtml';
import { systemClock, type Clock } from '../clock';

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

// --- issue 10 (first state in the page) ---
/** While the view is hidden, its next page is rebuilt with the newer state at most this often. */
export const HIDDEN_PAGE_REBUILD_MS = 500;

type ViewPresenter = Pick<ChatPresenter, 'attach' | 'detach' | 'hidden' | 'pageFirstState' | 'onDidStalePageState'>;

export class ChatViewProvider implements vscode.WebviewViewProvider {
  constructor(
    private readonly resources: ViewResources,
    private readonly presenter: ViewPresenter,
    private readonly controller: Pick<ChatController, 'receive'>,
    private readonly clock: Clock = systemClock,
  ) {}

  async resolveWebviewView(view: vscode.WebviewView, _context?: vscode.WebviewViewResolveContext, token?: vscode.CancellationToken): Promise<void> {
    // VS Code gave up on this view while it waited (it was closed again): nothing to build.
    if (token?.isCancellationRequested) return;
    const { webview } = view;
    webview.options = { enableScripts: true, localResourceRoots: this.resources.roots };
    this.presenter.attach(webview);
    let disposed = false;
    let rebuild: unknown;
    const rebuildHidden = () => {
      if (disposed || view.visible) return;
      const state = this.presenter.pageFirstState();
      // Set only while hidden: setting a shown page's html would reload it.
      if (state) webview.html = this.html(webview, state);
    };
    const subscriptions = [
      webview.onDidReceiveMessage((message: unknown) => void this.controller.receive(message)),
      view.onDidChangeVisibility(() => {
        if (view.visible) return;
        this.presenter.hidden();
        // VS Code keeps the page's html and loads it again when the view is shown: with the state.
        rebuildHidden();
      }),
      this.presenter.onDidStalePageState(() => {
        if (view.visible || rebuild !== undefined) return;
        rebuild = this.clock.setTimeout(() => {
          rebuild = undefined;
          rebuildHidden();
        }, HIDDEN_PAGE_REBUILD_MS);
      }),
    ];
    view.onDidDispose(() => {
      disposed = true;
      if (rebuild !== undefined) this.clock.clearTimeout(rebuild);
      subscriptions.forEach((subscription) => subscription.dispose());
      this.presenter.detach(webview);
    });
    // The page is built at once, with the state in it: the token status, a round trip to the
    // secret storage, is not waited for (the page carries the settings' guess, corrected after
    // `ready`; waiting up to 150 ms for it made the first open after a reload the slow one).
    webview.html = this.html(webview, this.presenter.pageFirstState());
  }

  private html(webview: vscode.Webview, firstState: FirstStateBlock | undefined): string {
    const { script, style, codicons, mathScript, catalogue } = this.resources;
    return chatHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(script).toString(),
      styleUri: webview.asWebviewUri(style).toString(),
      codiconsUri: webview.asWebviewUri(codicons).toString(),
      mathScriptUri: mathScript && webview.asWebviewUri(mathScript).toString(),
      catalogue,
      firstState,
    });
  }
}
