import type { EndEvent, TrainingEvent } from '../../../../engine/api/events';
import { parseRunSpec } from '../../../../engine/api/parse-run-spec';
import type { RunSpec, RunSpecInput } from '../../../../engine/api/run-spec';
import { loadDataset } from '../../../../engine/data/load-dataset';
import { nodeDataSources } from '../../../../engine/data/node-mnist';
import type { Dataset } from '../../../../engine/data/types';
import type { RunListener, RunState } from '../../../../engine/train/pool/training-pool';
import { Trainer } from '../../../../engine/train/trainer';
import type { WeightsFile } from '../../../../engine/api/weights-file';
import { circleSpec } from '../run-helpers';

/** A parsed spec and its dataset, loaded in this (the main) thread as a host would. */
export function prepare(input: RunSpecInput): { spec: RunSpec; dataset: Dataset } {
  const spec = parseRunSpec(input);
  return { spec, dataset: loadDataset(spec.dataset, spec.seed, nodeDataSources()) };
}

/** A run far too long to finish during a test (~1 million steps): it ends only when stopped. */
export function endlessSpec(overrides: Partial<RunSpecInput> = {}): RunSpecInput {
  return circleSpec({ training: { batchSize: 10, iterations: 1_000_000 }, diagnostics: { every: 500, bins: 10 }, ...overrides });
}

/** The same run trained in this thread: its events, `elapsedMs` set to 0. Optionally `steps` steps then stopped as the worker stops. */
export function inProcess(spec: RunSpec, dataset: Dataset, runId: string, stopAfter?: number): TrainingEvent[] {
  const events: TrainingEvent[] = [];
  const trainer = new Trainer(spec, dataset, { runId, emit: (e) => events.push(e), now: () => 0 });
  if (stopAfter === undefined) trainer.runToEnd();
  else {
    trainer.advance(stopAfter);
    trainer.stop('stopped by the user');
  }
  return withoutElapsed(events);
}

/** Events with their clock-dependent fields (the end's and each step's elapsedMs: times, not results) set to 0. */
export function withoutElapsed(events: TrainingEvent[]): TrainingEvent[] {
  return events.map((e) => (e.type === 'end' || (e.type === 'step' && e.elapsedMs !== undefined) ? { ...e, elapsedMs: 0 } : e));
}

/** Records what a run's listener receives, and waits for conditions on it. */
export class Recorder implements RunListener {
  readonly events: TrainingEvent[] = [];
  readonly states: RunState[] = [];
  readonly batches: TrainingEvent[][] = [];
  weightsCalls: (WeightsFile | null)[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  onEvents(events: TrainingEvent[]): void {
    this.batches.push(events);
    for (const event of events) this.events.push(event);
    this.poke();
  }

  onState(state: RunState): void {
    this.states.push(state);
    this.poke();
  }

  onWeights(weights: WeightsFile | null): void {
    this.weightsCalls.push(weights);
    this.poke();
  }

  /** Resolves once `check()` holds (checked now and after every callback); the test's timeout bounds it. */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  /** Resolves at the first `state` reported after this call. */
  nextState(state: RunState): Promise<void> {
    const mark = this.states.length;
    return this.until(() => this.states.slice(mark).includes(state));
  }

  /** Step numbers received so far. */
  steps(): number[] {
    return this.events.flatMap((e) => (e.type === 'step' ? [e.step] : []));
  }

  end(): EndEvent | undefined {
    const last = this.events[this.events.length - 1];
    return last?.type === 'end' ? last : undefined;
  }

  private poke(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.check()) return true;
      waiter.resolve();
      return false;
    });
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
