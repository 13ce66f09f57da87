// The ids package.json contributes, in one place and in the small part of the extension loaded
// at activation: the commands are registered under them at once, their handlers load on first
// use. No other source file spells one of these ids (test/unit/host/contributionIds.test.ts
// checks them against the manifest). Keep this module free of imports: it is in dist/extension.js.

export const CHAT_VIEW_ID = 'completionsChat.chatView';

export const COMMANDS = {
  openChat: 'completionsChat.openChat',
  newConversation: 'completionsChat.newConversation',
  askAboutSelection: 'completionsChat.askAboutSelection',
  explainSelection: 'completionsChat.explainSelection',
  stop: 'completionsChat.stop',
  insertLastAnswer: 'completionsChat.insertLastAnswer',
  setApiToken: 'completionsChat.setApiToken',
  clearApiToken: 'completionsChat.clearApiToken',
  selectModel: 'completionsChat.selectModel',
  exportConversation: 'completionsChat.exportConversation',
  runPrompt: 'completionsChat.runPrompt',
  findBugs: 'completionsChat.findBugs',
  writeTests: 'completionsChat.writeTests',
  addDocs: 'completionsChat.addDocs',
  refactor: 'completionsChat.refactor',
  fixProblems: 'completionsChat.fixProblems',
  acceptDiff: 'completionsChat.acceptDiff',
  // History and search (issue 11).
  showHistory: 'completionsChat.showHistory',
  // --- context items (issue 11: more context) ---
  addFileToContext: 'completionsChat.addFileToContext',
  askAboutSelectionWithProblems: 'completionsChat.askAboutSelectionWithProblems',
  // Network (issue 12): custom headers' secret values.
  setHeaderSecret: 'completionsChat.setHeaderSecret',
  // Endpoint profiles (issue 12).
  switchProfile: 'completionsChat.switchProfile',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const COMMAND_IDS: readonly CommandId[] = Object.values(COMMANDS);

/** The context key that is true while an answer is being written (menus' `when` clauses). */
export const ANSWERING_CONTEXT_KEY = 'completionsChat.answering';

/**
 * True while the panel shows its history list (issue 11): Escape there goes back to the chat,
 * so it must not also stop an answer (the webview hands every key to the workbench too).
 */
export const HISTORY_CONTEXT_KEY = 'completionsChat.historyShown';

/** The configuration section: every setting is `completionsChat.<key>`. */
export const SETTINGS_SECTION = 'completionsChat';

/** Each setting's full id, by its key in the section. */
export const SETTING_IDS = {
  baseUrl: 'completionsChat.baseUrl',
  model: 'completionsChat.model',
  temperature: 'completionsChat.temperature',
  maxTokens: 'completionsChat.maxTokens',
  systemPrompt: 'completionsChat.systemPrompt',
  stream: 'completionsChat.stream',
  imageHosts: 'completionsChat.imageHosts',
  prompts: 'completionsChat.prompts',
  // Network (issue 12): custom headers and extra certificate authorities.
  headers: 'completionsChat.headers',
  caCertificates: 'completionsChat.caCertificates',
  // Endpoint profiles (issue 12).
  profiles: 'completionsChat.profiles',
} as const;

export type SettingKey = keyof typeof SETTING_IDS;
export type SettingId = (typeof SETTING_IDS)[SettingKey];
