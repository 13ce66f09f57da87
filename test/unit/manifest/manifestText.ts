// package.json with its `%key%` strings looked up in package.nls.json (or a translation), as
// VS Code shows them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repositoryRoot = join(__dirname, '..', '..', '..', '..');

export function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(repositoryRoot, name), 'utf8')) as T;
}

/** A copy of `value` with every `%key%` string replaced by its text in `strings`. */
export function localized<T>(value: T, strings: Record<string, string>): T {
  return JSON.parse(JSON.stringify(value), (_, item: unknown) => {
    const key = typeof item === 'string' ? /^%([\w.-]+)%$/.exec(item)?.[1] : undefined;
    return key !== undefined && key in strings ? strings[key] : item;
  }) as T;
}
