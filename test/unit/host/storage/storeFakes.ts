// Small fakes for the conversation store's tests: a manual clock for its throttle, and a file
// store wrapper that counts writes and can fail or hang on demand.
import type { Timers } from '../../../../src/host/storage/conversationStore';
import type { FileStore } from '../../../../src/host/storage/fileStore';

/** Timers that fire only when the test moves the clock. */
export class ManualTimers implements Timers {
  now = 0;
  private nextId = 1;
  private readonly due = new Map<number, { at: number; callback: () => void }>();
  /** Awaited after each timer fires and before the clock moves on (the store's `idle`). */
  settled: () => Promise<void> = () => settle();

  set(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.due.set(id, { at: this.now + ms, callback });
    return id;
  }

  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }

  get pending(): number {
    return this.due.size;
  }

  /** Moves the clock by `ms`, firing what falls due in order and letting its writes finish. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      // Time passing lets the writes in flight finish first (they may set the next timer).
      await this.settled();
      const next = [...this.due.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.due.delete(next[0]);
      this.now = next[1].at;
      next[1].callback();
    }
    await this.settled();
    this.now = target;
  }
}

/** Lets pending promise chains (in-memory or real small file writes) run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Wraps a FileStore: counts writes per path, and fails or holds writes when told to. */
export class CountingFileStore implements FileStore {
  readonly writes: string[] = [];
  failWrites = 0;
  hold: Promise<void> | undefined;

  constructor(private readonly inner: FileStore) {}

  writesOf(suffix: string): number {
    return this.writes.filter((path) => path.endsWith(suffix)).length;
  }

  read(path: string) {
    return this.inner.read(path);
  }
  /** Told of every write as it starts. */
  onWrite: ((path: string) => void) | undefined;

  async write(path: string, text: string) {
    this.writes.push(path);
    this.onWrite?.(path);
    if (this.hold) await this.hold;
    if (this.failWrites > 0) {
      this.failWrites--;
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    }
    return this.inner.write(path, text);
  }
  rename(from: string, to: string) {
    return this.inner.rename(from, to);
  }
  remove(path: string) {
    return this.inner.remove(path);
  }
  list(folder: string) {
    return this.inner.list(folder);
  }
  age(path: string) {
    return this.inner.age(path);
  }
}
