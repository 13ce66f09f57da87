// Search over a workspace's history: 1,000 conversations of 50 messages, searched the way the
// history list does (every term anywhere in a conversation, snippets for the hits shown).
// Goal: a search answers in ≤ 100 ms. Prints figures only.
// Run: node esbuild.mjs --tests && node out/bench/searchBench.js

import { performance } from 'node:perf_hooks';
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

function main(): void {
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
  const queries = ['topic-417', 'parse', 'split parsing', '"expected two fields"', 'Refactor HANDLER step', 'zebra'];
  console.log('  query                          hits   median ms   max ms   (goal ≤ 100 ms)');
  for (const query of queries) {
    const times: number[] = [];
    let hits = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      hits = searchConversations(documents, query).length;
      times.push(performance.now() - started);
    }
    console.log(`  ${query.padEnd(30)} ${String(hits).padStart(5)} ${median(times).toFixed(1).padStart(11)} ${Math.max(...times).toFixed(1).padStart(8)}`);
  }
}

main();
