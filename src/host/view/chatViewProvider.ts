// The chat side panel. The webview is only a view of the host's conversation: it can be
// destroyed and rebuilt at any time, says `ready`, and gets the whole state replayed.

import * as vscode from 'vscode';
import { extractCodeBlocks } from '../../shared/codeBlocks';
import { candidateContent, type AssistantEntry } from '../../shared/conversation';
import { jsonExportText } from '../../shared/jsonAnswer';
import { assertNever, isWebviewMessage, type HostMessage, type WebviewMessage } from '../../shared/protocol';
import type { OptionDefaults } from '../../shared/requestOptions';
import type { ChatImages } from '../images/chatImages';
import type { ChatSession, SessionChange } from '../session/chatSession';
import { DeltaPacer } from './deltaPacer';
import { runTextAction, type LastEditorTracker } from '../editor/editorActions';
import { askForSaveTarget, saveJsonFile, type SaveTargetPicker } from '../editor/jsonFile';
import type { Logger } from '../reporting/log';
import { describeRefusedMessage } from '../reporting/logText';
import { openLinkSafely } from './links';
import { safeText } from '../reporting/untrustedText';
import { chatHtml } from './webviewHtml';
import { CHAT_VIEW_ID, COMMANDS, SETTINGS_SECTION } from '../contributionIds';

export { CHAT_VIEW_ID };

/** What the panel asks of the rest of the extension. */
export interface ChatViewActions {
  send(text: string): Promise<void>;
  endpointStatus(): Promise<{ hasToken: boolean; origin: string }>;
  /** The settings a conversation's parameters fall back to; undefined while a setting is bad. */
  optionDefaults?(): OptionDefaults | undefined;
}

/** What an answer action puts out: JSON answers as pretty JSON, others as markdown. */
function answerText(answer: AssistantEntry, candidate: number | undefined): { text: string; languageId: string } {
  const content = candidateContent(answer, candidate);
  return answer.responseFormat === 'json_object'
    ? { text: jsonExportText(content), languageId: 'json' }
    : { text: content, languageId: 'markdown' };
}

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  /** Messages are only posted after the current webview said `ready`. */
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  /** Every message goes through it: streamed text at most once per frame, in order with the rest. */
  private readonly pacer = new DeltaPacer((message) => {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  });
  /** Test-visible: how many times a webview said `ready` (each build of the view). */
  readyCount = 0;
  /** Where "Save as JSON" asks for a file; tests replace it, as no dialog can be answered there. */
  pickSaveTarget: SaveTargetPicker = askForSaveTarget;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly session: ChatSession,
    private readonly actions: ChatViewActions,
    private readonly editors: LastEditorTracker,
    private readonly log: Logger,
    /** Attachments and answer images; without it the view offers text only. */
    private readonly images?: ChatImages,
  ) {
    this.disposables.push(session.onDidChange((change) => this.onSessionChange(change)));
  }

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    view.webview.html = chatHtml({
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'chat.css')).toString(),
      codiconsUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'codicons', 'codicon.css')).toString(),
    });
    const subscriptions = [
      view.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      // A hidden view's webview is torn down; it says `ready` again when shown.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.ready = false;
      }),
    ];
    view.onDidDispose(() => {
      subscriptions.forEach((subscription) => subscription.dispose());
      if (this.view === view) {
        this.view = undefined;
        this.ready = false;
      }
    });
  }

  /** Shows the panel and puts the cursor in its input. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    this.post({ type: 'focusInput' });
  }

  /** Sends the whole state again (token or endpoint changed, new conversation). */
  async refresh(): Promise<void> {
    if (!this.ready) return;
    const { hasToken, origin } = await this.actions.endpointStatus();
    const defaults = this.actions.optionDefaults?.();
    const conversation = this.session.conversation;
    const attachments = this.images?.attachments;
    this.post({ type: 'state', state: { conversation, hasToken, origin, busy: this.session.busy, defaults, attachments } });
  }

  fillInput(text: string): void {
    this.post({ type: 'fillInput', text });
  }

  post(message: HostMessage): void {
    this.pacer.message(message);
  }

  private onSessionChange(change: SessionChange): void {
    if (change.type === 'reset') {
      // The old answer's pending text belongs to a conversation the state replaces.
      this.pacer.drop();
      void this.refresh();
    } else if (change.type === 'delta') {
      this.pacer.delta(change);
    } else {
      this.post(change);
    }
  }

  /** Handles one message from the webview; anything the protocol's guard rejects is dropped. */
  async receive(raw: unknown): Promise<void> {
    if (!isWebviewMessage(raw)) {
      // Its kind and size only: a refused message's content is not echoed into the log.
      this.log.warn(`Ignored an unexpected message from the chat view (${describeRefusedMessage(raw)}).`);
      return;
    }
    try {
      await this.handle(raw);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.error(`Chat view action "${raw.type}" failed: ${reason}`);
      void vscode.window.showErrorMessage(`Completions Chat: ${safeText(reason)}`);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.readyCount++;
        await this.refresh();
        // A new webview has an empty image cache: hand it the bytes once, not on every refresh.
        return this.images?.replay(this.session.conversation);
      case 'send':
        return this.actions.send(message.text);
      case 'stop':
        return this.session.stop();
      case 'regenerate':
        return this.session.regenerate();
      case 'newConversation':
        return void (await vscode.commands.executeCommand(COMMANDS.newConversation));
      case 'selectModel':
        return void (await vscode.commands.executeCommand(COMMANDS.selectModel));
      case 'setToken':
        return void (await vscode.commands.executeCommand(COMMANDS.setApiToken));
      case 'openSettings':
        return void (await vscode.commands.executeCommand('workbench.action.openSettings', message.setting ?? SETTINGS_SECTION));
      case 'codeAction': {
        const answer = this.session.findAnswer(message.entryId);
        const block = answer && extractCodeBlocks(candidateContent(answer, message.candidate))[message.block];
        if (!block) return;
        await runTextAction(message.action, { text: block.code, languageId: block.language }, this.editors);
        return;
      }
      case 'answerAction': {
        const answer = this.session.findAnswer(message.entryId);
        if (!answer) return;
        await runTextAction(message.action, answerText(answer, message.candidate), this.editors);
        return;
      }
      case 'setOptions':
        return this.session.setOptions(message.options);
      case 'chooseCandidate':
        return void this.session.chooseCandidate(message.entryId, message.index);
      case 'saveJson': {
        const answer = this.session.findAnswer(message.entryId);
        if (!answer) return;
        await saveJsonFile(answerText(answer, message.candidate).text, this.pickSaveTarget);
        return;
      }
      case 'openLink':
        return openLinkSafely(message.url);
      case 'pickImages':
        return this.images?.pick();
      case 'attachImage':
        return this.images?.attachDataUrl(message.name, message.dataUrl);
      case 'removeAttachment':
        return this.images?.remove(message.id);
      case 'loadImage':
        return this.images?.load(message.entryId, message.url);
      case 'allowImageHost':
        return this.images?.allowHost(message.entryId, message.url);
      case 'imageAction':
        return this.images?.imageAction(message.action, message.entryId, message.url);
      default:
        assertNever(message);
    }
  }

  dispose(): void {
    this.pacer.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
