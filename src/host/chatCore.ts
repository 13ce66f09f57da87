// The chat, one bundle for the desktop and the web (dist/chatCore.js): built for a browser and
// checked free of Node (scripts/webBuild.mjs), run by the desktop's extension host (required by
// chatMain.ts, which hands in Node's pieces) and by the web worker host (evaluated by
// web/chatBundle.ts). Every class checked with `instanceof` is in here, once.

export { createChatOn, type Chat, type ChatOptions } from './chatRuntime';
export { nodePlatform, type NodeParts } from './nodePlatform';
export { webPlatform } from './web/webPlatform';
