// The host's view tier as the extension wires it (chatServices.ts), on fakes: the real
// ChatViewProvider, ChatPresenter, ChatController and ChatActions, a fake webview view, fake
// dialogs and files, a fake session and images, and a clock that moves only when told.
import { ChatActions } from '../../../../src/host/commands/chatActions';
import { HistoryActions } from '../../../../src/host/commands/historyActions';
import { PromptRunner } from '../../../../src/host/commands/promptRunner';
import { SETTING_DEFAULTS, type Settings } from '../../../../src/host/settings/settings';
import { ChatController } from '../../../../src/host/view/chatController';
import { ChatPresenter } from '../../../../src/host/view/chatPresenter';
import { ChatViewProvider } from '../../../../src/host/view/chatViewProvider';
import { ManualClock } from '../../../support/manualClock';
import type { CodeContext } from '../../../../src/shared/conversation';
import { promptsFrom } from '../../../../src/shared/prompts';
import type { CodeBlockAction } from '../../../../src/shared/protocol';
import { PendingContext } from '../../../../src/host/context/pendingContext';
import { FakeDialogs, FakeFiles, FakeImages, FakeLog, FakeSession, FakeWebviewView, fakeUri } from './viewFakes';
import { FakeLibrary } from './historyFakes';


export interface HarnessOptions {
  /** The model picker's answer (undefined: cancelled). */
  pickedModel?: string;
  /** The model picker itself, for a test that closes it when it chooses. */
  pickModel?: (current: string, serverModels: Promise<string[]>) => Promise<string | undefined>;
  /** The server's model list: resolves with its ids, or never, until aborted. */
  listModels?: (baseUrl: string, token: string | undefined, signal?: AbortSignal) => Promise<string[]>;
  /** The `completionsChat.prompts` setting's value. */
  userPrompts?: unknown;
  /** The token's status as the secret storage says (default: a token for https://api.test). */
  endpointStatus?: () => Promise<{ hasToken: boolean; origin: string; profile?: string }>;
  /** The endpoint from the settings alone, as the extension guesses it before the read (default: a token assumed for https://api.test). */
  endpointGuess?: () => { hasToken: boolean; origin: string; profile?: string };
  /** The code in the editor last used (null: no editor). */
  editorCode?: CodeContext | null;
}

const SAMPLE_CODE: CodeContext = { path: 'src/loop.ts', languageId: 'typescript', startLine: 3, endLine: 4, code: 'while (true) {}' };

export function viewHarness(options: HarnessOptions = {}) {
  const session = new FakeSession();
  const images = new FakeImages();
  const dialogs = new FakeDialogs();
  const files = new FakeFiles();
  const log = new FakeLog();
  const clock = new ManualClock(1000);
  const contextKeys = new Map<string, unknown>();
  const textActions: { action: CodeBlockAction; text: string; languageId?: string }[] = [];
  const opened: string[] = [];
  const commands: string[] = [];
  const tokensAsked: Settings[] = [];
  const picker: { current?: string; serverModels?: Promise<string[]> } = {};
  const settings: Settings = { ...SETTING_DEFAULTS, baseUrl: 'https://api.test/v1', model: 'settings-model' };
  const contextItems = new PendingContext();
  /** What the paperclip and drops asked of the host's file side. */
  const contextFileCalls: string[] = [];

  const presenter = new ChatPresenter({
    contextItems,
    session,
    images,
    endpointStatus: options.endpointStatus ?? (async () => ({ hasToken: true, origin: 'https://api.test' })),
    endpointGuess: options.endpointGuess ?? (() => ({ hasToken: true, origin: 'https://api.test' })),
    optionDefaults: () => undefined,
    setContext: (key, value) => contextKeys.set(key, value),
    clock,
  });
  const actions = new ChatActions({
    session,
    presenter,
    credentials: {
      setToken: async (given) => {
        tokensAsked.push(given);
        return true;
      },
      tokenFor: async () => 'stored-token',
    },
    settings: { forRequest: () => settings, valid: () => settings, reportFailure: () => false },
    dialogs,
    log,
    focusView: async () => commands.push('focusView'),
    pickModel: async (current, serverModels) => {
      Object.assign(picker, { current, serverModels });
      return options.pickModel ? options.pickModel(current, serverModels) : options.pickedModel;
    },
    listModels: options.listModels ?? (async () => ['server-model']),
  });
  const prompts = new PromptRunner({
    prompts: () => promptsFrom(options.userPrompts),
    editorCode: () => (options.editorCode === null ? undefined : { context: options.editorCode ?? SAMPLE_CODE }),
    dialogs,
    busy: () => session.busy,
    reveal: async () => void commands.push('reveal'),
    send: (text, code) => session.send(text, [...(code ? [code] : []), ...contextItems.take()]),
  });
  const library = new FakeLibrary();
  const history = new HistoryActions({
    library,
    search: library,
    session,
    presenter,
    dialogs,
    focusView: async () => commands.push('focusView'),
    defaultModel: () => settings.model,
  });
  const controller = new ChatController({
    session,
    images,
    presenter,
    actions,
    prompts,
    dialogs,
    files,
    runTextAction: async (action, text) => textActions.push({ action, ...text }),
    openLink: async (url) => void opened.push(`link ${url}`),
    openSettings: async (query) => opened.push(`settings ${query}`),
    log,
    history,
    contextItems,
    contextFiles: {
      pick: async () => void contextFileCalls.push('pick'),
      fromDrop: async (uris) => void contextFileCalls.push(`drop ${uris.join(' ')}`),
    },
    // Endpoint profiles (issue 12).
    profiles: { choose: async () => void commands.push('chooseProfile') },
  });
  const provider = new ChatViewProvider(
    { roots: [fakeUri('/ext/dist'), fakeUri('/ext/media')], script: fakeUri('/ext/dist/webview.js'), style: fakeUri('/ext/media/chat.css'), codicons: fakeUri('/ext/dist/codicons/codicon.css') },
    presenter,
    controller,
    clock,
  );

  /** VS Code resolves the view: a new webview, with the page loaded (it has not said ready yet). */
  const openView = (cancelled = false): FakeWebviewView => {
    const view = new FakeWebviewView();
    provider.resolveWebviewView(view.asView, {} as never, { isCancellationRequested: cancelled } as never);
    return view;
  };

  return { library, history, contextItems, contextFileCalls, session, images, dialogs, files, log, clock, contextKeys, textActions, opened, commands, tokensAsked, picker, settings, presenter, actions, prompts, controller, provider, openView };
}
