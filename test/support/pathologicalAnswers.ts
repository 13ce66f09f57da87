// Answers the markdown parser cannot handle, from issue 8, each with a builder so a test or a
// benchmark can make it at any size. `full` is the size the issue names; `growth` the sizes
// the benchmark climbs through to show how the cost grows.

export interface PathologicalCase {
  name: string;
  build(size: number): string;
  full: number;
  growth: number[];
}

/** `size` list items, each nested one level (two more spaces) deeper than the one before. */
function nestedList(size: number): string {
  const lines: string[] = [];
  for (let depth = 0; depth < size; depth++) lines.push(`${'  '.repeat(depth)}- item ${depth}`);
  return lines.join('\n');
}

export const pathologicalCases: PathologicalCase[] = [
  { name: 'nested quotes', build: (size) => `${'>'.repeat(size)} deep`, full: 5_000, growth: [250, 500, 1_000, 2_000, 5_000] },
  { name: 'nested quote lines', build: (size) => Array.from({ length: size }, (_, depth) => `${'>'.repeat(depth + 1)} line`).join('\n'), full: 5_000, growth: [100, 200, 400] },
  { name: 'nested list items', build: nestedList, full: 3_000, growth: [100, 200, 400] },
  { name: 'list markers in a line', build: (size) => `${'- '.repeat(size)}deep`, full: 3_000, growth: [250, 500, 1_000, 2_000, 3_000] },
  { name: 'asterisks', build: (size) => '*'.repeat(size), full: 50_000, growth: [12_500, 50_000] },
  { name: 'asterisk-letter pairs', build: (size) => '*a'.repeat(size), full: 50_000, growth: [5_000, 20_000, 50_000] },
  { name: 'open links', build: (size) => '[a]('.repeat(size), full: 20_000, growth: [5_000, 20_000] },
  { name: 'single 5 MB line', build: (size) => 'word '.repeat(size / 5), full: 5_000_000, growth: [500_000, 5_000_000] },
  { name: '50,000-line code block', build: (size) => '```ts\n' + 'const value: number = compute(1, "two", [3]);\n'.repeat(size) + '```\n', full: 50_000, growth: [5_000, 50_000] },
];

/**
 * A model answer made of a few cases, between ordinary paragraphs and code blocks (e2e, tests):
 * about 160 KB, well under the answer size cap, so a whole one streams.
 */
export function mixedPathologicalAnswer(): string {
  return [
    'Here is the first part, drawn as usual.',
    '```js\nconsole.log("block 1");\n```',
    `${'>'.repeat(5_000)} deep`,
    'A paragraph between the bad parts.',
    `x${'*'.repeat(50_000)}`,
    '```py\nprint("block 2")\n```',
    '[a]('.repeat(20_000),
    `${'- '.repeat(3_000)}deep`,
    '```ts\nconst last = 3;\n```',
    'The end, drawn as usual.',
  ].join('\n\n');
}
