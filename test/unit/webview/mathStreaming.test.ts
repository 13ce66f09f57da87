import { render, streamer, useKatex } from './mathSupport';
import * as assert from 'node:assert/strict';
import { registerMathEngine } from '../../../src/webview/mathRender';
import { copiedTextWithTex, installMathCopy } from '../../../src/webview/mathCopy';
import { seededRandom } from '../../support/manualClock';

const answer = 'The energy is $E = mc^2$, not $5 or $10.\n\n$$\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n$$\n\nIn code: `$x$`.\n\nAnd \\(a_i\\) with \\[ \\sum_i a_i \\]\n\n```sh\necho $HOME\n```\n\nEnd $y$.';

describe('math while streaming', () => {
  beforeEach(() => useKatex());
  after(() => registerMathEngine(undefined));

  it('shows an unclosed delimiter at the tail as text, and the math once it closes', () => {
    const { container, renderer, frames } = streamer();
    renderer.append('Energy: $E = mc');
    frames.runFrame();
    assert.equal(container.querySelector('math'), null);
    assert.match(container.textContent ?? '', /Energy: \$E = mc/);
    renderer.append('^2$ and more');
    frames.runFrame();
    assert.equal(container.querySelector('annotation')?.textContent, 'E = mc^2');
    assert.match(container.textContent ?? '', /and more/);
  });

  it('shows an open display block as text until its closing $$ arrives', () => {
    const { container, renderer, frames } = streamer();
    renderer.append('Then:\n\n$$\n\\frac{a}{b}\n');
    frames.runFrame();
    assert.equal(container.querySelector('math'), null);
    renderer.append('$$\n\nafter');
    frames.runFrame();
    assert.equal(container.querySelectorAll('.math-display math').length, 1);
  });

  it('runs KaTeX once for an expression, not on every delta after it', () => {
    const engine = useKatex();
    const { renderer, frames } = streamer();
    const text = 'Take $a^2 + b^2$ and keep talking about it for a while without closing the paragraph at all.';
    for (const char of text) {
      renderer.append(char);
      frames.runFrame();
    }
    assert.deepEqual(engine.renders, ['a^2 + b^2']);
  });

  it('ends equal to a one-shot render for random splits', () => {
    const expected = render(answer).innerHTML;
    for (let seed = 1; seed <= 8; seed++) {
      const next = seededRandom(seed);
      const { container, renderer, frames } = streamer();
      for (let at = 0; at < answer.length; ) {
        const size = 1 + Math.floor(next() * 6);
        renderer.append(answer.slice(at, at + size));
        at += size;
        if (next() < 0.6) frames.runFrame();
      }
      frames.runFrame();
      renderer.flush();
      assert.equal(container.innerHTML, expected, `seed ${seed}`);
    }
  });
});

describe('copying math', () => {
  beforeEach(() => useKatex());
  after(() => registerMathEngine(undefined));

  function rangeOver(start: Node, startOffset: number, end: Node, endOffset: number): Range {
    const range = document.createRange();
    range.setStart(start, startOffset);
    range.setEnd(end, endOffset);
    return range;
  }

  it('gives the TeX of selected math, inline and display, with the text around it', () => {
    const container = render('So $x^2$ grows.\n\n$$\n\\frac{a}{b}\n$$\n\nEnd.');
    const first = container.querySelector('p')!;
    const last = container.querySelectorAll('p')[2]!;
    const text = copiedTextWithTex(rangeOver(first.firstChild!, 0, last.firstChild!, 3));
    // Paragraphs apart by a blank line, as the browser copies them.
    assert.equal(text, 'So $x^2$ grows.\n\n$$\n\\frac{a}{b}\n$$\n\nEnd');
  });

  it('takes math cut by the selection whole', () => {
    const container = render('Before $\\alpha + \\beta$ after');
    const inner = container.querySelector('mi')!.firstChild!;
    const text = copiedTextWithTex(rangeOver(container.querySelector('p')!.firstChild!, 3, inner, 1));
    assert.equal(text, 'ore $\\alpha + \\beta$');
  });

  it('leaves a selection without math to the browser', () => {
    const container = render('Plain $5 and $10 text');
    const paragraph = container.querySelector('p')!;
    assert.equal(copiedTextWithTex(rangeOver(paragraph.firstChild!, 0, paragraph.firstChild!, 10)), undefined);
  });

  it('puts the TeX on the clipboard when the page copies', () => {
    const container = render('Copy $y = mx + b$ now');
    installMathCopy(document);
    const paragraph = container.querySelector('p')!;
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(rangeOver(paragraph.firstChild!, 0, paragraph.lastChild!, 4));
    const data = new Map<string, string>();
    const event = new Event('copy', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'clipboardData', { value: { setData: (type: string, value: string) => data.set(type, value) } });
    document.dispatchEvent(event);
    assert.equal(data.get('text/plain'), 'Copy $y = mx + b$ now');
    assert.ok(event.defaultPrevented);
  });
});
