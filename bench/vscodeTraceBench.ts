// Where a streamed answer's main-thread time goes in a real VS Code: the same rounds as
// `npm run bench:vscode` (the packaged extension in code-server, headless chromium, a loopback
// server), each recorded from the answer's release to its last paint, and summarised as self time
// by trace event (COMPLETIONS_CHAT_TRACE_MODE=trace, the default) or by script function (=profile).
// Recording costs the page time of its own: compare rounds of one run, not with bench:vscode.
//
//   npm run bench:trace
//   COMPLETIONS_CHAT_TRACE_ROUNDS=paced,one,held COMPLETIONS_CHAT_TRACE_MODE=profile npm run bench:trace
//
// Rounds: `paced` (50 KB in 5,000 deltas, one a ms), `one` (the answer in one delta), `held` (the
// same 5-s wait, then one delta), `model` (5 KB at a model's pace, 100 tokens a second for 5 s),
// `history` (a paced answer under a 500-message, 2 MB conversation).
import { ChatPanel } from '../test/e2e/chatPanel';
import { createEnvironment, type E2eEnvironment } from '../test/e2e/environment';
import { Workbench } from '../test/e2e/workbench';
import { runRound, type Meter, type RoundSpec } from './vscode/answerRound';
import { buildAnswer, splitInto } from './vscode/benchContent';
import { seedHistory } from './vscode/historySeed';
import { startProfile, startTrace, type Recording } from './vscode/mainThreadTrace';

const log = (line: string) => console.log(`[bench:trace] ${line}`);
const rounds = (process.env.COMPLETIONS_CHAT_TRACE_ROUNDS ?? 'paced,one,held').split(',').map((name) => name.trim());
const mode = process.env.COMPLETIONS_CHAT_TRACE_MODE === 'profile' ? 'profile' : 'trace';

async function newMeter(env: E2eEnvironment): Promise<Meter> {
  const session = await env.page.context().newCDPSession(env.page);
  await session.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { sessions: [session], extensionHostPid: () => undefined };
}

async function seededHistory(env: E2eEnvironment, workbench: Workbench, chat: ChatPanel): Promise<number> {
  const seeded = seedHistory(env.userDataDir, 500, 2_000_000);
  await workbench.reloadWindow();
  await workbench.showViewContainer('Completions Chat', () => chat.isShown());
  const frame = await chat.frame(180_000);
  // Every entry there and every older answer drawn (in idle time), so that work is not recorded.
  await frame.waitForFunction(() => document.querySelectorAll('article.entry').length >= 500 && document.querySelector('.entry-pending') === null, undefined, { timeout: 300_000, polling: 500 });
  return Math.ceil(seeded.messages / 2);
}

async function main(): Promise<void> {
  const env = await createEnvironment(log);
  try {
    const workbench = new Workbench(env.page);
    const chat = new ChatPanel(env.page);
    await workbench.open(env.workbenchUrl);
    await workbench.resizeSideBar(460);
    await workbench.showViewContainer('Completions Chat', () => chat.isShown());
    let meter = await newMeter(env);
    const answer = buildAnswer(50_000);
    const paced = splitInto(answer, 5_000);
    let answers = 0;
    const round = async (name: string, spec: Omit<RoundSpec, 'answerCount' | 'timeoutMs' | 'hooks'>, keep = false) => {
      if (!keep && answers > 0) await chat.newConversation();
      answers = keep ? answers + 1 : 1;
      let stop: Recording | undefined;
      const session = meter.sessions[0]!;
      const hooks = { before: async () => void (stop = await (mode === 'profile' ? startProfile(session) : startTrace(session))), after: async () => log(`${name}:\n  ${(await stop!()).join('\n  ')}`) };
      const result = await runRound(env.api, chat, meter, { ...spec, answerCount: answers, timeoutMs: 120_000, hooks }, `trace question ${name}`);
      log(`${name}: main thread ${result.mainThreadMs.toFixed(0)} ms (script ${result.parts.script.toFixed(0)}, layout ${result.parts.layout.toFixed(0)}, style ${result.parts.style.toFixed(0)}), ${result.messages} messages, wall ${result.wallMs} ms`);
    };
    // Not recorded: the first answer pays for compiling the code paths.
    await runRound(env.api, chat, meter, { deltas: paced, answerCount: 1, timeoutMs: 120_000 }, 'warm-up');
    answers = 1;
    for (const name of rounds) {
      if (name === 'paced') await round(name, { deltas: paced, tokenDelayMs: 1, keepPace: true });
      else if (name === 'one') await round(name, { deltas: [answer] });
      else if (name === 'model') await round(name, { deltas: splitInto(buildAnswer(5_000), 500), tokenDelayMs: 10, keepPace: true });
      else if (name === 'held') await round(name, { deltas: [answer], holdMs: paced.length });
      else if (name === 'history') {
        answers = await seededHistory(env, workbench, chat);
        meter = await newMeter(env);
        await round(name, { deltas: paced, tokenDelayMs: 1, keepPace: true }, true);
      } else log(`unknown round "${name}" (paced, one, held, model, history)`);
    }
  } finally {
    await env.close(false).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench:trace] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
