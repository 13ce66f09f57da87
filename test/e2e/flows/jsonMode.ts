// Issue 5, JSON mode: turned on in the Parameters panel, the request carries
// `response_format: {type: 'json_object'}` (and a system line asking for JSON); a compact JSON
// answer is shown pretty-printed and highlighted, "Save as JSON File…" writes exactly that
// through VS Code's save dialog; an answer that does not parse gets the clear notice and is
// shown as the model wrote it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS, waitForText } from '../workbench';
import { startNewConversation } from './common';

const ANSWER = '{"name":"Ada Lovelace","born":1815,"languages":["en","fr"],"analyticalEngine":{"notes":["A","G"],"published":true}}';
const PRETTY = JSON.stringify(JSON.parse(ANSWER), null, 2);
const INVALID = '{"name": "Ada", born: 1815';
// The name the extension suggests; the flow accepts it as most people would.
const SAVED_NAME = 'answer.json';

export const jsonModeFlow: Flow = {
  name: 'JSON mode: response_format sent, the answer pretty-printed and saved, invalid JSON flagged',
  async run(context) {
    const { env, workbench, chat, step } = context;
    await startNewConversation(context);

    await step('open Parameters and turn on JSON mode', async () => {
      await chat.openParameters();
      await (await chat.parameter('jsonMode')).check();
      await waitForText(await chat.parametersSummary(), 'JSON', 'the Parameters summary to say "JSON"');
      await chat.closeParameters();
    });

    env.api.enqueue(textReply(ANSWER));
    await step('ask; the request has response_format json_object and a system line asking for JSON', async () => {
      await chat.ask('Describe Ada Lovelace as a JSON object.');
      const request = await env.api.waitForChatRequest(1, STEP_TIMEOUT_MS);
      assert.deepEqual(request.body.response_format, { type: 'json_object' });
      const system = (request.body.messages as { role: string; content: string }[]).find((message) => message.role === 'system');
      assert.match(system?.content ?? '', /JSON/, 'no system message mentions JSON (OpenAI refuses json_object without it)');
    });

    await step('the compact answer is shown pretty-printed and highlighted as JSON', async () => {
      const answer = await chat.waitForAnswerDone(1);
      const block = answer.locator('.json-block');
      await block.waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal((await block.locator('.code-block-language').innerText()).trim(), 'JSON');
      const code = block.locator('pre code');
      assert.match((await code.getAttribute('class')) ?? '', /\bhljs\b.*\blanguage-json\b/);
      assert.equal((await code.innerText()).replace(/\n$/, ''), PRETTY);
      assert.ok((await code.locator('span.hljs-attr').count()) >= 6, 'the keys are not highlighted');
      assert.ok((await code.locator('span.hljs-number').count()) >= 1, 'the number is not highlighted');
      assert.equal(await answer.locator('.json-invalid').count(), 0, 'valid JSON got the invalid notice');
    });
    await context.sideBarScreenshot('json-answer');

    await step('"Save as JSON File…" → the save dialog → the file holds the pretty JSON', async () => {
      const block = (await chat.lastAnswer()).locator('.json-block');
      await block.getByRole('button', { name: 'Save as JSON File…' }).click();
      const target = join(env.workspace, SAVED_NAME);
      await workbench.acceptSuggestedFile('Completions Chat: Save Answer as JSON', target);
      await workbench.activeTab(SAVED_NAME).waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(readFileSync(target, 'utf8'), `${PRETTY}\n`);
    });

    env.api.enqueue(textReply(INVALID));
    await step('an answer that is not JSON shows the notice and the text as written', async () => {
      await chat.ask('Again, please.');
      const answer = await chat.waitForAnswerDone(2);
      const notice = answer.locator('.json-invalid[role=note]');
      await notice.waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.match((await notice.innerText()).trim(), /^The answer is not valid JSON: .+ Shown as the model wrote it\.$/s);
      assert.equal((await answer.locator('.json-block .code-block-language').innerText()).trim(), 'text (not valid JSON)');
      assert.equal((await answer.locator('.json-block pre code').innerText()).replace(/\n$/, ''), INVALID);
      assert.equal(await answer.locator('.json-block pre code span[class^="hljs-"]').count(), 0, 'invalid JSON is highlighted as if it were JSON');
    });
  },
};
