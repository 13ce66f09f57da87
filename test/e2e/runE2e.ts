// End-to-end: a person's flows in a real VS Code (code-server) in headless chromium, with the
// packaged extension (completions-chat.vsix) installed into a fresh profile, against a loopback
// server that speaks the Chat Completions API. Screenshots of each flow's end state go to
// test-results/e2e/; a failure adds a -FAILED screenshot and log beside it.
//
// Usage: `npm run test:e2e` (builds, packages, then runs this file).
// Environment: COMPLETIONS_CHAT_E2E_GREP runs only the flows whose name contains it (or one of
// its `|`-separated parts);
// COMPLETIONS_CHAT_E2E_KEEP=1 keeps the temp folder (profile, logs, workspace) after a pass.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/codeServer';
import { createEnvironment, type E2eEnvironment } from './environment';
import { askAboutSelectionFlow } from './flows/askAboutSelection';
import { attachFileFlow } from './flows/attachFile';
import { candidatesFlow } from './flows/candidates';
import { chatFlow } from './flows/chat';
import { customPromptFlow } from './flows/customPrompt';
import { errorsFlow } from './flows/errors';
import { firstRunFlow } from './flows/firstRun';
import { generatedImageFlow } from './flows/generatedImage';
import { historyFlow } from './flows/history';
import { hostileSettingFlow } from './flows/hostileSetting';
import { imageAttachmentFlow } from './flows/imageAttachment';
import { insertCodeFlow } from './flows/insertCode';
import { jsonModeFlow } from './flows/jsonMode';
import { keyboardOnlyFlow } from './flows/keyboardOnly';
import { mathFlow } from './flows/math';
import { multiTurnFlow } from './flows/multiTurn';
import { oversizedAnswerFlow } from './flows/oversizedAnswer';
import { pathologicalAnswerFlow } from './flows/pathologicalAnswer';
import { reloadFlow } from './flows/reload';
import { reloadAfterAnswerFlow } from './flows/reloadAfterAnswer';
import { reloadRightAfterMessageFlow } from './flows/reloadRightAfterMessage';
import { showDiffFlow } from './flows/showDiff';
import { sourcesFlow } from './flows/sources';
import { stopFlow } from './flows/stop';
import { followAnswerFlow } from './flows/followAnswer';
import { usageFlow } from './flows/usage';
// Issue 11: edit and resend, Continue.
import { continueAnswerFlow } from './flows/continueAnswer';
import { editResendFlow } from './flows/editResend';
import { webExtensionFlow } from './flows/webExtension';
import { endpointProfilesFlow } from './flows/endpointProfiles';
import { logFilesNamed, runFlows, type Flow } from './harness';
import { Workbench } from './workbench';

const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');
const log = (line: string) => console.log(`[e2e] ${line}`);

/** In the order a person would meet them; each flow stands on its own (state is reset or checked). */
const FLOWS: readonly Flow[] = [
  firstRunFlow,
  chatFlow,
  askAboutSelectionFlow,
  insertCodeFlow,
  customPromptFlow,
  showDiffFlow,
  multiTurnFlow,
  stopFlow,
  followAnswerFlow,
  errorsFlow,
  reloadFlow,
  reloadAfterAnswerFlow,
  reloadRightAfterMessageFlow,
  candidatesFlow,
  jsonModeFlow,
  imageAttachmentFlow,
  // --- context items (issue 11: more context) ---
  attachFileFlow,
  generatedImageFlow,
  usageFlow,
  sourcesFlow,
  mathFlow,
  hostileSettingFlow,
  oversizedAnswerFlow,
  pathologicalAnswerFlow,
  keyboardOnlyFlow,
  // Issue 11.
  historyFlow,
  // Issue 11: edit and resend, Continue.
  editResendFlow,
  continueAnswerFlow,
  // Issue 12: endpoint profiles (after the history: it reopens a conversation from there).
  endpointProfilesFlow,
  // The web extension (browser entry) in the web worker extension host, in a window of its own.
  webExtensionFlow,
];

async function main(): Promise<number> {
  const grep = process.env.COMPLETIONS_CHAT_E2E_GREP;
  const parts = grep?.split('|').filter(Boolean) ?? [];
  const flows = parts.length > 0 ? FLOWS.filter((flow) => parts.some((part) => flow.name.includes(part))) : FLOWS;
  if (flows.length === 0) throw new Error(`no flow matches COMPLETIONS_CHAT_E2E_GREP=${grep}`);
  rmSync(RESULTS_DIR, { recursive: true, force: true });

  const started = Date.now();
  const env = await createEnvironment(log);
  let summary = { passed: 0, failed: flows.length };
  try {
    await openWorkbench(env);
    log(`workbench ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    summary = await runFlows(flows, env, RESULTS_DIR);
  } finally {
    const keep = summary.failed > 0 || process.env.COMPLETIONS_CHAT_E2E_KEEP === '1';
    await env.close(keep);
    if (keep) log(`kept ${env.tempRoot} (profile, logs, workspace) for a look`);
  }
  log(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${RESULTS_DIR}`);
  console.log(`${summary.passed} passed, ${summary.failed} failed`);
  return summary.failed === 0 ? 0 : 1;
}

async function openWorkbench(env: E2eEnvironment): Promise<void> {
  try {
    const workbench = new Workbench(env.page);
    await workbench.open(env.workbenchUrl);
    await workbench.resizeSideBar(460);
  } catch (error) {
    console.error(`--- code-server output ---\n${env.server.logTail(60)}`);
    console.error(`--- extension host log ---\n${logFilesNamed(env.userDataDir, (name) => name === 'remoteexthost.log', 25)}`);
    await env.page.screenshot({ path: join(RESULTS_DIR, 'workbench-FAILED.png') }).catch(() => undefined);
    throw new Error(`the workbench did not open: ${error instanceof Error ? error.message : String(error)}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[e2e] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
