import type { CliIO, StatusLine } from './cli-io';
import type { Lang } from './cli-language';

/** The line is redrawn at most this often: a terminal need not hear every step. */
const REDRAW_EVERY_MS = 100;

/**
 * A long job's progress as one line on standard error that updates in place, "train 120/1000
 * 12%  ETA 0:34" — only where io has a status line (a terminal, not --json); elsewhere every call
 * does nothing, so a pipe gets exactly the output.
 */
export class ProgressLine {
  private readonly startedAt: number;
  private drawnAt = -Infinity;

  constructor(
    private readonly status: StatusLine | undefined,
    private readonly label: string,
    private readonly lang: Lang,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.startedAt = clock();
  }

  /** Whether anything is shown (a terminal): callers may leave out lines the progress replaces. */
  get shown(): boolean {
    return this.status !== undefined;
  }

  update(done: number, total: number): void {
    if (this.status === undefined) return;
    const now = this.clock();
    if (now - this.drawnAt < REDRAW_EVERY_MS && done < total) return;
    this.drawnAt = now;
    this.status.show(progressText(this.label, done, total, now - this.startedAt, this.lang));
  }

  /** Erases the line, so what follows starts on a clean line. */
  finish(): void {
    this.status?.clear();
  }
}

/** A progress line for `io` (nothing on a pipe or with --json). */
export function progressLine(io: CliIO, label: string, lang: Lang, clock?: () => number): ProgressLine {
  return new ProgressLine(io.status, label, lang, clock);
}

/**
 * "train 120/1000  12%  ETA 0:34": the remaining time is the time so far scaled by what is left,
 * shown from a second or 5 % on (before, the worker's start-up would make it "32:28" after one step).
 */
export function progressText(label: string, done: number, total: number, elapsedMs: number, lang: Lang): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const percent = `${Math.floor(fraction * 100)}%`;
  const eta = done > 0 && total > 0 && (elapsedMs >= 1000 || fraction >= 0.05) ? clockText((elapsedMs * (total - done)) / done) : '–';
  return `${label} ${done}/${total}  ${percent}  ${lang === 'ko' ? '남은 시간' : 'ETA'} ${eta}`;
}

/** "0:34", "12:05", "1:02:03". */
function clockText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
