import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDbPath } from '../engine/service/default-db-path';
import { LabService } from '../engine/service/lab-service';

/** Where a training command stores its run: a history file (undefined: $NNLAB_DB, else the app's), or nowhere (--no-db). */
export type CliStorage = { dbPath: string | undefined } | 'nowhere';

/**
 * Runs `use` with a LabService for one command that trains (`nnlab train`, `nnlab runs rerun`,
 * `nnlab presets verify`), the same service the app trains with, and closes it whatever happens:
 * its workers end, so the process exits as soon as the command is done. One worker by default,
 * since most commands train one run; `workers` for one that trains many. The history is
 * the given file, else $NNLAB_DB, else the desktop app's (as openCliHistory); with 'nowhere', a
 * history in a fresh temporary folder that is deleted with everything in it once the service is
 * closed. Opening marks runs of dead processes interrupted; HistoryError reaches the dispatcher.
 */
export async function withCliService<T>(storage: CliStorage, use: (service: LabService) => Promise<T>, workers = 1): Promise<T> {
  const scratch = storage === 'nowhere' ? mkdtempSync(join(tmpdir(), 'nnlab-no-db-')) : null;
  try {
    const dbPath = storage === 'nowhere' ? join(scratch!, 'scratch.db') : (storage.dbPath ?? defaultDbPath());
    const service = LabService.open({ dbPath, pool: { size: workers } });
    try {
      return await use(service);
    } finally {
      await service.close();
    }
  } finally {
    if (scratch !== null) rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Runs `work` with Ctrl-C (SIGINT) stopping the service's runs instead of killing the process: a
 * run ends `stopped` after a final evaluation, everything recorded is kept, its weights are saved,
 * and `work` goes on to its end. The listener is in place before `work` starts and removed after.
 */
export async function stoppingOnCtrlC<T>(service: LabService, work: () => Promise<T>): Promise<T> {
  const stopRuns = () => {
    for (const { runId } of service.activeRuns()) service.stopRun(runId);
  };
  process.on('SIGINT', stopRuns);
  try {
    return await work();
  } finally {
    process.off('SIGINT', stopRuns);
  }
}
