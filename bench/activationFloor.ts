// The activation bench's yardstick: an extension that does nothing but require `vscode`,
// loaded and activated in the same window as ours (see activationBench.ts, activationProbe.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FLOOR_EXTENSION_ID = 'bench.activation-floor';

/**
 * An extension that does nothing but require `vscode`: what VS Code itself costs to load and
 * activate any extension (its API object for the extension is built on that first require).
 */
export function writeFloorExtension(extensionsDir: string): string {
  const folder = join(extensionsDir, `${FLOOR_EXTENSION_ID}-0.0.0`);
  mkdirSync(folder, { recursive: true });
  const [publisher, name] = FLOOR_EXTENSION_ID.split('.') as [string, string];
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ name, publisher, version: '0.0.0', engines: { vscode: '^1.90.0' }, main: './extension.js', activationEvents: [] }),
  );
  writeFileSync(join(folder, 'extension.js'), "'use strict';\nrequire('vscode');\nexports.activate = () => undefined;\n");
  return folder;
}

