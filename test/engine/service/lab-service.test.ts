import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { SpecError } from '../../../engine/api/spec-error';
import { encodeMessage } from '../../../engine/api/socket-codec';
import type { LabPush } from '../../../engine/api/lab-api';
import { LabService, ServiceError } from '../../../engine/service/lab-service';
import { withFindings } from '../../../engine/service/run-doctor';
import { ReplaySession } from '../../../renderer/src/lib/history/replay-session';
import { endlessSpec, inProcess, prepare, withoutElapsed } from '../train/pool/pool-helpers';
import { circleSpec } from '../train/run-helpers';

/** The facade the app, the browser host and the CLI share, with real worker threads and a real SQLite file. */
let dir: string;
let service: LabService;
const messages: LabPush[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-service-'));
  service = LabService.open({ dbPath: join(dir, 'lab.db'), pool: { size: 2 }, forwardIntervalMs: 50 });
  service.subscribe((message) => messages.push(message));
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const forwarded = (runId: string): TrainingEvent[] => messages.flatMap((m) => (m.type === 'run-events' && m.runId === runId ? m.events : []));
const states = (runId: string) => messages.flatMap((m) => (m.type === 'run-state' && m.runId === runId ? [m.state] : []));

describe('LabService', () => {
  it('trains four runs at once on two workers, stores every event and forwards a thinned copy', async () => {
    const activations = ['tanh', 'relu', 'sigmoid', 'elu'] as const;
    const runs = activations.map((activation) =>
      service.startRun(circleSpec({ name: activation, layers: [{ units: 8, activation }, { units: 2, activation: 'softmax' }], training: { batchSize: 10, epochs: 30 }, diagnostics: { every: 1, bins: 10 } })),
    );
    expect(runs.map((r) => r.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
    expect(service.activeRuns().map((r) => r.state)).toEqual(['running', 'running', 'queued', 'queued']);
    const ended = await Promise.all(runs.map((r) => service.whenEnded(r.id)));
    expect(ended.map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    for (const run of runs) {
      const stored = service.getRun(run.id);
      expect(stored.steps.step).toHaveLength(450);
      expect(stored.diagnosticsSteps).toHaveLength(450);
      const shown = forwarded(run.id);
      expect(shown[0]!.type).toBe('start');
      expect(shown.at(-1)!.type).toBe('end');
      const shownSteps = shown.filter((e) => e.type === 'step');
      expect(shownSteps.length).toBeLessThanOrEqual(450);
      for (const event of shownSteps) expect(stored.steps.loss[event.step]).toBe(event.loss);
      // Snapshots: at most one network picture per push, and the run's last diagnostics in full.
      const pushes = messages.filter((m) => m.type === 'run-events' && m.runId === run.id).length;
      expect(shown.filter((e) => e.type === 'network').length).toBeLessThanOrEqual(pushes);
      const lastDiagnostics = shown.filter((e) => e.type === 'diagnostics').at(-1);
      expect(lastDiagnostics).toEqual(service.getDiagnostics(run.id, stored.diagnosticsSteps.at(-1)!));
      expect(states(run.id).at(-1)).toBe('ended');
    }
    expect(service.activeRuns()).toEqual([]);
    expect(messages.some((m) => m.type === 'runs-changed')).toBe(true);
  });

  it('steps, pauses and stops a run from the outside, keeping what was recorded', async () => {
    const run = service.startRun(circleSpec({ training: { batchSize: 10, epochs: 50 } }), { paused: true });
    await until(() => states(run.id).includes('paused'));
    service.stepRun(run.id);
    await until(() => forwarded(run.id).some((e) => e.type === 'step'));
    service.stepRunEpoch(run.id);
    await until(() => forwarded(run.id).filter((e) => e.type === 'eval').length >= 2);
    service.resumeRun(run.id);
    service.pauseRun(run.id);
    service.stopRun(run.id);
    const ended = await service.whenEnded(run.id);
    expect(ended.status).toBe('stopped');
    const stored = service.getRun(run.id);
    expect(stored.steps.step.length).toBeGreaterThanOrEqual(15);
    expect(stored.steps.step.length).toBeLessThan(750);
    expect(stored.evals.step.at(-1)).toBe(stored.stepsDone);
    // A pause or stop that crosses the end is harmless.
    expect(() => service.pauseRun(run.id)).not.toThrow();
    expect(() => service.stopRun(run.id)).not.toThrow();
    expect(service.getRun(run.id).status).toBe('stopped');
  });

  it('refuses to control a run another program is training', async () => {
    const run = service.startRun(circleSpec({ training: { batchSize: 10, epochs: 5000 } }));
    await until(() => forwarded(run.id).some((e) => e.type === 'step'));
    const other = LabService.open({ dbPath: join(dir, 'lab.db'), pool: { size: 1 } });
    try {
      expect(() => other.pauseRun(run.id)).toThrow(ServiceError);
      expect(() => other.pauseRun(run.id)).toThrow(/another program/);
    } finally {
      await other.close();
    }
    service.stopRun(run.id);
    expect((await service.whenEnded(run.id)).status).toBe('stopped');
  });

  it('re-runs a stored run through the workers and finds it identical', async () => {
    const original = service.startRun(circleSpec({ layers: [{ units: 6, activation: 'relu', dropout: 0.2, batchNorm: true }, { units: 2, activation: 'softmax' }] }));
    await service.whenEnded(original.id);
    const { runId, verdict } = await service.rerun(original.id);
    expect(verdict.identical).toBe(true);
    expect(service.getRun(runId).sourceRunId).toBe(original.id);
  });

  it('replays a stored run exactly as it was recorded', async () => {
    const run = service.startRun(circleSpec());
    await service.whenEnded(run.id);
    const shown: TrainingEvent[] = [];
    const replay = new ReplaySession(service.recordedEvents(run.id), (events, reset) => {
      if (reset) shown.length = 0;
      shown.push(...events);
    });
    replay.seek(Infinity);
    expect(shown[0]!.type).toBe('start');
    expect(shown.at(-1)).toMatchObject({ type: 'end', status: 'completed', steps: 45 });
    expect(shown.filter((e) => e.type === 'step')).toHaveLength(45);
    replay.close();
  });

  it('compares runs, exports and imports them', async () => {
    const a = service.startRun(circleSpec({ name: 'a' }));
    const b = service.startRun(circleSpec({ name: 'b', optimizer: { name: 'sgd', lr: 0.3 } }));
    await Promise.all([service.whenEnded(a.id), service.whenEnded(b.id)]);
    const comparison = service.compareRuns([a.id, b.id]);
    expect(comparison.differences.map((d) => d.field).sort()).toEqual(['name', 'optimizer.lr']);
    const file = service.exportRuns([a.id, b.id]);
    const other = LabService.open({ dbPath: join(dir, 'other.db'), pool: { size: 1 } });
    try {
      expect((await other.importRuns(file)).imported.sort()).toEqual([a.id, b.id].sort());
      expect(other.getRun(a.id)).toEqual(service.getRun(a.id));
    } finally {
      await other.close();
    }
  });

  it('deletes a run that is still training by stopping it first', async () => {
    const run = service.startRun(circleSpec({ training: { batchSize: 10, epochs: 5000 } }));
    await until(() => forwarded(run.id).some((e) => e.type === 'step'));
    expect(await service.deleteRun(run.id)).toBe(true);
    expect(() => service.getRun(run.id)).toThrow(/no run/i);
  });

  it('refuses a bad spec before storing anything', () => {
    const before = service.listRuns().length;
    expect(() => service.startRun(circleSpec({ layers: [{ units: 3, activation: 'softmax' }] }))).toThrow(SpecError);
    expect(() => service.startRun({ version: 1 })).toThrow(SpecError);
    expect(service.listRuns()).toHaveLength(before);
  });

  it('trains on MNIST in a worker from the shared image buffer', async () => {
    const run = service.startRun({
      version: 1,
      dataset: { name: 'mnist', trainSize: 300, testSize: 100 },
      layers: [{ units: 32, activation: 'relu' }, { units: 10, activation: 'softmax' }],
      optimizer: { name: 'adam', lr: 0.005 },
      training: { batchSize: 50, epochs: 5 },
    });
    const ended = await service.whenEnded(run.id);
    expect(ended.status).toBe('completed');
    expect(ended.final!.train.accuracy).toBeGreaterThan(0.8);
  });
});

describe('LabService: a run observer', () => {
  it('hears every event of its run in order, each batch after it is stored; subscribers still get the thinned copy', async () => {
    const input = circleSpec({ name: 'observed', training: { batchSize: 10, epochs: 30 }, diagnostics: { every: 1, bins: 10 } });
    const observed: TrainingEvent[] = [];
    let runId = '';
    let storedBehind = 0;
    const run = service.startRun(input, {
      observer: {
        onEvents: (events) => {
          observed.push(...events);
          const stepsObserved = observed.filter((e) => e.type === 'step').length;
          if (service.getRun(runId).steps.step.length < stepsObserved) storedBehind++;
        },
      },
    });
    runId = run.id;
    await service.whenEnded(run.id);
    const { spec, dataset } = prepare(input);
    // The trainer's events exactly, the end with the training doctor's findings on it (run-doctor.ts).
    expect(withoutElapsed(observed)).toEqual(withFindings(inProcess(spec, dataset, run.id)));
    expect(storedBehind).toBe(0);
    expect(service.recordedEvents(run.id)).toEqual(observed);
    const shownSteps = forwarded(run.id).filter((e) => e.type === 'step');
    expect(shownSteps.length).toBeGreaterThan(0);
    expect(shownSteps.length).toBeLessThanOrEqual(observed.filter((e) => e.type === 'step').length);
  });

  it('that throws stops its run, hears why through onError, and subscribers are told', async () => {
    const errors: string[] = [];
    const run = service.startRun(endlessSpec({ name: 'observer throws' }), {
      observer: {
        onEvents: (events) => {
          if (events.some((e) => e.type === 'step')) throw new Error('the terminal went away');
        },
        onError: (message) => errors.push(message),
      },
    });
    const ended = await service.whenEnded(run.id);
    expect(ended.status).toBe('stopped');
    expect(errors[0]).toMatch(/its observer failed: the terminal went away/);
    expect(messages).toContainEqual({ type: 'error', runId: run.id, message: errors[0] });
  });
});

describe('LabService: what a run leaves in the history', () => {
  it('a completed or stopped run: its events, its end and its final weights', async () => {
    const completed = service.startRun(circleSpec({ name: 'completed' }));
    const stopped = service.startRun(endlessSpec({ name: 'stopped' }));
    await until(() => forwarded(stopped.id).some((e) => e.type === 'step'));
    service.stopRun(stopped.id);
    const ends = await Promise.all([service.whenEnded(completed.id), service.whenEnded(stopped.id)]);
    expect(ends.map((r) => r.status)).toEqual(['completed', 'stopped']);
    for (const run of ends) {
      expect(service.recordedEvents(run.id).at(-1)).toMatchObject({ type: 'end', status: run.status });
      expect(service.getWeights(run.id)!.layers).toHaveLength(2);
    }
  });

  it('a diverged run: every event it emitted and its end, no weights (though its worker had finite ones)', async () => {
    const observed: TrainingEvent[] = [];
    const run = service.startRun(
      circleSpec({ name: 'diverges', layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse', optimizer: { name: 'sgd', lr: 1e6 }, training: { batchSize: 10, epochs: 20 } }),
      { observer: { onEvents: (events) => observed.push(...events) } },
    );
    const ended = await service.whenEnded(run.id);
    expect(ended.status).toBe('diverged');
    expect(ended.message).toMatch(/^training diverged at step \d+: the loss became/);
    expect(ended.final).toBeNull();
    expect(service.recordedEvents(run.id)).toEqual(observed);
    expect(observed.at(-1)).toMatchObject({ type: 'end', status: 'diverged' });
    expect(service.getRun(run.id).steps.step.length).toBe(ended.stepsDone);
    expect(service.getWeights(run.id)).toBeNull();
  });
});

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the run');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('LabService pushes', () => {
  it("pushes a run on a file's 50,000 points without the points; the stored start keeps them (issue 15)", async () => {
    const x = Array.from({ length: 50_000 }, (_, i) => [Math.sin(i), Math.cos(i)]);
    const y = x.map(([a]) => (a! > 0 ? 1 : 0));
    const run = service.startRun(circleSpec({ dataset: { name: 'inline', x, y }, training: { batchSize: 10, iterations: 3 } }));
    await service.whenEnded(run.id);
    const pushedStart = forwarded(run.id).find((e) => e.type === 'start')!;
    expect(pushedStart).toMatchObject({ spec: { dataset: { name: 'inline', pointsLeftOut: true } }, dataset: { trainSize: 50_000 } });
    expect(encodeMessage(pushedStart).length).toBeLessThan(2000);
    const storedStart = service.recordedEvents(run.id)[0] as { spec: { dataset: { x: number[][] } } };
    expect(storedStart.spec.dataset.x).toEqual(x);
  });
});
