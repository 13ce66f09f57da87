// Puts a long conversation where the extension keeps its conversations, the way it stores
// them (src/host/storage/conversationFiles.ts): <storage>/conversations/<id>.json, named current by
// conversations/index.json. The storage folder is the one the extension created on its first
// save; the seeded conversation replaces the current one, so a window reload opens it.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INDEX_PATH, conversationPath, parseIndex } from '../../src/host/storage/conversationFiles';
import { historyConversation } from './benchContent';

/** The extension's `conversations/index.json` under `root`, or undefined. */
function findIndexFile(root: string, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return undefined;
  }
  for (const name of names) {
    const path = join(root, name);
    if (path.endsWith(INDEX_PATH) && name === 'index.json') return path;
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      const found = findIndexFile(path, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

export interface SeededHistory {
  file: string;
  messages: number;
  bytes: number;
}

/** Writes a `messages`-entry conversation of ~`bytes` over the current one; throws when there is none. */
export function seedHistory(userDataDir: string, messages: number, bytes: number): SeededHistory {
  const indexFile = findIndexFile(userDataDir);
  if (!indexFile) throw new Error(`no conversations/index.json under ${userDataDir}: the extension saved nothing yet`);
  const storage = dirname(dirname(indexFile));
  const index = parseIndex(readFileSync(indexFile, 'utf8'));
  const id = index?.current;
  if (!id) throw new Error(`${indexFile} names no current conversation`);
  const { text } = historyConversation(id, messages, bytes);
  const file = join(storage, conversationPath(id));
  writeFileSync(file, text);
  return { file, messages, bytes: Buffer.byteLength(text) };
}
