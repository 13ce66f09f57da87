// Fakes for the host's view tier: a webview view that records what is posted and says what
// the page would say, dialogs that answer as told, files in memory, and a session and images
// that record what they were asked. The real controller, presenter and provider run on them.
import type * as vscode from 'vscode';
import type { Choice, Dialogs, WorkspaceFiles } from '../../../../src/host/dialogs';
import { Emitter } from '../../../../src/host/emitter';
import type { ImagesChange } from '../../../../src/host/images/chatImages';
import type { TrustQuestion } from '../../../../src/host/images/imageTrust';
import type { Logger } from '../../../../src/host/reporting/log';
import type { SessionChange } from '../../../../src/host/session/chatSession';
import type { AnswerImage, AssistantEntry, CodeContext, Conversation, ImageAttachment } from '../../../../src/shared/conversation';
import type { HostMessage } from '../../../../src/shared/protocol';
import type { RequestOptions } from '../../../../src/shared/requestOptions';

/** A `vscode.Uri` as far as the view uses one. */
export function fakeUri(path: string): vscode.Uri {
  return { scheme: 'file', path, fsPath: path, toString: () => `file://${path}` } as unknown as vscode.Uri;
}

/** Lets every pending promise callback run (nothing here waits on timers or I/O). */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeWebview {
  readonly posted: HostMessage[] = [];
  html = '';
  options: vscode.WebviewOptions = {};
  readonly cspSource = 'https://webview.test';
  private readonly said = new Emitter<unknown>();
  readonly onDidReceiveMessage = this.said.event;

  postMessage(message: HostMessage): Thenable<boolean> {
    // A copy, as the real bridge clones: later changes to the conversation do not show here.
    this.posted.push(structuredClone(message));
    return Promise.resolve(true);
  }

  asWebviewUri(uri: vscode.Uri): vscode.Uri {
    return fakeUri(`/webview${uri.path}`);
  }

  /** What the page's script would post. */
  say(message: unknown): void {
    this.said.fire(message);
  }

  types(): string[] {
    return this.posted.map((message) => message.type);
  }
}

export class FakeWebviewView {
  readonly webview = new FakeWebview();
  visible = true;
  private readonly visibility = new Emitter<void>();
  private readonly disposed = new Emitter<void>();
  readonly onDidChangeVisibility = this.visibility.event;
  readonly onDidDispose = this.disposed.event;

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.visibility.fire();
  }

  dispose(): void {
    this.disposed.fire();
  }

  get asView(): vscode.WebviewView {
    return this as unknown as vscode.WebviewView;
  }
}

export class FakeDialogs implements Dialogs {
  readonly notices: { level: 'info' | 'warn' | 'error'; message: string }[] = [];
  readonly saveDialogs: vscode.SaveDialogOptions[] = [];
  readonly questions: TrustQuestion[] = [];
  readonly inputBoxes: vscode.InputBoxOptions[] = [];
  saveTarget: vscode.Uri | undefined;
  confirmAnswer = false;
  inputAnswer: string | undefined;

  async confirm(question: TrustQuestion): Promise<boolean> {
    this.questions.push(question);
    return this.confirmAnswer;
  }
  info(message: string): void {
    this.notices.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.notices.push({ level: 'warn', message });
  }
  /** What a quick pick chooses (undefined: dismissed); the choices shown are kept. */
  pickAnswer: string | undefined;
  readonly picks: { ids: string[]; title: string }[] = [];
  async pickOne<T extends string>(choices: readonly Choice<T>[], title: string): Promise<T | undefined> {
    this.picks.push({ ids: choices.map((choice) => choice.id), title });
    return choices.find((choice) => choice.id === this.pickAnswer)?.id;
  }
  async warnWithAction(message: string): Promise<boolean> {
    this.notices.push({ level: 'warn', message });
    return false;
  }
  error(message: string): void {
    this.notices.push({ level: 'error', message });
  }
  async showSaveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    this.saveDialogs.push(options);
    return this.saveTarget;
  }
  /** What the open dialog picks (undefined: cancelled). */
  openFiles: vscode.Uri[] | undefined;
  async showOpenDialog(): Promise<vscode.Uri[] | undefined> {
    return this.openFiles;
  }
  async showInputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.inputBoxes.push(options);
    return this.inputAnswer;
  }
}

export class FakeFiles implements WorkspaceFiles {
  readonly written = new Map<string, string>();
  /** Files there are to read, by path. */
  readonly files = new Map<string, Uint8Array>();
  readonly shown: string[] = [];
  suggest(name: string): vscode.Uri {
    return fakeUri(`/workspace/${name}`);
  }
  async read(source: vscode.Uri): Promise<Uint8Array> {
    const bytes = this.files.get(source.path);
    if (!bytes) throw new Error(`no such file: ${source.path}`);
    return bytes;
  }
  async write(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
    this.written.set(target.path, new TextDecoder().decode(bytes));
  }
  async show(target: vscode.Uri): Promise<void> {
    this.shown.push(target.path);
  }
  describe(target: vscode.Uri): string {
    return target.path;
  }
}

export class FakeLog implements Logger {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error ${message}`);
  }
}

export function answerEntry(id: string, content: string, extra: Partial<AssistantEntry> = {}): AssistantEntry {
  return { id, role: 'assistant', candidates: [{ content }], chosen: 0, status: 'done', model: 'test-model', createdAt: 0, ...extra };
}

/** The session as the view uses it: its conversation, its events, and what it was asked. */
export class FakeSession {
  conversation: Conversation = { id: 'c1', title: 'New conversation', model: 'test-model', entries: [], createdAt: 0, updatedAt: 0 };
  busy = false;
  requestId: string | undefined;
  readonly changes = new Emitter<SessionChange>();
  readonly onDidChange = this.changes.event;
  /** `context`: the first item quoted (most questions quote one); `contexts`: all of them. */
  readonly sent: { text: string; context?: CodeContext; contexts?: CodeContext[]; images?: readonly ImageAttachment[] }[] = [];
  readonly calls: string[] = [];

  async send(text: string, contexts: readonly CodeContext[] = [], images?: readonly ImageAttachment[]): Promise<string | undefined> {
    this.sent.push(contexts.length ? { text, context: contexts[0], contexts: [...contexts], images } : { text, images });
    return undefined;
  }
  stop(requestId?: string): boolean {
    this.calls.push(requestId === undefined ? 'stop' : `stop ${requestId}`);
    return true;
  }
  async regenerate(): Promise<string | undefined> {
    this.calls.push('regenerate');
    return undefined;
  }
  findAnswer(entryId: string): AssistantEntry | undefined {
    return this.conversation.entries.find((entry): entry is AssistantEntry => entry.role === 'assistant' && entry.id === entryId);
  }
  setOptions(options: RequestOptions): void {
    this.calls.push(`setOptions ${JSON.stringify(options)}`);
  }
  chooseCandidate(entryId: string, index: number): boolean {
    this.calls.push(`chooseCandidate ${entryId} ${index}`);
    return true;
  }
  reset(model: string): void {
    this.calls.push(`reset ${model}`);
    this.conversation = { ...this.conversation, id: 'c2', model, entries: [] };
    this.changes.fire({ type: 'reset' });
  }
  setModel(model: string): void {
    this.conversation.model = model;
  }
  open(conversation: Conversation): void {
    this.calls.push(`open ${conversation.id}`);
    this.conversation = conversation;
    this.changes.fire({ type: 'reset' });
  }
  // Issue 11: edit and resend, regenerate any answer, continue.
  /** Later turns per entry id (absent: no such entry). */
  readonly later = new Map<string, number>();
  laterTurns(entryId: string): number | undefined {
    return this.later.get(entryId);
  }
  async editQuestion(entryId: string, text: string): Promise<string | undefined> {
    this.calls.push(`editQuestion ${entryId} ${text}`);
    return undefined;
  }
  async regenerateAnswer(entryId: string): Promise<string | undefined> {
    this.calls.push(`regenerateAnswer ${entryId}`);
    return undefined;
  }
  async continueAnswer(entryId: string): Promise<string | undefined> {
    this.calls.push(`continueAnswer ${entryId}`);
    return undefined;
  }
  undoReplace(id: string): boolean {
    this.calls.push(`undoReplace ${id}`);
    return true;
  }
  readonly answerImages: { entryId: string; url: string; image: AnswerImage }[] = [];
  setAnswerImage(entryId: string, url: string, image: AnswerImage): void {
    this.answerImages.push({ entryId, url, image });
  }
}

/** The images as the view uses them: attachments, their events, and what they were asked. */
export class FakeImages {
  attachments: ImageAttachment[] = [];
  readonly changes = new Emitter<ImagesChange>();
  readonly onDidChange = this.changes.event;
  readonly calls: string[] = [];

  take(): ImageAttachment[] {
    const taken = this.attachments;
    this.attachments = [];
    return taken;
  }
  async replay(conversation: Conversation): Promise<void> {
    this.calls.push(`replay ${conversation.id}`);
    this.changes.fire({ type: 'imageData', images: [{ id: 'img1', dataUrl: 'data:image/png;base64,AA==' }] });
  }
  async pick(): Promise<void> {
    this.calls.push('pick');
  }
  async attachDataUrl(name: string): Promise<void> {
    this.calls.push(`attach ${name}`);
  }
  remove(id: string): void {
    this.calls.push(`remove ${id}`);
  }
  async load(entryId: string, url: string): Promise<void> {
    this.calls.push(`load ${entryId} ${url}`);
  }
  async allowHost(entryId: string, url: string): Promise<void> {
    this.calls.push(`allowHost ${entryId} ${url}`);
  }
  async imageAction(action: string, entryId: string, url: string): Promise<void> {
    this.calls.push(`imageAction ${action} ${entryId} ${url}`);
  }
}
