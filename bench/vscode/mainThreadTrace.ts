// What the workbench page's renderer main thread spent its time on between two moments: Chrome's
// trace through CDP (streamed back, so taking it costs the page little), summed as self time by
// event name (a script's outermost function is named by its file and function), or a sampling CPU
// profile of the page's scripts. For finding where a streamed answer's frames go; `npm run
// bench:trace` prints it for chosen rounds.
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; type?: string } };
}

/** Starts recording; the returned function stops it and returns the summary's lines. */
export type Recording = () => Promise<string[]>;

const CATEGORIES = 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline';

export async function startTrace(session: CDPSession, top = 20): Promise<Recording> {
  await session.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReturnAsStream' });
  return async () => {
    const done = new Promise<string | undefined>((resolve) => session.once('Tracing.tracingComplete', (event) => resolve(event.stream)));
    await session.send('Tracing.end');
    const stream = await done;
    if (!stream) return ['no trace came back'];
    let text = '';
    for (;;) {
      const chunk = await session.send('IO.read', { handle: stream, size: 1 << 20 });
      text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
      if (chunk.eof) break;
    }
    await session.send('IO.close', { handle: stream });
    const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
    return selfTimes(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []), top);
  };
}

function eventName(event: TraceEvent): string {
  const data = event.args?.data;
  if (event.name === 'FunctionCall') return `FunctionCall ${(data?.url ?? '').split('/').slice(-2).join('/').split('?')[0]} ${data?.functionName ?? ''}`.trim();
  if (event.name === 'EventDispatch') return `EventDispatch ${data?.type ?? ''}`;
  return event.name;
}

/** Self time by event name on each renderer main thread, biggest first. */
function selfTimes(events: TraceEvent[], top: number): string[] {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || event.dur === undefined || !mains.has(thread)) continue;
    byThread.set(thread, [...(byThread.get(thread) ?? []), event]);
  }
  const lines: string[] = [];
  for (const [thread, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const self = new Map<string, { ms: number; count: number }>();
    const stack: { event: TraceEvent; children: number }[] = [];
    let total = 0;
    const close = () => {
      const { event, children } = stack.pop()!;
      const entry = self.get(eventName(event)) ?? { ms: 0, count: 0 };
      entry.ms += (event.dur! - children) / 1000;
      entry.count++;
      self.set(eventName(event), entry);
    };
    for (const event of list) {
      while (stack.length && stack.at(-1)!.event.ts + stack.at(-1)!.event.dur! <= event.ts) close();
      if (stack.length) stack.at(-1)!.children += event.dur!;
      else total += event.dur! / 1000;
      stack.push({ event, children: 0 });
    }
    while (stack.length) close();
    if (total < 20) continue;
    lines.push(`renderer main thread ${thread}: ${total.toFixed(0)} ms in top-level tasks; self time by event:`);
    for (const [name, entry] of [...self].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) lines.push(`  ${entry.ms.toFixed(1).padStart(8)} ms ${String(entry.count).padStart(6)}× ${name}`);
  }
  return lines;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

/** A sampling CPU profile of the page's scripts: self time by function. */
export async function startProfile(session: CDPSession, top = 30): Promise<Recording> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 500 });
  await session.send('Profiler.start');
  return async () => {
    const { profile } = await session.send('Profiler.stop');
    const { nodes, samples = [], timeDeltas = [] } = profile as unknown as { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] };
    const byNode = new Map<number, number>();
    samples.forEach((id, index) => byNode.set(id, (byNode.get(id) ?? 0) + (timeDeltas[index] ?? 0) / 1000));
    const self = new Map<string, number>();
    for (const node of nodes) {
      const frame = node.callFrame;
      const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()?.split('?')[0] ?? ''}:${frame.lineNumber}:${frame.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + (byNode.get(node.id) ?? 0));
    }
    const rows = [...self].filter(([key]) => !key.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top);
    return ['self time by function (minified names: dist/*.js.map maps them back):', ...rows.map(([key, ms]) => `  ${ms.toFixed(1).padStart(8)} ms ${key}`)];
  };
}
