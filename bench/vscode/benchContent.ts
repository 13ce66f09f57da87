// What the real-VS-Code bench sends and seeds: realistic answers (prose, lists, highlighted
// code, tables) of a given size, cut into a given number of deltas, and a long saved
// conversation in the extension's own file format (src/host/storage/conversationFiles.ts).
import type { Conversation, Entry } from '../../src/shared/conversation';
import { serializeConversation } from '../../src/host/storage/conversationFiles';

/** A realistic answer section: prose, a list, code, a table, a list holding code. */
function section(index: number): string {
  return [
    `## Step ${index}: refactor the handler`,
    `The function \`handle${index}\` mixes parsing and I/O. Split it so **parsing** is pure and *testable*, and keep the [docs](https://example.com/docs/${index}) in sync.`,
    `- Move the validation into \`parse${index}()\`\n- Return a typed result\n- Keep the old export for compatibility`,
    '```ts\n' +
      `export function parse${index}(input: string): Result {\n  const parts = input.split(',');\n  if (parts.length < 2) {\n    return { ok: false, error: 'expected two fields' };\n  }\n  return { ok: true, value: { name: parts[0]!.trim(), size: Number(parts[1]) } };\n}\n` +
      '```',
    `| Field | Type | Note |\n|-------|------|------|\n| name | string | trimmed |\n| size | number | bytes (${index}) |`,
    `1. Run the tests\n2. Check the output:\n\n   \`\`\`sh\n   npm test -- --grep parse${index}\n   \`\`\``,
  ].join('\n\n');
}

/** A markdown answer of exactly `length` characters. */
export function buildAnswer(length: number): string {
  let text = '';
  for (let index = 1; text.length < length; index++) text += `${section(index)}\n\n`;
  return text.slice(0, length);
}

/** `text` in `count` deltas of (nearly) equal length that join back to it. */
export function splitInto(text: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / count));
  const deltas: string[] = [];
  for (let at = 0; at < text.length; at += size) deltas.push(text.slice(at, at + size));
  return deltas;
}

/**
 * A conversation of `messages` entries (questions and answers taking turns) of about
 * `totalChars` characters, as the extension saves it: the text of its file and its id.
 */
export function historyConversation(id: string, messages: number, totalChars: number): { text: string; conversation: Conversation } {
  const answers = Math.ceil(messages / 2);
  const answerChars = Math.floor((totalChars - (messages - answers) * 60) / answers);
  const answerText = buildAnswer(answerChars);
  const start = Date.now() - messages * 60_000;
  const entries: Entry[] = [];
  for (let index = 0; index < messages; index++) {
    const createdAt = start + index * 60_000;
    entries.push(
      index % 2 === 0
        ? { id: `q-${index}`, role: 'user', text: `Question ${index}: how do I split parsing from I/O here?`, createdAt }
        : { id: `a-${index}`, role: 'assistant', candidates: [{ content: answerText, finishReason: 'stop' }], chosen: 0, status: 'done', model: 'e2e-model', createdAt },
    );
  }
  const conversation: Conversation = { id, title: 'A long conversation', model: 'e2e-model', entries, createdAt: start, updatedAt: Date.now() };
  return { text: serializeConversation(conversation), conversation };
}
