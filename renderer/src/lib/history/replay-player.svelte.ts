import type { StartEvent, TrainingEvent } from '$engine/api/events';
import { ReplaySession } from './replay-session';
import { RunSeries } from '../charts/run-series';
import { DoctorRecorder } from '$engine/lab/doctor/training-doctor';
import type { ShownRun } from '../state/shown-run';
import { DEFAULT_REPLAY_SPEED, stepsPerSecond, type ReplaySpeed } from './replay-timeline';
import { secondsPerStep } from '../charts/training-curves';

/**
 * A stored run played back for the charts: a ReplaySession (the engine's, pure) feeds a RunSeries,
 * and the player is the ShownRun every training-view panel takes. `version` bumps with each batch
 * the session emits, so what derives from the series redraws as it was at `step`.
 */
export class ReplayPlayer implements ShownRun {
  readonly series = new RunSeries();
  /** What the training doctor reads of the run as it was at `step` (fed with the series). */
  readonly doctor = new DoctorRecorder();
  /** Bumped whenever the series changes. */
  version = $state(0);
  /** Updates shown: the run as it was after this many steps. */
  step = $state(0);
  playing = $state(false);
  speed = $state<ReplaySpeed>(DEFAULT_REPLAY_SPEED);
  readonly totalSteps: number;
  /** From the recorded end (its training time over its steps), known before the replay reaches it. */
  readonly secondsPerStep: number | null;
  readonly #session: ReplaySession;

  /**
   * @param events the run's recorded events, in order (LabApi.recordedEvents)
   * @param pace the run's own training pace in steps per second, for the "as recorded" speed
   */
  constructor(
    readonly id: string,
    readonly name: string,
    events: readonly TrainingEvent[],
    private readonly pace: number | null,
  ) {
    this.#session = new ReplaySession(events, (batch, reset) => this.#receive(batch, reset), stepsPerSecond(this.speed, pace));
    this.totalSteps = this.#session.totalSteps;
    const end = events.findLast((event) => event.type === 'end');
    this.secondsPerStep = end?.type === 'end' ? secondsPerStep(end.elapsedMs, end.steps) : null;
  }

  /** The run's start event once shown (its spec and dataset; the output panel reads it). */
  get start(): StartEvent | null {
    void this.version;
    return this.series.start;
  }

  /** Shows the run as it was after `step` updates (clamped); past the last step, its end too. */
  seek(step: number): void {
    this.#session.seek(step);
  }

  /** Shows the whole run, its end included. */
  seekToEnd(): void {
    this.#session.seek(this.totalSteps + 1);
  }

  /** Plays on from here; from the start again when the end is showing. */
  play(): void {
    if (this.#session.finished) this.#session.seek(0);
    this.#session.play();
    this.playing = this.#session.playing;
  }

  pause(): void {
    this.#session.pause();
    this.playing = false;
  }

  setSpeed(speed: ReplaySpeed): void {
    this.speed = speed;
    this.#session.setSpeed(stepsPerSecond(speed, this.pace));
  }

  /** Stops for good (the screen is leaving). */
  close(): void {
    this.#session.close();
    this.playing = false;
  }

  #receive(events: TrainingEvent[], reset: boolean): void {
    this.series.apply(events, reset);
    this.doctor.push(events, reset);
    this.step = this.#session.step;
    // A batch while playing comes from the session's timer: it goes on until the run's end is shown.
    if (!reset) this.playing = !this.#session.finished;
    this.version++;
  }
}
