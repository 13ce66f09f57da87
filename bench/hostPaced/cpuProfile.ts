// A CPU profile of part of the bench through the inspector (no flags needed), summed into the
// functions with the most self time, grouped by file so our code and Node's own stand apart.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
}

/** Runs `work` under the profiler; writes the .cpuprofile to `path` and returns the top lines. */
export async function profiled(path: string, work: () => Promise<void>, top = 25): Promise<string[]> {
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  await post(session, 'Profiler.start');
  let profile: Profile;
  try {
    await work();
  } finally {
    profile = (await post<{ profile: Profile }>(session, 'Profiler.stop')).profile;
    session.disconnect();
  }
  writeFileSync(path, JSON.stringify(profile));
  return summarize(profile, top);
}

function place(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/(out|node_modules)\//, '$1/');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

function summarize(profile: Profile, top: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!);
    const delta = profile.timeDeltas[i + 1] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') continue;
    total += delta;
    const name = place(node);
    selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
    const url = node.callFrame.url;
    const group = url === '' ? `(${node.callFrame.functionName})` : url.includes('/out/') ? 'ours (out/)' : url.includes('node_modules') ? 'node_modules' : 'node: internals';
    byFile.set(group, (byFile.get(group) ?? 0) + delta);
  }
  const ms = (us: number): string => `${(us / 1000).toFixed(1).padStart(8)} ms`;
  const lines = [`busy (not idle) ${ms(total)} in the profile`, 'by origin:'];
  for (const [group, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 8)) lines.push(`  ${ms(us)} ${((us / total) * 100).toFixed(1).padStart(5)}%  ${group}`);
  lines.push('top self time:');
  for (const [name, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${ms(us)} ${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  return lines;
}
