import { MAX_GROUP_SEEDS, type ActiveRun, type LabApi, type LabPush, type StartRunRequest } from '$engine/api/lab-api';
import type { RunDetail, RunSummary } from '$engine/api/runs';
import type { EndEvent, StartEvent, TrainingEvent } from '$engine/api/events';
import { RunSeries } from '../charts/run-series';
import { secondsPerStep } from '../charts/training-curves';
import { DoctorRecorder } from '$engine/lab/doctor/training-doctor';
import { messageOf } from '$engine/api/error-message';
import { withSentDataset } from '$engine/api/pushed-start';
import { PushBatch } from './push-batch';

/** One run started in this session, as the training view shows it. */
export class RunView {
  state = $state<ActiveRun['state']>('queued');
  /** Bumped whenever events arrive: what reads `series` derives from it. */
  version = $state(0);
  start = $state.raw<StartEvent | null>(null);
  end = $state.raw<EndEvent | null>(null);
  stepsDone = $state(0);
  epoch = $state(0);
  /** Milliseconds spent training (paused time excluded), measured here. */
  trainingMs = $state(0);
  readonly series = new RunSeries();
  /** What the training doctor reads of the events so far (the panel diagnoses it as `version` changes). */
  readonly doctor = new DoctorRecorder();
  #runningSince: number | null = null;
  /** The dataset this page sent when it started the run: what its pushed start event leaves out (a file's points). */
  #sentDataset: unknown = undefined;

  constructor(
    readonly id: string,
    readonly name: string,
    /** The seed group the run is one of (startRunGroup), null for a run of its own. */
    readonly groupId: string | null = null,
    /** Its spec's seed, when known (every run of a group knows it). */
    readonly seed: number | null = null,
  ) {}

  readonly totalSteps = $derived(this.start?.totalSteps ?? null);
  readonly fraction = $derived(this.totalSteps ? Math.min(1, this.stepsDone / this.totalSteps) : 0);

  /** Steps already done when this page started timing the run (after a reload: the backfilled ones). */
  #pacedFrom = 0;

  /** Estimated milliseconds left, from the pace seen here (null until there is a pace). */
  get etaMs(): number | null {
    const paced = this.stepsDone - this.#pacedFrom;
    if (this.state === 'ended' || !this.totalSteps || paced <= 0) return null;
    return (this.elapsedMs() / paced) * (this.totalSteps - this.stepsDone);
  }

  /** Counts the pace from now on: the steps so far were trained before this page was watching. */
  paceFromHere(): void {
    this.#pacedFrom = this.stepsDone;
  }

  /** Seconds of training per step: the end's measured time over its steps, while training the time seen here. */
  get secondsPerStep(): number | null {
    if (this.end) return secondsPerStep(this.end.elapsedMs, this.end.steps);
    return secondsPerStep(this.elapsedMs(), this.stepsDone);
  }

  /** Remembers the dataset the page started the run with (before its events are applied). */
  sentWith(spec: unknown): void {
    if (typeof spec === 'object' && spec !== null) this.#sentDataset = (spec as { dataset?: unknown }).dataset;
  }

  elapsedMs(now = performance.now()): number {
    return this.trainingMs + (this.#runningSince === null ? 0 : now - this.#runningSince);
  }

  apply(events: readonly TrainingEvent[]): void {
    this.series.apply(events);
    this.doctor.push(events);
    for (const event of events) {
      if (event.type === 'start') this.start = withSentDataset(event, this.#sentDataset);
      else if (event.type === 'step') {
        this.stepsDone = event.step + 1;
        this.epoch = event.epoch;
      } else if (event.type === 'eval') this.stepsDone = Math.max(this.stepsDone, event.step);
      else if (event.type === 'end') {
        this.end = event;
        this.stepsDone = event.steps;
      }
    }
    this.version++;
  }

  /**
   * Counts the time from the run's start (its stored startedAt), for a run this page took up
   * again after a reload: its elapsed time goes on, not from zero. Paused time cannot be told
   * apart here: it counts, as it does in the run's end (EndEvent.elapsedMs).
   */
  clockFrom(startedAt: string | null, now = Date.now()): void {
    const started = startedAt === null ? Number.NaN : Date.parse(startedAt);
    if (Number.isFinite(started)) this.trainingMs = Math.max(0, now - started);
  }

  setState(state: ActiveRun['state']): void {
    const now = performance.now();
    if (this.#runningSince !== null) this.trainingMs += now - this.#runningSince;
    this.#runningSince = state === 'running' ? now : null;
    this.state = state;
  }
}

/** Unclaimed runs whose pushes are kept: a whole seed group's. */
const MAX_HELD_RUNS = MAX_GROUP_SEEDS;

/** Pushes kept per unclaimed run (5 a second: a minute's worth). */
const MAX_HELD_PUSHES = 300;

/** The highest step any of these events is about (−1 for none). */
function lastStep(events: readonly TrainingEvent[]): number {
  let last = -1;
  for (const event of events) if ('step' in event && event.step > last) last = event.step;
  return last;
}

/**
 * The runs started in this session (several at once is the normal case), fed by the service's
 * pushed events, and which one the view shows.
 */
export class LiveRuns {
  runs = $state<RunView[]>([]);
  selectedId = $state<string | null>(null);
  readonly selected: RunView | null = $derived(this.runs.find((r) => r.id === this.selectedId) ?? this.runs[this.runs.length - 1] ?? null);

  /** Pushes for runs not (yet) on the list: a run's first state can arrive before startRun answers. */
  readonly #pending = new Map<string, LabPush[]>();

  /** Pushes come in per message and reach the runs once a frame (push-batch.ts). */
  readonly #arrived = new PushBatch<LabPush>((pushes) => {
    for (const push of pushes) this.#route(push);
  });

  constructor(private readonly api: LabApi) {}

  /** Starts a run from a spec; throws LabApiError (with problems) when the service refuses it. */
  async start(spec: unknown, options?: StartRunRequest): Promise<RunView> {
    const view = this.#add(await (options === undefined ? this.api.startRun(spec) : this.api.startRun(spec, options)), spec);
    this.selectedId = view.id;
    return view;
  }

  /**
   * Starts `seeds` runs of a spec as one seed group (seeds s … s+N−1); each view has the group's
   * id. Selects the first. Throws LabApiError when the service refuses the spec (nothing started).
   */
  async startGroup(spec: unknown, seeds: number, options: StartRunRequest = {}): Promise<RunView[]> {
    const views = (await this.api.startRunGroup(spec, { ...options, seeds })).map((summary) => this.#add(summary, spec));
    this.selectedId = views[0]?.id ?? this.selectedId;
    return views;
  }

  /** Worker threads the service trains with (appInfo), once asked for: what a group's estimate divides by. */
  poolSize = $state<number | null>(null);
  #poolAsked = false;

  /** Asks the service for its pool size, once. */
  loadPoolSize(): void {
    if (this.#poolAsked) return;
    this.#poolAsked = true;
    this.api.appInfo().then(
      (info) => (this.poolSize = info.poolSize),
      () => (this.#poolAsked = false),
    );
  }

  /** A started run's view on the list (the existing one if a push already made it), with the pushes held for it. */
  #add(summary: RunSummary, spec: unknown): RunView {
    this.#arrived.flush();
    const existing = this.runs.find((r) => r.id === summary.id);
    if (existing) return existing;
    const view = new RunView(summary.id, summary.name, summary.groupId ?? null, summary.seed);
    view.sentWith(spec);
    this.runs.push(view);
    for (const push of this.#pending.get(view.id) ?? []) this.#route(push);
    this.#pending.delete(view.id);
    return view;
  }

  /** Takes one pushed message; it reaches its run before the next paint. */
  receive(push: LabPush): void {
    if (push.type === 'run-events' || push.type === 'run-state') this.#arrived.add(push);
  }

  /** Routes one pushed message to its run. */
  #route(push: LabPush): void {
    if (push.type !== 'run-events' && push.type !== 'run-state') return;
    const view = this.runs.find((r) => r.id === push.runId);
    if (!view) {
      this.#hold(push);
      return;
    }
    if (push.type === 'run-events') view.apply(push.events);
    else view.setState(push.state);
  }

  /**
   * Puts the runs the service is still training back on the list (after a reload or a reconnect):
   * each one's events so far from the history, then what was pushed meanwhile, without repeating
   * a step. Runs already on the list are left as they are. Resolves with the stored records of
   * the runs put back (the builder shows the newest one's spec after a reload).
   */
  async resync(): Promise<RunDetail[]> {
    const back: RunDetail[] = [];
    const active = (await this.api.activeRuns()).filter((run) => run.state !== 'ended' && !this.runs.some((r) => r.id === run.runId));
    for (const { runId, state } of active) {
      let detail: Awaited<ReturnType<LabApi['getRun']>>;
      let events: TrainingEvent[];
      try {
        [detail, events] = await Promise.all([this.api.getRun(runId), this.api.recordedEvents(runId)]);
      } catch {
        continue; // ended and gone meanwhile (deleted): nothing to show
      }
      // Pushes that came before these answers are held for the run below, and filtered by step.
      this.#arrived.flush();
      if (this.runs.some((r) => r.id === runId)) continue;
      const view = new RunView(runId, detail.name, detail.groupId ?? null, detail.seed);
      view.apply(events);
      view.paceFromHere();
      view.clockFrom(detail.startedAt);
      const recordedUpTo = lastStep(events);
      const pushes = this.#pending.get(runId) ?? [];
      this.#pending.delete(runId);
      view.setState(state);
      for (const push of pushes) {
        if (push.type === 'run-state') view.setState(push.state);
        else if (push.type === 'run-events') {
          const newer = push.events.filter((event) => {
            if (event.type === 'start') return view.start === null;
            if (event.type === 'end') return view.end === null;
            return event.step > recordedUpTo;
          });
          if (newer.length > 0) view.apply(newer);
        }
      }
      if (view.end !== null) view.setState('ended');
      this.runs.push(view);
      back.push(detail);
    }
    return back;
  }

  #hold(push: LabPush & { runId: string }): void {
    const queue = this.#pending.get(push.runId) ?? [];
    queue.push(push);
    this.#pending.set(push.runId, queue);
    // Runs started elsewhere (another window) never claim theirs: keep only the newest few, as
    // many as one seed group has (its runs' first pushes can all come before startRunGroup answers).
    if (this.#pending.size > MAX_HELD_RUNS) this.#pending.delete(this.#pending.keys().next().value!);
    // ...and only a run's latest pushes: a run nobody claims must not grow the page's memory.
    if (queue.length > MAX_HELD_PUSHES) queue.splice(0, queue.length - MAX_HELD_PUSHES);
  }

  /** Why the last pause/step/stop failed (shown by the controls), or null. */
  controlError = $state<string | null>(null);

  pause(id: string): Promise<void> {
    return this.#control(() => this.api.pauseRun(id));
  }

  resume(id: string): Promise<void> {
    return this.#control(() => this.api.resumeRun(id));
  }

  step(id: string): Promise<void> {
    return this.#control(() => this.api.stepRun(id));
  }

  stepEpoch(id: string): Promise<void> {
    return this.#control(() => this.api.stepRunEpoch(id));
  }

  stop(id: string): Promise<void> {
    return this.#control(() => this.api.stopRun(id));
  }

  async #control(call: () => Promise<void>): Promise<void> {
    this.controlError = null;
    try {
      await call();
    } catch (error) {
      this.controlError = messageOf(error);
    }
  }

  /** Takes an ended run off the list (it stays in the history). */
  dismiss(id: string): void {
    this.runs = this.runs.filter((r) => r.id !== id || r.state !== 'ended');
    if (this.selectedId === id) this.selectedId = null;
  }

  /** The runs on the list of `run`'s seed group, in seed order (empty when it has none). */
  groupOf(run: RunView | null): RunView[] {
    if (run === null || run.groupId === null) return [];
    return this.runs.filter((other) => other.groupId === run.groupId).sort((a, b) => (a.seed ?? 0) - (b.seed ?? 0));
  }

  readonly anyActive = $derived(this.runs.some((r) => r.state !== 'ended'));
}
