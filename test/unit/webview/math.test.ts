import { MATHML, render, tagsAndAttributes, useKatex } from './mathSupport';
import * as assert from 'node:assert/strict';
import katex from 'katex';
import { extractCodeBlocks } from '../../../src/shared/codeBlocks';
import { mathLimits, registerMathEngine } from '../../../src/webview/mathRender';
import { drawPendingMath } from '../../../src/webview/mathLoader';
import { sanitizeToFragment } from '../../../src/webview/sanitize';

const texOf = (root: Element): string[] =>
  Array.from(root.querySelectorAll('annotation')).map((annotation) => annotation.textContent ?? '');

describe('math in answers', () => {
  beforeEach(() => useKatex());
  after(() => registerMathEngine(undefined));

  it('draws inline and display math as MathML, with the TeX kept in an annotation', () => {
    const container = render('Euler: $e^{i\\pi}+1=0$ and \\(x^2\\).\n\n$$\n\\frac{a}{b}\n$$\n\n\\[ \\sum_i i \\]\n');
    const inline = container.querySelectorAll('.math-inline math');
    const display = container.querySelectorAll('.math-display math');
    assert.equal(inline.length, 2);
    assert.equal(display.length, 2);
    for (const math of [...Array.from(inline), ...Array.from(display)]) assert.equal(math.namespaceURI, MATHML);
    assert.equal(display[0]!.getAttribute('display'), 'block');
    assert.deepEqual(texOf(container), ['e^{i\\pi}+1=0', 'x^2', '\n\\frac{a}{b}\n', ' \\sum_i i ']);
    assert.equal(container.querySelector('mfrac')?.namespaceURI, MATHML);
  });

  it('leaves prices, shell variables, escaped dollars and unclosed delimiters as text', () => {
    const text = 'It costs $5 and $10.\n\nRun `echo $HOME` or cd $HOME/$USER.\n\nA \\$5 fee, \\$10 more.\n\nUnclosed $x + y and \\(z here.\n';
    const container = render(text);
    assert.equal(container.querySelector('.math, math'), null);
    const shown = container.textContent ?? '';
    for (const part of ['It costs $5 and $10.', 'echo $HOME', 'cd $HOME/$USER.', 'A $5 fee, $10 more.', 'Unclosed $x + y and (z here.']) assert.ok(shown.includes(part), part);
  });

  it('never draws math inside code spans or fenced code', () => {
    const container = render('Use `$x$` here.\n\n```tex\n$$\\frac{a}{b}$$ and $y$\n```\n\n    $z$ indented\n');
    assert.equal(container.querySelector('math'), null);
    assert.equal(container.querySelector('code')?.textContent, '$x$');
    assert.match(container.querySelector('pre code')?.textContent ?? '', /\$\$\\frac\{a\}\{b\}\$\$ and \$y\$/);
  });

  it('keeps the code blocks the host numbers: math changes no block', () => {
    const text = '$$\n    x = 1\n$$\n\n```py\nprint("$a$")\n```\n\n\\[\n  y\n\\]\n\n    indented $b$\n';
    const container = render(text);
    assert.equal(container.querySelectorAll('.code-block').length, extractCodeBlocks(text).length);
    assert.equal(container.querySelectorAll('.math-display').length, 2);
  });

  it('works inside lists, tables, quotes and emphasis', () => {
    const container = render('- item $a$\n\n| h |\n|---|\n| $b$ |\n\n> quote $c$\n\n**bold $d$** and *$e$*\n');
    assert.deepEqual(texOf(container), ['a', 'b', 'c', 'd', 'e']);
  });

  it('shows TeX that does not parse as its plain source, with the error as a tooltip', () => {
    const container = render('Broken: $\\frac{a$ and fine $b$.');
    const error = container.querySelector('.math-error');
    assert.equal(error?.textContent, '$\\frac{a$');
    assert.match(error?.getAttribute('title') ?? '', /KaTeX parse error/);
    assert.deepEqual(texOf(container), ['b']);
  });

  it('takes no formula longer than the length cap: it stays text, KaTeX never sees it', () => {
    const engine = useKatex();
    const long = 'x+'.repeat(mathLimits.maxTexChars / 2) + 'x';
    const container = render(`$${long}$ and $${long.slice(0, mathLimits.maxTexChars - 1)}$`);
    assert.equal(container.querySelectorAll('math').length, 1, 'only the one within the cap');
    assert.ok(container.textContent?.startsWith(`$${long}$ and `));
    assert.deepEqual(engine.renders, [long.slice(0, mathLimits.maxTexChars - 1)]);
  });

  it('draws at most the per-block number of formulas as math; the rest show their source', () => {
    const many = Array.from({ length: mathLimits.maxExpressionsPerBlock + 50 }, (_, index) => `$x_${index % 10}$`).join(' ');
    const container = render(`${many}\n\nNext block: $y$`);
    const [first, second] = Array.from(container.querySelectorAll('p'));
    assert.equal(first!.querySelectorAll('.math').length, mathLimits.maxExpressionsPerBlock);
    assert.equal(first!.querySelectorAll('.math-source').length, 1, 'the first one past the count says why; the rest are text');
    assert.match(first!.querySelector('.math-source')?.getAttribute('title') ?? '', /more than 200 formulas/);
    assert.ok(first!.textContent?.endsWith(`$x_${(mathLimits.maxExpressionsPerBlock + 49) % 10}$`));
    assert.equal(second!.querySelectorAll('.math').length, 1, 'the next block counts afresh');
  });

  it('runs KaTeX once per distinct expression, however often it is drawn', () => {
    const engine = useKatex();
    render('$x^2$ and $x^2$ and $$x^2$$');
    render('again $x^2$');
    assert.deepEqual(engine.renders, ['x^2', 'x^2']); // inline once, display once
  });

  it('draws math as its source until KaTeX has loaded, then as math', () => {
    registerMathEngine(undefined);
    const container = render('Pending $a^2$ and $$b$$ here.');
    const pending = container.querySelectorAll('.math-pending');
    assert.equal(pending.length, 2);
    assert.equal(container.textContent?.trim(), 'Pending $a^2$ and $$b$$ here.');
    useKatex();
    assert.equal(drawPendingMath(container), 2);
    assert.equal(container.querySelector('.math-pending'), null);
    assert.deepEqual(texOf(container), ['a^2', 'b']);
    assert.equal(container.querySelectorAll('.math-display').length, 1);
  });
});

describe('math: hostile TeX is bounded and inert', () => {
  beforeEach(() => useKatex());
  after(() => registerMathEngine(undefined));

  const mathTags = new Set(['math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'mtext', 'mspace', 'mstyle', 'mpadded',
    'mphantom', 'mfrac', 'mroot', 'msqrt', 'msub', 'msup', 'msubsup', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'menclose']);

  function assertInert(container: Element): void {
    const { tags, attributes } = tagsAndAttributes(container);
    for (const tag of tags) assert.ok(mathTags.has(tag) || ['p', 'span'].includes(tag), `unexpected <${tag}>`);
    for (const name of ['href', 'src', 'style', 'id', 'xlink:href', 'onclick', 'onload', 'data-x', 'actiontype']) assert.ok(!attributes.has(name), `unexpected ${name}`);
    for (const element of Array.from(container.querySelectorAll('*'))) {
      const classes = Array.from(element.classList);
      assert.ok(classes.every((name) => /^(math|math-inline|math-display|math-source|math-error|katex)$/.test(name)), `unexpected class ${classes.join(' ')}`);
    }
  }

  const attacks: Record<string, string> = {
    href: '$\\href{javascript:alert(1)}{click}$',
    url: '$\\url{javascript:alert(1)}$',
    htmlClass: '$\\htmlClass{codicon-x}{y}$',
    htmlId: '$\\htmlId{app}{y}$',
    htmlStyle: '$\\htmlStyle{position:fixed;inset:0}{y}$',
    htmlData: '$\\htmlData{action=x}{y}$',
    includegraphics: '$\\includegraphics[height=1em]{https://evil.example/a.png}$',
    colorUrl: '$\\color{url(https://evil.example)}{x}$',
  };
  for (const [name, markdown] of Object.entries(attacks)) {
    it(`does nothing with ${name}`, () => assertInert(render(markdown)));
  }

  it('caps a huge \\rule and spaces at the size limit', () => {
    const container = render('$\\rule{100000em}{100000em}\\hspace{99999em}\\kern9999em x$');
    assertInert(container);
    for (const element of Array.from(container.querySelectorAll('mspace, mpadded'))) {
      for (const name of ['width', 'height', 'depth']) {
        const value = element.getAttribute(name);
        if (value === null) continue;
        assert.ok(Number.parseFloat(value) <= mathLimits.maxSizeEm, `${name}=${value}`);
      }
    }
  });

  it('stops a macro bomb and deep nesting without throwing, showing the source', () => {
    const bomb = '$\\def\\a{\\a\\a}\\a$';
    const deep = `$${'{'.repeat(900)}x${'}'.repeat(900)}$`;
    const container = render(`${bomb}\n\n${deep}\n\n$\\gdef\\x{y}$ then $\\x$`);
    assertInert(container);
    assert.equal(container.querySelector('p .math-error')?.textContent, bomb);
    assert.ok(container.querySelectorAll('p').length >= 2);
  });
});

describe('math: the sanitizer keeps only what KaTeX emits', () => {
  function sanitized(html: string): HTMLElement {
    const container = document.createElement('div');
    container.append(sanitizeToFragment(html));
    return container;
  }

  it('drops MathML that can hold HTML, act or load: annotation-xml, maction, mglyph, links', () => {
    const container = sanitized(
      '<span class="math"><math><semantics><mrow><mi href="javascript:alert(1)">x</mi>' +
        '<maction actiontype="statusline"><mi>a</mi><mtext>b</mtext></maction><mglyph src="https://evil.example/a.png"></mglyph></mrow>' +
        '<annotation-xml encoding="text/html"><img src="x" onerror="alert(1)"></annotation-xml>' +
        '<annotation encoding="application/x-tex">x</annotation></semantics></math></span>',
    );
    const { tags, attributes } = tagsAndAttributes(container);
    for (const tag of ['maction', 'mglyph', 'annotation-xml', 'img']) assert.ok(!tags.has(tag), tag);
    for (const name of ['href', 'src', 'onerror', 'actiontype']) assert.ok(!attributes.has(name), name);
    assert.equal(container.querySelector('mi')?.namespaceURI, MATHML);
    assert.equal(container.querySelector('annotation')?.getAttribute('encoding'), 'application/x-tex');
  });

  it('drops style on MathML, and MathML attributes on HTML elements', () => {
    const container = sanitized(
      '<math><mpadded style="position:fixed" width="1em" mathbackground="red"><mi>x</mi></mpadded></math>' +
        '<table><tbody><tr><td width="9999" mathcolor="red" display="none">a</td></tr></tbody></table><p height="1" notation="box">b</p>',
    );
    const mpadded = container.querySelector('mpadded');
    assert.equal(mpadded?.getAttribute('style'), null);
    assert.equal(mpadded?.getAttribute('width'), '1em');
    assert.equal(mpadded?.getAttribute('mathbackground'), 'red');
    for (const element of Array.from(container.querySelectorAll('td, p'))) assert.equal(element.attributes.length, 0, element.outerHTML);
  });

  it('keeps everything KaTeX emits for a wide range of TeX, less style and xmlns', () => {
    const corpus = [
      'x^2+y_1', '\\frac{a}{b}', '\\sqrt[3]{x}', '\\sum_{i=0}^n i^2', '\\int_0^\\infty e^{-x}\\,dx', '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}',
      '\\begin{aligned}a&=b\\\\&=c\\end{aligned}', '\\begin{cases}1&x>0\\\\0&\\text{else}\\end{cases}', '\\color{red}{x}', '\\colorbox{red}{x}',
      '\\boxed{x}', '\\rule{1em}{2em}', '\\hat{x}\\vec{v}\\overline{ab}\\underbrace{x}_{y}', '\\mathbb{R}\\mathcal{L}\\mathbf{v}', '\\left(\\frac{1}{2}\\right)',
      '\\binom{n}{k}', '\\lim_{x\\to 0}', '\\cancel{x}\\bcancel{y}\\xcancel{z}\\sout{w}', '\\hspace{3em}\\quad x', '\\phantom{x}\\mathllap{y}', '\\xrightarrow{abc}',
      '\\overset{a}{b}\\underset{c}{d}', '\\begin{array}{c|c}1&2\\\\\\hline 3&4\\end{array}', '\\tiny x \\Huge y', '\\texttt{x}\\textit{y}', 'a\\\\b', '\\tag{1} x',
      '\\displaystyle\\sum x', '\\stackrel{!}{=}', '\\raisebox{2pt}{x}', '\\smash{x}\\vphantom{y}', '\\not= \\neq', '\\operatorname{sgn} x',
    ];
    const plain = document.createElement('div');
    const html = corpus.map((tex) => katex.renderToString(tex, { output: 'mathml', displayMode: true, throwOnError: false, trust: false, strict: 'ignore' })).join('');
    plain.innerHTML = html; // unsanitized, to compare
    const pairs = (root: Element): string[] =>
      Array.from(root.querySelectorAll('math *, math')).flatMap((node) => [node.localName, ...Array.from(node.attributes).map((attribute) => `${node.localName}@${attribute.name}`)]);
    const expected = new Set(pairs(plain).filter((pair) => !/@(style|xmlns)$/.test(pair)));
    assert.ok(expected.has('mtable@columnalign') && expected.has('mstyle@mathcolor') && expected.has('menclose@notation'), 'the corpus is wide');
    assert.deepEqual(new Set(pairs(sanitized(html))), expected);
  });

  it('still drops SVG', () => {
    assert.equal(sanitized('<svg><a href="javascript:alert(1)"><text>x</text></a></svg>').querySelector('svg, a'), null);
  });
});
