import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of threads of this process, in ms: Linux's per-thread scheduler statistics (ns), null
 * elsewhere (Node 20 has no process.threadCpuUsage). Unlike wall time, it leaves out the time a
 * thread was ready but another thread had its core (a worker, another program). The kernel brings
 * the count up to date when the thread sleeps or at a tick, so a reading may miss the slice running
 * since the thread last woke: a few ms at most.
 */
function schedstatCpuMs(path: string): number | null {
  try {
    const ns = Number(readFileSync(path, 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns / 1e6 : null;
  } catch {
    return null;
  }
}

/** CPU time this thread has run, in ms (see schedstatCpuMs); null where it cannot be read. */
export function threadCpuMs(): number | null {
  return schedstatCpuMs('/proc/thread-self/schedstat');
}

/** The ids of this process's threads now (empty where /proc cannot be read): a worker started in between shows up as a new id. */
export function threadIds(): Set<string> {
  try {
    return new Set(readdirSync('/proc/self/task'));
  } catch {
    return new Set();
  }
}

/** The CPU time the given threads of this process have run, in ms, summed; null if any cannot be read (one has ended, not Linux). */
export function threadsCpuMs(ids: Iterable<string>): number | null {
  let total = 0;
  for (const id of ids) {
    const ms = schedstatCpuMs(`/proc/self/task/${id}/schedstat`);
    if (ms === null) return null;
    total += ms;
  }
  return total;
}
