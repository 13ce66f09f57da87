// The loopback server's paused reply, which e2e flows rely on to see a half-written answer
// however slow the machine is: it holds after N deltas until the test resumes it or the
// client hangs up (Stop).
import * as assert from 'node:assert/strict';
import { FakeApiServer, manualGate, textReply } from '../../support/fakeApiServer';

describe('FakeApiServer paused replies', () => {
  let server: FakeApiServer;
  beforeEach(async () => {
    server = await new FakeApiServer().start();
  });
  afterEach(() => server.stop());

  const ask = (signal?: AbortSignal) =>
    fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [], stream: true }),
      signal,
    });

  /** Reads the stream until `count` content deltas have come, and returns their text. */
  async function readDeltas(reader: ReadableStreamDefaultReader<Uint8Array>, count: number): Promise<string[]> {
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const deltas = [...text.matchAll(/"content":"([^"]+)"/g)].map((match) => match[1]!);
      if (deltas.length >= count) return deltas;
      const { value, done } = await reader.read();
      if (done) return deltas;
      text += decoder.decode(value, { stream: true });
    }
  }

  it('holds after pauseAfterTokens deltas until resumed, then sends the rest', async () => {
    const gate = manualGate();
    server.enqueue(textReply('one two three four', { pauseAfterTokens: 2, resume: gate.promise }));
    const reader = (await ask()).body!.getReader();
    assert.deepEqual(await readDeltas(reader, 2), ['one', ' two']);
    const more = reader.read();
    const early = await Promise.race([more.then(() => 'more'), new Promise((resolve) => setTimeout(() => resolve('held'), 300))]);
    assert.equal(early, 'held', 'the server went on before it was resumed');
    gate.open();
    const rest = new TextDecoder().decode((await more).value);
    assert.match(rest, /" three"/);
  });

  it('a paused reply with no resume ends when the client hangs up', async () => {
    server.enqueue(textReply('one two three', { pauseAfterTokens: 1 }));
    const abort = new AbortController();
    const reader = (await ask(abort.signal)).body!.getReader();
    assert.deepEqual(await readDeltas(reader, 1), ['one']);
    abort.abort();
    const request = await server.waitForChatRequest(1);
    await request.settled;
    assert.equal(request.clientClosedEarly, true);
  });

  it('onDelta is told each delta, in order, before it is written (the bench notes send times)', async () => {
    const told: [number, string][] = [];
    let readBeforeTold = false;
    server.enqueue(textReply('one two three', { onDelta: (index, token) => told.push([index, token]) }));
    const reader = (await ask()).body!.getReader();
    const deltas = await readDeltas(reader, 3);
    readBeforeTold = deltas.length > told.length;
    assert.deepEqual(deltas, ['one', ' two', ' three']);
    assert.deepEqual(told, [
      [0, 'one'],
      [1, ' two'],
      [2, ' three'],
    ]);
    assert.equal(readBeforeTold, false, 'a delta arrived before onDelta was told of it');
  });
});
