import assert from 'node:assert/strict';
import { extractCodeBlocks } from '../../../src/shared/codeBlocks';
import { IncrementalPlanner, planMarkdown, renderLimits, type RenderSegment } from '../../../src/shared/renderPlan';
import { mixedPathologicalAnswer, pathologicalCases } from '../../support/pathologicalAnswers';

/** Segments must cover the text exactly, in order, without gaps. */
function assertCovers(segments: readonly RenderSegment[], text: string): void {
  let at = 0;
  for (const segment of segments) {
    assert.equal(segment.start, at, 'segments are contiguous');
    assert.ok(segment.end > segment.start, 'no empty segment');
    at = segment.end;
  }
  assert.equal(at, text.length, 'segments cover the whole text');
}

const normalAnswers: Record<string, string> = {
  prose: 'Hello **world**, this is *markdown* with `code` and a [link](https://example.com).\n\n## Heading\n\nMore text.',
  code: 'Here:\n```ts\nconst a = 1;\n\n\nconst b = a * 2; // **not emphasis**\n```\n\nAnd after.',
  lists: '- one\n- two\n  - nested **bold**\n    - deeper\n\n1. first\n2. second\n',
  glossary: Array.from({ length: 400 }, (_, index) => `- **term_${index}**: what it means`).join('\n'),
  table: '| a | b |\n|---|---|\n' + '| `x` | **y** |\n'.repeat(300),
  quote: '> quoted\n> > nested quote\n\ntext',
  longCode: '```py\n' + 'print("a line of code")\n'.repeat(5_000) + '```\n',
  tildes: '~~~\n' + '*'.repeat(20_000) + '\n~~~\n',
};

describe('planMarkdown', () => {
  for (const [name, text] of Object.entries(normalAnswers)) {
    it(`keeps an ordinary answer as one markdown segment: ${name}`, () => {
      assert.deepEqual(planMarkdown(text), [{ kind: 'markdown', start: 0, end: text.length }]);
    });
  }

  it('has no segments for empty text', () => {
    assert.deepEqual(planMarkdown(''), []);
  });

  for (const testCase of pathologicalCases) {
    it(`shows the issue's case as plain text: ${testCase.name}`, () => {
      const text = `Before.\n\n${testCase.build(testCase.full)}\n\nAfter.`;
      const segments = planMarkdown(text);
      assertCovers(segments, text);
      const plain = segments.filter((segment) => segment.kind === 'plain');
      if (testCase.name === 'asterisks') {
        // A lone line of 50,000 asterisks is a thematic break, cheap to parse; still too long a line.
        assert.equal(plain[0]?.reason, 'long');
      }
      assert.ok(plain.length >= 1, 'a plain segment');
      assert.equal(segments[0]!.kind, 'markdown');
      assert.equal(segments.at(-1)!.kind, 'markdown');
      assert.ok(text.slice(segments.at(-1)!.start).includes('After.'));
    });
  }

  it('says why: nesting or length', () => {
    assert.equal(planMarkdown(`${'>'.repeat(5_000)} x`)[0]!.reason, 'nested');
    assert.equal(planMarkdown(`${'- '.repeat(100)}x`)[0]!.reason, 'nested');
    assert.equal(planMarkdown('a'.repeat(renderLimits.maxLineChars + 1))[0]!.reason, 'long');
    assert.equal(planMarkdown('[a]('.repeat(20_000))[0]!.reason, 'long');
    assert.equal(planMarkdown('_*x'.repeat(renderLimits.maxEmphasisDelimiters))[0]!.reason, 'long');
  });

  it('does not cut a fenced code block at its blank lines, and checks prose after it', () => {
    const text = '```\na\n\n\nb\n```\n\n' + 'x'.repeat(renderLimits.maxLineChars + 1);
    const segments = planMarkdown(text);
    assert.deepEqual(segments.map((segment) => segment.kind), ['markdown', 'plain']);
    assert.equal(text.slice(segments[1]!.start), 'x'.repeat(renderLimits.maxLineChars + 1));
  });

  it('does not take an indented or HTML-wrapped fence as code: what follows is still checked', () => {
    const long = 'y'.repeat(renderLimits.maxLineChars + 1);
    // The parser ends this list item (and its fence) at the unindented line.
    assert.ok(planMarkdown(`- a\n\n  \`\`\`\n  x\n${long}`).some((segment) => segment.kind === 'plain'));
    // In an HTML block the parser sees no fence before the blank line.
    assert.ok(planMarkdown(`<div>\n\`\`\`\n\n${long}`).some((segment) => segment.kind === 'plain'));
  });

  it('shows a code block past the size limit as plain text', () => {
    const text = '```\n' + 'x\n'.repeat(renderLimits.maxCodeBlockChars / 2 + 10) + '```\n';
    assert.equal(planMarkdown(text)[0]!.kind, 'plain');
  });

  it('counts emphasis per list item, not per list', () => {
    const text = Array.from({ length: 600 }, (_, index) => `- **a${index}** and _b_`).join('\n');
    assert.equal(planMarkdown(text).length, 1);
    assert.equal(planMarkdown(text)[0]!.kind, 'markdown');
  });

  it('plans a growing text incrementally exactly as in one pass', () => {
    const text = mixedPathologicalAnswer();
    const planner = new IncrementalPlanner();
    for (let at = 0; at < text.length; at += 1 + (at % 1_013)) {
      const prefix = text.slice(0, at);
      assert.deepEqual(planner.plan(prefix), planMarkdown(prefix), `prefix of ${at}`);
    }
    assert.deepEqual(planner.plan(text), planMarkdown(text));
  });

  it('looks only at the appended text and the line it continues, even inside one long chunk or fence', () => {
    for (const [name, text] of Object.entries({ ...normalAnswers, mixed: mixedPathologicalAnswer() })) {
      const planner = new IncrementalPlanner();
      let scanned = 0;
      let previous = 0;
      for (let at = 7; at < text.length + 7; at += 7) {
        const prefix = text.slice(0, Math.min(at, text.length));
        const openLine = prefix.length - (text.lastIndexOf('\n', previous - 1) + 1);
        const segments = planner.plan(prefix);
        assert.ok(planner.lastScanned <= openLine, `${name}: scanned ${planner.lastScanned} for ${prefix.length - previous} appended`);
        scanned += planner.lastScanned;
        previous = prefix.length;
        if (at % 701 === 0) assert.deepEqual(segments, planMarkdown(prefix), `${name}: prefix of ${prefix.length}`);
      }
      assert.deepEqual(planner.plan(text), planMarkdown(text), name);
      const longestLine = Math.max(...text.split('\n').map((line) => line.length));
      assert.ok(scanned <= text.length + (text.length / 7 + 1) * Math.min(longestLine, text.length), `${name}: ${scanned} scanned in all`);
    }
  });
});

describe('extractCodeBlocks on answers the parser cannot handle', () => {
  it('does not throw and finds the blocks around the plain parts', () => {
    assert.deepEqual(extractCodeBlocks(mixedPathologicalAnswer()), [
      { language: 'js', code: 'console.log("block 1");' },
      { language: 'py', code: 'print("block 2")' },
      { language: 'ts', code: 'const last = 3;' },
    ]);
  });
});
