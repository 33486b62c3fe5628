import { randomUUID } from 'node:crypto';
import { openHistory, type RunHistory } from '../engine/history/run-history';
import { defaultDbPath } from '../engine/service/default-db-path';
import type { Localized } from './cli-language';

/** The --db option every command that touches stored runs accepts. */
export const DB_OPTION = { db: { type: 'string' } } as const;

export const DB_HELP: Localized = {
  en: `  --db PATH      the run history (default $NNLAB_DB, else the app's own: ${defaultDbPath()})`,
  ko: `  --db PATH      실행 기록 파일 (없으면 $NNLAB_DB, 그것도 없으면 앱의 기록: ${defaultDbPath()})`,
};

/**
 * Opens the run history for one CLI command: --db, else $NNLAB_DB, else the desktop app's file,
 * so the CLI sees the runs the app made. Opening also marks runs of dead processes interrupted.
 * HistoryError (newer version, corrupt, locked…) reaches the dispatcher, which prints it (exit 2).
 */
export function openCliHistory(dbPath: string | undefined): RunHistory {
  return openHistory(dbPath ?? defaultDbPath(), { instanceId: randomUUID() });
}

/** Runs `use` with an open history and closes it, whatever happens. */
export async function withHistory<T>(dbPath: string | undefined, use: (history: RunHistory) => Promise<T> | T): Promise<T> {
  const history = openCliHistory(dbPath);
  try {
    return await use(history);
  } finally {
    history.close();
  }
}
