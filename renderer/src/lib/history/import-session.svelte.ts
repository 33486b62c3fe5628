import type { ImportOutcome } from '$engine/api/lab-api';
import { runImportQueue, type ImportCandidate, type ImportProgress, type ImportReport } from './import-queue';

/**
 * The history screen's import of many files: the progress while it runs, Cancel, and the report,
 * which stays until dismissed. One import at a time; files chosen meanwhile are refused by `busy`.
 */
export class ImportSession {
  progress = $state.raw<ImportProgress | null>(null);
  report = $state.raw<ImportReport | null>(null);
  cancelling = $state(false);
  #stop = false;

  constructor(
    private readonly importFile: (bytes: Uint8Array) => Promise<ImportOutcome>,
    private readonly maxFileBytes: number,
  ) {}

  get running(): boolean {
    return this.progress !== null;
  }

  /** Imports the candidates (two at a time, see runImportQueue); resolves with the report (also kept in `report`). */
  async run(candidates: readonly ImportCandidate[]): Promise<ImportReport | null> {
    if (this.running) return null;
    this.#stop = false;
    this.cancelling = false;
    this.report = null;
    this.progress = { done: 0, total: candidates.length, current: null };
    try {
      const report = await runImportQueue(candidates, {
        importFile: this.importFile,
        maxFileBytes: this.maxFileBytes,
        onProgress: (progress) => (this.progress = progress),
        stopRequested: () => this.#stop,
      });
      this.report = report;
      return report;
    } finally {
      this.progress = null;
      this.cancelling = false;
    }
  }

  /** Stops after the files being imported. */
  cancel(): void {
    this.#stop = true;
    this.cancelling = true;
  }

  dismiss(): void {
    this.report = null;
  }
}
