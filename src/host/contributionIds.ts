// The ids package.json contributes, in the small part of the extension loaded at activation:
// the commands are registered under them at once, their handlers load on first use.

export const CHAT_VIEW_ID = 'completionsChat.chatView';

export const COMMAND_IDS = [
  'completionsChat.openChat',
  'completionsChat.newConversation',
  'completionsChat.askAboutSelection',
  'completionsChat.explainSelection',
  'completionsChat.stop',
  'completionsChat.insertLastAnswer',
  'completionsChat.setApiToken',
  'completionsChat.clearApiToken',
  'completionsChat.selectModel',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
