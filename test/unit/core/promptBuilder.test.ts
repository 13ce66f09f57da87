import assert from 'node:assert/strict';
import { buildMessages, formatUserContent, type PromptTurn } from '../../../src/core/promptBuilder';
import type { AssistantEntry, CodeContext, Entry, UserEntry } from '../../../src/shared/conversation';
import { promptTurns } from '../../../src/shared/promptTurns';

function user(text: string, context?: CodeContext): UserEntry {
  return { id: text, role: 'user', text, context, createdAt: 0 };
}
function assistant(content: string, status: AssistantEntry['status'] = 'done'): AssistantEntry {
  return { id: `a-${content}`, role: 'assistant', candidates: [{ content }], chosen: 0, status, model: 'm', createdAt: 0 };
}

describe('prompt builder', () => {
  const context: CodeContext = { path: 'src/app.ts', languageId: 'typescript', startLine: 3, endLine: 5, code: 'const a = 1;\nconst b = 2;\nconst c = 3;' };

  it('puts the question first, then the path, the lines and a fenced block tagged with the language', () => {
    assert.equal(
      formatUserContent('What does this do?', context),
      'What does this do?\n\nsrc/app.ts, lines 3-5:\n```typescript\nconst a = 1;\nconst b = 2;\nconst c = 3;\n```',
    );
  });

  it('says "line N" for one line and notes a trimmed selection', () => {
    const text = formatUserContent('Q', { ...context, endLine: 3, code: 'x', truncated: true });
    assert.equal(text, 'Q\n\nsrc/app.ts, line 3 (trimmed to the size limit):\n```typescript\nx\n```');
  });

  it('uses a longer fence when the code itself contains a fence', () => {
    const text = formatUserContent('Q', { ...context, languageId: 'markdown', code: 'a\n```js\nb\n```' });
    assert.match(text, /\n````markdown\na\n```js\nb\n```\n````$/);
  });

  it('sends the system prompt and the whole conversation so far', () => {
    const entries: Entry[] = [user('one'), assistant('first answer'), user('two', context)];
    assert.deepEqual(buildMessages('Be brief.', promptTurns(entries)), [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'first answer' },
      { role: 'user', content: formatUserContent('two', context) },
    ]);
  });

  it('leaves out an empty system prompt and failed turns without text, but keeps a stopped partial answer', () => {
    const entries: Entry[] = [user('failed'), assistant('', 'error'), user('stopped'), assistant('half', 'stopped'), user('now')];
    assert.deepEqual(buildMessages('  ', promptTurns(entries)), [
      { role: 'user', content: 'stopped' },
      { role: 'assistant', content: 'half' },
      { role: 'user', content: 'now' },
    ]);
  });

  it('reads plain turns: an answer without text is left out with its question', () => {
    const turns: PromptTurn[] = [{ role: 'user', text: 'a' }, { role: 'assistant', content: '' }, { role: 'user', text: 'b' }];
    assert.deepEqual(buildMessages('', turns), [{ role: 'user', content: 'b' }]);
  });

  it('carries the chosen candidate of an answer with several', () => {
    const answer: AssistantEntry = { ...assistant('a'), candidates: [{ content: 'a' }, { content: 'b' }], chosen: 1 };
    assert.deepEqual(buildMessages('', promptTurns([user('q'), answer, user('next')]))[1], { role: 'assistant', content: 'b' });
  });
});

describe('buildMessages with images', () => {
  const image = (id: string) => ({ id, mimeType: 'image/png' as const, name: `${id}.png`, width: 3, height: 2, size: 60 });
  const entries: Entry[] = [
    { id: 'u1', role: 'user', text: 'What is in these?', images: [image('one'), image('two')], createdAt: 1 },
  ];
  const dataUrl = (attachment: { id: string }) => `data:image/png;base64,${attachment.id}`;

  it('sends a question with images as parts: the text first, then image_url parts in order', () => {
    const [message] = buildMessages('', promptTurns(entries), { dataUrl, partType: 'image_url' });
    assert.deepEqual(message, {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in these?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,one' } },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,two' } },
      ],
    });
  });

  it('sends file_url parts for the drawing model', () => {
    const [message] = buildMessages('', promptTurns(entries), { dataUrl, partType: 'file_url' });
    assert.deepEqual(message!.content, [
      { type: 'text', text: 'What is in these?' },
      { type: 'file_url', file_url: { url: 'data:image/png;base64,one' } },
      { type: 'file_url', file_url: { url: 'data:image/png;base64,two' } },
    ]);
  });

  it('leaves out images whose bytes are gone, and the text part of an image-only question', () => {
    const only: Entry[] = [{ id: 'u1', role: 'user', text: '', images: [image('gone'), image('kept')], createdAt: 1 }];
    const [message] = buildMessages('', promptTurns(only), { dataUrl: (a) => (a.id === 'gone' ? undefined : dataUrl(a)), partType: 'image_url' });
    assert.deepEqual(message!.content, [{ type: 'image_url', image_url: { url: 'data:image/png;base64,kept' } }]);
    const [plain] = buildMessages('', promptTurns(entries), { dataUrl: () => undefined, partType: 'image_url' });
    assert.equal(plain!.content, 'What is in these?');
  });
});
