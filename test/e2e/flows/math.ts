// Flow: math in an answer. The server streams an answer with inline math, display math and a
// price; the math is drawn as MathML (KaTeX, loaded by the page only now, under the same CSP),
// the price stays text, and copying the paragraph gives the TeX back.
import * as assert from 'node:assert/strict';
import { textReply } from '../../support/fakeApiServer';
import type { Flow } from '../harness';
import { STEP_TIMEOUT_MS } from '../workbench';
import { squash, startNewConversation } from './common';

const ANSWER = [
  'The roots of $ax^2 + bx + c = 0$ are given by the quadratic formula:',
  '',
  '$$',
  'x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}',
  '$$',
  '',
  'For $a = 1$, \\(b = -3\\) and $c = 2$ the roots are $1$ and $2$. A calculator costs $5 and a textbook $10.',
  '',
  '```sh',
  'echo "$HOME"',
  '```',
].join('\n');

export const mathFlow: Flow = {
  name: 'math in an answer',
  async run(context) {
    const { env, chat, step } = context;
    await startNewConversation(context);
    env.api.enqueue(textReply(ANSWER, { tokenDelayMs: 5 }));

    await step('ask; the answer streams in with its math drawn as MathML', async () => {
      await chat.ask('How do I solve a quadratic equation?');
      const answer = await chat.waitForAnswerDone(1);
      await answer.locator('.math-display math').first().waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(await answer.locator('.math-display math').count(), 1);
      assert.equal(await answer.locator('.math-inline math').count(), 6);
      assert.equal(await answer.locator('.math-pending, .math-error').count(), 0);
      const box = await answer.locator('.math-display math').boundingBox();
      assert.ok(box && box.height > 20, `the display formula is drawn tall (a fraction): ${JSON.stringify(box)}`);
      const frame = await chat.frame();
      assert.equal(await frame.locator('script[src*="math.js"]').count(), 1, 'KaTeX was loaded by the page');
    });

    await step('the price and the shell variable stay text', async () => {
      const answer = await chat.lastAnswer();
      const text = squash(await chat.answerText(answer));
      assert.match(text, /A calculator costs \$5 and a textbook \$10\./);
      assert.equal(await answer.locator('pre code').innerText(), 'echo "$HOME"');
    });

    await step('copying the paragraph with math gives its TeX', async () => {
      const frame = await chat.frame();
      const copied = await frame.evaluate(() => {
        // The third paragraph of the last answer (the second holds the display formula).
        const paragraph = Array.from(document.querySelectorAll('.entry.assistant')).at(-1)!.querySelectorAll('.markdown-body > p')[2]!;
        const range = document.createRange();
        range.selectNodeContents(paragraph);
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        let text = '';
        window.addEventListener('copy', (event) => { text = event.clipboardData?.getData('text/plain') ?? ''; }, { once: true });
        document.execCommand('copy');
        selection.removeAllRanges();
        return text;
      });
      assert.match(copied, /^For \$a = 1\$, \$b = -3\$ and \$c = 2\$ the roots are \$1\$ and \$2\$\. A calculator costs \$5/);
    });
    await context.sideBarScreenshot('math');
  },
};
