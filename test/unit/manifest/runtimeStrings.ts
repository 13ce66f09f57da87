// Every runtime string the extension shows, found statically in src/: the first argument of
// `vscode.l10n.t(…)` / `l10n.t(…)` (host) and of `t(…)` in files importing `t` from core's or
// shared's l10n module (core, shared, the panel). A call whose first argument is not one plain
// literal cannot be found this way, so it is reported too (`dynamic`).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface FoundString {
  key: string;
  /** `src/…/file.ts:line`, for the report. */
  where: string;
}

export interface Extraction {
  strings: FoundString[];
  /** Calls whose message is not a single literal: `src/…:line`. */
  dynamic: string[];
}

/** The translator's own wrapper passes a variable on purpose. */
const DYNAMIC_ALLOWED = new Set(['src/host/localization.ts']);

const LITERAL = String.raw`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\`(?:[^\`\\$]|\\.|\$(?!\{))*\``;
const HOST_CALL = /\bl10n\.t\(\s*/g;
const BARE_CALL = /(?<![\w.$])t\(\s*/g;
const IMPORTS_T = /import\s*\{[^}]*\bt\b[^}]*\}\s*from\s*'[./]*(?:core|shared)?\/?l10n'/;

export function extractStrings(repositoryRoot: string): Extraction {
  const strings: FoundString[] = [];
  const dynamic: string[] = [];
  const src = join(repositoryRoot, 'src');
  for (const name of readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts')).sort()) {
    const file = relative(repositoryRoot, join(src, name)).split('\\').join('/');
    const text = readFileSync(join(src, name), 'utf8');
    const patterns = IMPORTS_T.test(text) ? [HOST_CALL, BARE_CALL] : [HOST_CALL];
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const start = match.index + match[0].length;
        const where = `${file}:${text.slice(0, match.index).split('\n').length}`;
        const literal = new RegExp(`^(?:${LITERAL})\\s*[,)]`).exec(text.slice(start));
        if (!literal) {
          if (!DYNAMIC_ALLOWED.has(file)) dynamic.push(where);
          continue;
        }
        strings.push({ key: unquote(literal[0].replace(/\s*[,)]$/, '')), where });
      }
    }
  }
  return { strings, dynamic };
}

function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  // The escapes TypeScript source uses in messages; JSON reads them once quotes are settled.
  const json = body.replace(/\\(['`])/g, '$1').replace(/(?<!\\)"/g, '\\"');
  return JSON.parse(`"${json}"`) as string;
}

/** `{0}`, `{1}`… a message holds, sorted and without repeats. */
export function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\d+\}/g)].map((match) => match[0]))].sort();
}
