// Search over a workspace's history: 1,000 conversations of 50 messages, searched the way the
// history list does (every term anywhere in a conversation, snippets for the hits shown).
// Goal: a search answers in ≤ 100 ms. Prints figures only.
// Then the host's side as the extension runs it: the 1,000 conversations as files in a storage
// folder, opened by the store, and searched through HistorySearch, whose first search reads
// every file once (measured apart) and whose later ones read nothing.
// Run: node esbuild.mjs --tests && node out/bench/searchBench.js

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { INDEX_SCHEMA_VERSION, serializeConversation, serializeIndex } from '../src/host/storage/conversationFiles';
import { ConversationLibrary } from '../src/host/storage/conversationLibrary';
import { ConversationStore } from '../src/host/storage/conversationStore';
import { NodeFileStore } from '../src/host/storage/fileStore';
import { HistorySearch } from '../src/host/storage/historySearch';
import type { Conversation, Entry } from '../src/shared/conversation';
import { searchConversations, searchDocumentOf, type SearchDocument } from '../src/shared/conversationSearch';
import { buildAnswer } from './vscode/benchContent';

const CONVERSATIONS = 1000;
const MESSAGES = 50;
const ROUNDS = 7;

/** Answers of 400 to 2,800 characters; each conversation has its own topic words. */
function conversation(index: number, answers: readonly string[]): Conversation {
  const entries: Entry[] = [];
  for (let message = 0; message < MESSAGES; message++) {
    const createdAt = index * 1000 + message;
    entries.push(
      message % 2 === 0
        ? { id: `q${message}`, role: 'user', text: `Question ${message} about topic-${index}: how do I split parsing from I/O here?`, createdAt }
        : {
            id: `a${message}`,
            role: 'assistant',
            candidates: [{ content: `Answer for topic-${index}, part ${message}.\n\n${answers[(index + message) % answers.length]}` }],
            chosen: 0,
            status: 'done',
            model: 'bench',
            createdAt,
          },
    );
  }
  return { id: `c${index}`, title: `Conversation ${index}`, model: 'bench', entries, createdAt: index, updatedAt: index };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const QUERIES = ['topic-417', 'parse', 'split parsing', '"expected two fields"', 'Refactor HANDLER step', 'zebra'];

/** Median and max of `ROUNDS` runs of each query, printed as a table. */
async function measureQueries(search: (query: string) => Promise<number> | number): Promise<void> {
  console.log('  query                          hits   median ms   max ms   (goal ≤ 100 ms)');
  for (const query of QUERIES) {
    const times: number[] = [];
    let hits = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      hits = await search(query);
      times.push(performance.now() - started);
    }
    console.log(`  ${query.padEnd(30)} ${String(hits).padStart(5)} ${median(times).toFixed(1).padStart(11)} ${Math.max(...times).toFixed(1).padStart(8)}`);
  }
}

/** The host's side: files on disk, the store, the library and HistorySearch, as the extension wires them. */
async function hostSide(conversations: readonly Conversation[]): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'cc-search-bench-'));
  try {
    mkdirSync(join(root, 'conversations'));
    let bytes = 0;
    for (const each of conversations) {
      const text = serializeConversation(each);
      bytes += text.length;
      writeFileSync(join(root, 'conversations', `${each.id}.json`), text);
    }
    const entries = conversations.map(({ id, title, updatedAt }) => ({ id, title, updatedAt, pinned: false }));
    writeFileSync(join(root, 'conversations', 'index.json'), serializeIndex({ schema: INDEX_SCHEMA_VERSION, conversations: entries }));
    const store = new ConversationStore(new NodeFileStore(root));
    const openStarted = performance.now();
    await store.open();
    const openMs = performance.now() - openStarted;
    const library = new ConversationLibrary(store, { timers: { set: () => undefined, clear: () => undefined } });
    const search = new HistorySearch({ ids: () => library.ids(), read: (id) => library.read(id), onDidChange: library.onDidChange, onDidSave: library.onDidSave });
    console.log(`host: ${conversations.length} files, ${(bytes / 1e6).toFixed(1)} MB in a storage folder`);
    console.log(`  opening the store (index only): ${openMs.toFixed(0)} ms`);
    const firstStarted = performance.now();
    const firstHits = (await search.search('topic-417')).length;
    console.log(`  first search (reads and prepares every file once): ${(performance.now() - firstStarted).toFixed(0)} ms, ${firstHits} hit(s)`);
    await measureQueries(async (query) => (await search.search(query)).length);
    search.dispose();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const answers = Array.from({ length: 25 }, (_, i) => buildAnswer(400 + i * 100));
  const conversations = Array.from({ length: CONVERSATIONS }, (_, i) => conversation(i, answers));
  const chars = conversations.reduce((sum, c) => sum + c.entries.reduce((s, e) => s + (e.role === 'user' ? e.text.length : e.candidates[0]!.content.length), 0), 0);

  const heapBefore = process.memoryUsage().heapUsed;
  const indexStarted = performance.now();
  const documents: SearchDocument[] = conversations.map(searchDocumentOf);
  const indexMs = performance.now() - indexStarted;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

  console.log(`search: ${CONVERSATIONS} conversations × ${MESSAGES} messages, ${(chars / 1e6).toFixed(1)} M characters`);
  console.log(`  index (search documents, built once as conversations load): ${indexMs.toFixed(0)} ms, ~${heapMb.toFixed(0)} MB heap`);
  await measureQueries((query) => searchConversations(documents, query).length);
  await hostSide(conversations);
}

void main();
