// COMPLETIONS_CHAT_BENCH_TRACE_OPEN=FILE: Chrome's trace of one reopening of the panel, to see
// what the first frame of a reopened panel waits for. The workbench page's renderer runs the
// webview frames too, so its main thread's tasks between the click and the first drawing are
// printed in time order (with the biggest events inside each), relative to the webview's
// `completionsChat.ready` mark and the bench's `bench.state` / `bench.drawn` marks; the whole
// trace goes to FILE for chrome://tracing or DevTools.
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; functionName?: string; frame?: string; type?: string }; name?: string };
}

/** Starts tracing; the returned function stops it and returns the summary's lines. */
export async function startOpenTrace(session: CDPSession, file: string): Promise<() => Promise<string[]>> {
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  await session.send('Tracing.start', {
    categories: 'devtools.timeline,blink.user_timing,v8.execute,disabled-by-default-devtools.timeline,toplevel,disabled-by-default-blink.debug',
    transferMode: 'ReportEvents',
  });
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 250 });
  await session.send('Profiler.start');
  return async () => {
    const { profile } = await session.send('Profiler.stop');
    const done = new Promise<void>((resolve) => session.once('Tracing.tracingComplete', () => resolve()));
    await session.send('Tracing.end');
    await done;
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
    writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
    return [...summarize(events), ...selectorStats(events), 'self time by function (all frames of the page):', ...topSelf(profile)];
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time by function of a CPU profile, the top 30, in ms. */
function topSelf(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): string[] {
  const byNode = new Map<number, number>();
  (profile.samples ?? []).forEach((id, index) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas?.[index] ?? 0) / 1000));
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()?.split('?')[0] ?? ''}:${frame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (byNode.get(node.id) ?? 0));
  }
  return [...self].filter(([key]) => !key.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 30).map(([key, ms]) => `  ${ms.toFixed(1)} ms ${key}`);
}

/** Style recalculation's most expensive selectors, when the trace has them (SelectorStats). */
function selectorStats(events: TraceEvent[]): string[] {
  const total = new Map<string, { us: number; attempts: number; matches: number }>();
  for (const event of events) {
    const timings = (event.args as { selector_stats?: { selector_timings?: { selector: string; 'elapsed (us)': number; match_attempts: number; match_count: number }[] } } | undefined)?.selector_stats?.selector_timings;
    if (!timings) continue;
    for (const timing of timings) {
      const entry = total.get(timing.selector) ?? { us: 0, attempts: 0, matches: 0 };
      entry.us += timing['elapsed (us)'];
      entry.attempts += timing.match_attempts;
      entry.matches += timing.match_count;
      total.set(timing.selector, entry);
    }
  }
  if (total.size === 0) return [];
  return ['selectors by time spent matching:', ...[...total].sort((a, b) => b[1].us - a[1].us).slice(0, 15).map(([selector, t]) => `  ${(t.us / 1000).toFixed(1)} ms ${t.attempts} attempts ${t.matches} matches ${selector.slice(0, 120)}`)];
}

/** A short name for an event: what script ran, what was laid out. */
function label(event: TraceEvent): string {
  const data = event.args?.data;
  if (event.name === 'FunctionCall' || event.name === 'EvaluateScript') return `${event.name} ${(data?.url ?? '').split('/').pop()?.split('?')[0] ?? ''}:${data?.functionName ?? ''}`;
  if (event.name === 'EventDispatch') return `EventDispatch ${data?.type ?? ''}`;
  return event.name;
}

function summarize(events: TraceEvent[]): string[] {
  const marks = events.filter((e) => e.cat.includes('user_timing') && /completionsChat\.ready|bench\./.test(e.name));
  const threads = new Map<string, number>();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name === 'CrRendererMain') threads.set(`${e.pid}:${e.tid}`, 0);
  const onMain = (e: TraceEvent) => threads.has(`${e.pid}:${e.tid}`);
  const zero = marks.find((m) => m.name === 'completionsChat.ready')?.ts ?? events.find((e) => e.ph === 'X')?.ts ?? 0;
  const at = (ts: number) => `${((ts - zero) / 1000).toFixed(1).padStart(7)} ms`;
  const lines = marks.map((m) => `${at(m.ts)}  mark ${m.name}`);
  const tasks = events.filter((e) => onMain(e) && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && (e.dur ?? 0) >= 3000);
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    const inside = new Map<string, number>();
    for (const e of events) {
      if (e === task || !onMain(e) || e.ph !== 'X' || e.ts < task.ts || e.ts >= end || e.dur === undefined) continue;
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
      inside.set(label(e), (inside.get(label(e)) ?? 0) + e.dur / 1000);
    }
    const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, ms]) => `${name} ${ms.toFixed(1)}`);
    lines.push(`${at(task.ts)}  task ${(task.dur! / 1000).toFixed(1)} ms: ${top.join(' · ')}`);
  }
  return lines.sort((a, b) => parseFloat(a) - parseFloat(b));
}
