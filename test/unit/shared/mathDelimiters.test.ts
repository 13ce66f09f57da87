import assert from 'node:assert/strict';
import { firstCandidateFrom, mathCandidates, matchMath, mathSource, maxMathSourceChars } from '../../../src/shared/mathDelimiters';

/** Every math span found scanning `text` left to right, as the parser's inline pass would. */
function spans(text: string): string[] {
  const found: string[] = [];
  for (let at = 0; at < text.length; ) {
    const span = matchMath(text.slice(at), at > 0 ? text[at - 1] : undefined);
    if (span) {
      found.push(`${span.display ? 'D' : 'I'}:${span.tex}`);
      at += span.raw.length;
    } else if (text[at] === '\\') at += 2; // an escape, as marked takes it
    else at++;
  }
  return found;
}

describe('math delimiters', () => {
  it('finds inline and display math in each of the four spellings', () => {
    assert.deepEqual(spans('Euler: $e^{i\\pi} + 1 = 0$.'), ['I:e^{i\\pi} + 1 = 0']);
    assert.deepEqual(spans('$$\\int_0^1 x\\,dx$$'), ['D:\\int_0^1 x\\,dx']);
    assert.deepEqual(spans('where \\( x \\) is'), ['I: x ']);
    assert.deepEqual(spans('\\[\nx^2 + y^2 = z^2\n\\]'), ['D:\nx^2 + y^2 = z^2\n']);
    assert.deepEqual(spans('$$\n\\begin{aligned}a &= b \\\\\n&= c\\end{aligned}\n$$'), ['D:\n\\begin{aligned}a &= b \\\\\n&= c\\end{aligned}\n']);
  });

  it('takes the raw text with the delimiters, for the parser to advance by', () => {
    assert.deepEqual(matchMath('$x$ rest', undefined), { raw: '$x$', tex: 'x', display: false });
    assert.deepEqual(matchMath('\\(a\\) rest', ' '), { raw: '\\(a\\)', tex: 'a', display: false });
  });

  it('leaves prices alone', () => {
    assert.deepEqual(spans('It costs $5 and $10.'), []);
    assert.deepEqual(spans('between $5-$10 a month'), []);
    assert.deepEqual(spans('$5, $10, or $20'), []);
    assert.deepEqual(spans('US$5 and US$10'), []);
    assert.deepEqual(spans('costs $ 5 and $ 10'), []);
  });

  it('leaves shell variables alone', () => {
    assert.deepEqual(spans('echo $HOME and $PATH'), []);
    assert.deepEqual(spans('cd $HOME/$USER now'), []);
    assert.deepEqual(spans('set $PATH; then $HOME'), []);
    assert.deepEqual(spans('${HOME}/${USER}'), []);
  });

  it('treats an escaped dollar as a dollar, inside and outside math', () => {
    assert.deepEqual(spans('\\$5 and \\$10'), []);
    assert.deepEqual(spans('$\\$5 + x$'), ['I:\\$5 + x']);
    assert.equal(matchMath('$5 and \\$10', undefined), undefined);
  });

  it('stops at a backtick, so a code span holding a dollar stays a code span', () => {
    assert.equal(matchMath('$a `b$` c$', undefined), undefined);
    assert.equal(matchMath('\\(a `b\\)`', undefined), undefined);
  });

  it('finds nothing in unclosed delimiters (the streaming tail shows them as text)', () => {
    for (const text of ['$x + y', '$$\\frac{a}{b}', '$$x$', '\\(x', '\\[x^2', '$x\ny$']) assert.equal(matchMath(text, undefined), undefined, text);
    assert.equal(matchMath('$$a\n\nb$$', undefined), undefined, 'a blank line ends it');
  });

  it('looks no further than the length cap for a closer', () => {
    const tex = 'a'.repeat(maxMathSourceChars);
    assert.equal(matchMath(`\\(${tex}\\)`, undefined)?.tex, tex);
    assert.equal(matchMath(`\\(${tex}a\\)`, undefined), undefined);
    assert.equal(matchMath(`$$${tex}a$$`, undefined), undefined);
  });

  it('needs something between the delimiters, and no space inside a single dollar', () => {
    for (const text of ['$$$$', '$ x$', '$x $', '\\(  \\)', '\\[\\]']) assert.equal(matchMath(text, undefined), undefined, text);
  });

  it('takes \\[…\\] as math only when it looks like math, not escaped brackets', () => {
    assert.deepEqual(spans('a\\[0\\] and \\[link\\]'), []);
    assert.deepEqual(spans('\\[ x \\]'), ['D: x ']);
    assert.deepEqual(spans('\\[x^2\\]'), ['D:x^2']);
  });

  it('says where math could start, for the text runs in between', () => {
    assert.deepEqual(mathCandidates('abc'), []);
    assert.deepEqual(mathCandidates('ab $x$ \\(y\\) \\[z\\] \\x'), [3, 5, 7, 13]);
    assert.equal(firstCandidateFrom([3, 5, 7, 13], 0), 0);
    assert.equal(firstCandidateFrom([3, 5, 7, 13], 6), 2);
    assert.equal(firstCandidateFrom([3, 5, 7, 13], 15), 4);
  });

  it('writes math back as source with the delimiters an answer uses', () => {
    assert.equal(mathSource('x^2', false), '$x^2$');
    assert.equal(mathSource('x^2', true), '$$x^2$$');
  });
});
