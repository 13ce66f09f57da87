// Runs the integration suite in desktop VS Code through @vscode/test-electron, which downloads
// VS Code: for machines with internet access. Offline (CI here) use `npm run test:integration`,
// which runs the same suite in code-server.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

// Compiled to out/test/runElectron.js: the repository is two folders up.
const repoRoot = resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const tempRoot = mkdtempSync(join(tmpdir(), 'completions-chat-electron-'));
  const workspace = join(tempRoot, 'workspace');
  cpSync(join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      // COMPLETIONS_CHAT_VSCODE_VERSION picks a VS Code ('stable', 'insiders' or '1.100.3').
      version: process.env.COMPLETIONS_CHAT_VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        join(tempRoot, 'user-data'),
      ],
    });
  } finally {
    rmSync(tempRoot, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`[integration:electron] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
