import assert from 'node:assert/strict';
import { ChatSession, newConversation, type SessionChange } from '../../../../src/host/session/chatSession';
import { SETTING_DEFAULTS } from '../../../../src/host/settings/settings';
import type { ChatEvent, ChatRequest } from '../../../../src/core/types';
import type { Conversation, ImageAttachment } from '../../../../src/shared/conversation';

function image(id: string): ImageAttachment {
  return { id, mimeType: 'image/png', name: `${id}.png`, width: 3, height: 2, size: 60 };
}

describe('ChatSession with images', () => {
  let requests: ChatRequest[];
  let saved: Conversation[];
  let changes: SessionChange[];
  let stored: Map<string, string>;

  function session(model: string): ChatSession {
    const chat = new ChatSession(newConversation(model), {
      async *streamChat(request: ChatRequest): AsyncIterable<ChatEvent> {
        requests.push(request);
        yield { type: 'delta', index: 0, content: 'A red square.' };
      },
      settings: () => ({ ...SETTING_DEFAULTS, systemPrompt: '' }),
      credentials: async () => ({ baseUrl: 'http://127.0.0.1:9/v1' }),
      save: (conversation) => saved.push(structuredClone(conversation)),
      log: () => undefined,
      imageDataUrl: async (id) => stored.get(id),
    });
    chat.onDidChange((change) => changes.push(change));
    return chat;
  }

  beforeEach(() => {
    requests = [];
    saved = [];
    changes = [];
    stored = new Map([['one', 'data:image/png;base64,b25l'], ['two', 'data:image/png;base64,dHdv']]);
  });

  it('sends attached images as image_url parts after the text, and keeps them with the question', async () => {
    const chat = session('gpt-4o');
    await chat.send('What is this?', undefined, [image('one'), image('two')]);
    assert.deepEqual(requests[0]!.body.messages, [{
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,b25l' } },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,dHdv' } },
      ],
    }]);
    const question = saved.at(-1)!.entries[0]!;
    assert.ok(question.role === 'user');
    assert.deepEqual(question.images, [image('one'), image('two')]);
    // The conversation holds ids and sizes, never the bytes.
    assert.doesNotMatch(JSON.stringify(saved.at(-1)), /base64/);

    // Later turns carry the earlier images again, as the model has no memory of them.
    await chat.send('And now?');
    const [first, , second] = requests[1]!.body.messages;
    assert.ok(Array.isArray(first!.content) && first!.content.length === 3);
    assert.equal(second!.content, 'And now?');
  });

  it('sends them as file_url parts to the drawing model', async () => {
    const chat = session('gpt-4o-image');
    await chat.send('Draw it in blue', undefined, [image('one')]);
    assert.deepEqual(requests[0]!.body.messages[0]!.content, [
      { type: 'text', text: 'Draw it in blue' },
      { type: 'file_url', file_url: { url: 'data:image/png;base64,b25l' } },
    ]);
  });

  it('sends a question that is only an image, and leaves out images whose bytes are gone', async () => {
    const chat = session('gpt-4o-mini');
    await chat.send('', undefined, [image('gone'), image('two')]);
    assert.deepEqual(requests[0]!.body.messages[0]!.content, [{ type: 'image_url', image_url: { url: 'data:image/png;base64,dHdv' } }]);
    assert.equal(chat.conversation.title, 'gone.png');
  });

  it('records a fetched image on its answer, saves it and tells the view', async () => {
    const chat = session('gpt-4o-image');
    await chat.send('Draw a cat');
    const answer = chat.lastAnswer()!;
    changes.length = 0;
    chat.setAnswerImage(answer.id, 'https://cdn.example.com/cat.png', { status: 'failed', reason: 'nope' });
    assert.deepEqual(saved.at(-1)!.entries.at(-1)!.role === 'assistant' && saved.at(-1)!.entries.at(-1)!.images, {
      'https://cdn.example.com/cat.png': { status: 'failed', reason: 'nope' },
    });
    assert.deepEqual(changes.map((change) => change.type), ['entryUpdated']);
    chat.setAnswerImage('no-such-answer', 'https://x/y.png', { status: 'failed', reason: 'x' });
    assert.equal(changes.length, 1);
  });
});
