import { readFileSync } from 'node:fs';
import type { SqliteDatabase } from './database';
import type { RunOwner } from './run-writer';

/** A heartbeat older than this means the owner stopped looking after its runs. */
export const STALE_HEARTBEAT_MS = 60_000;

/**
 * Whether a process with this id is still running. Signal 0 checks that the id exists (EPERM: it
 * exists, it is not ours); a process that has exited but was not yet reaped by its parent (a
 * zombie, which can linger for seconds) still passes that check, so on Linux its state in
 * /proc/<pid>/stat decides: Z (zombie) and X (dead) are gone. Elsewhere a zombie counts as alive
 * until its heartbeat goes stale (STALE_HEARTBEAT_MS).
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const state = processState(pid);
  return state !== 'Z' && state !== 'X';
}

/** The one-letter state Linux gives a process (R, S, D, Z…), or null where /proc cannot tell. */
export function processState(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (command name) S …": the name may hold spaces and parentheses, so split at the last ')'.
  const match = /^\s*(\S)/.exec(stat.slice(stat.lastIndexOf(')') + 1));
  return match ? match[1]! : null;
}

export interface OrphanCheck {
  /** This process: its own runs are never orphans. */
  owner: RunOwner;
  now: () => number;
  isProcessAlive: (pid: number) => boolean;
  staleAfterMs: number;
}

interface LiveRunRow {
  id: string;
  owner_instance: string | null;
  owner_pid: number | null;
  heartbeat_at: string | null;
  created_at: string;
}

/**
 * Marks as `interrupted` every queued or running run whose owner is gone: its process no longer
 * exists, or its heartbeat is older than `staleAfterMs` (a process id can be reused). Everything
 * recorded stays; ended_at becomes the last heartbeat, the message says what happened. A run
 * owned by a live process with a fresh heartbeat (the app training while the CLI lists runs) is
 * left alone. Each update re-checks the heartbeat it judged, so a run that just beat is not marked.
 * Returns the ids marked.
 */
export function recoverInterrupted(db: SqliteDatabase, check: OrphanCheck): string[] {
  const live = db
    .prepare("SELECT id, owner_instance, owner_pid, heartbeat_at, created_at FROM runs WHERE status IN ('queued', 'running')")
    .all() as LiveRunRow[];
  const now = check.now();
  const orphans: { row: LiveRunRow; message: string }[] = [];
  for (const row of live) {
    if (row.owner_instance === check.owner.instanceId && row.owner_pid === check.owner.pid) continue;
    const lastSign = row.heartbeat_at ?? row.created_at;
    const silentMs = now - Date.parse(lastSign);
    if (row.owner_pid === null || !check.isProcessAlive(row.owner_pid)) {
      orphans.push({ row, message: `interrupted: the process that ran it${row.owner_pid === null ? '' : ` (pid ${row.owner_pid})`} ended before the run did` });
    } else if (!(silentMs <= check.staleAfterMs)) {
      orphans.push({ row, message: `interrupted: the process that ran it (pid ${row.owner_pid}) stopped reporting at ${lastSign}` });
    }
  }
  if (orphans.length === 0) return [];
  const mark = db.prepare(`
    UPDATE runs SET status = 'interrupted', message = @message, ended_at = @ended_at,
                    duration_ms = CASE WHEN started_at IS NULL THEN NULL ELSE max(0, round((julianday(@ended_at) - julianday(started_at)) * 86400000.0)) END
    WHERE id = @id AND status IN ('queued', 'running') AND heartbeat_at IS @heartbeat_at`);
  const marked: string[] = [];
  db.transaction(() => {
    for (const { row, message } of orphans) {
      const endedAt = row.heartbeat_at ?? row.created_at;
      if (mark.run({ id: row.id, message, ended_at: endedAt, heartbeat_at: row.heartbeat_at }).changes > 0) marked.push(row.id);
    }
  }).immediate();
  return marked;
}
