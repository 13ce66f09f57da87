// CPU time of code-server's extension host, read from /proc: the extension host is a node
// child process of code-server (`bootstrap-fork --type=extensionHost`), so the time the
// extension spends on an answer (parsing the stream, sending messages to the webview, saving)
// is its utime + stime, in clock ticks of 10 ms.
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Fields after the command name of /proc/PID/stat (the name may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  const text = readText(`/proc/${pid}/stat`);
  if (!text) return undefined;
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

function parentOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : undefined; // field 4 of stat: ppid
}

function isDescendant(pid: number, ancestor: number): boolean {
  for (let at: number | undefined = pid, hops = 0; at && at > 1 && hops < 20; hops++) {
    if (at === ancestor) return true;
    at = parentOf(at);
  }
  return false;
}

/** The extension host under code-server's process `rootPid`, if one is running. */
export function findExtensionHostPid(rootPid: number): number | undefined {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === rootPid) continue;
    const commandLine = readText(`/proc/${pid}/cmdline`)?.replace(/\0/g, ' ') ?? '';
    if (!/--type=extensionHost|extensionHost/.test(commandLine)) continue;
    if (isDescendant(pid, rootPid)) found.push(pid);
  }
  // After a window reload the newest one is the live one.
  return found.sort((a, b) => a - b).pop();
}

/** utime + stime of `pid` in milliseconds; undefined once it is gone. */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const fields = statFields(pid);
  if (!fields) return undefined;
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // fields 14, 15 of stat
}
