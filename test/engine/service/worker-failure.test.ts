import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { LabService } from '../../../engine/service/lab-service';
import { endlessSpec } from '../train/pool/pool-helpers';
import { circleSpec } from '../train/run-helpers';

/**
 * Issue 7's fault through the whole service: a training worker that throws mid-run, or runs out of
 * memory under its resourceLimits. The run is stored failed with its message, the steps it recorded
 * are kept, and the service trains the next run as usual.
 */
const crashingWorker = new URL('../train/pool/workers/crash-after-steps-worker.ts', import.meta.url);
const rogueWorker = new URL('../train/pool/workers/rogue-worker.mjs', import.meta.url);
const failedWithWeightsWorker = new URL('../train/pool/workers/failed-with-weights-worker.ts', import.meta.url);

let dir: string | null = null;
let service: LabService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function open(workerUrl: URL, resourceLimits?: { maxOldGenerationSizeMb: number }): LabService {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-worker-failure-'));
  service = LabService.open({ dbPath: join(dir, 'lab.db'), pool: { size: 1, workerUrl, ...(resourceLimits ? { resourceLimits } : {}) } });
  return service;
}

describe('a training worker that fails', () => {
  it('throws mid-run: the run is stored failed with its message and its steps; the next run trains', async () => {
    const lab = open(crashingWorker);
    const { id } = lab.startRun(endlessSpec({ name: 'crash' }));
    const ended = await lab.whenEnded(id);
    expect(ended).toMatchObject({ status: 'failed', message: 'injected failure: the worker crashed mid-run' });
    const stored = lab.getRun(id);
    expect(stored.steps.step.length).toBeGreaterThanOrEqual(30);
    expect(stored.steps.step).toEqual(stored.steps.step.map((_, i) => i));
    expect(lab.getWeights(id)).toBeNull();

    const next = lab.startRun(circleSpec({ name: 'after the crash' }));
    expect((await lab.whenEnded(next.id)).status).toBe('completed');
    expect(lab.listRuns().map((r) => r.status).sort()).toEqual(['completed', 'failed']);
  }, 60_000);

  it('runs out of memory: the run is stored failed with a message about memory, its first steps kept', async () => {
    const lab = open(rogueWorker, { maxOldGenerationSizeMb: 32 });
    const { id } = lab.startRun(circleSpec({ name: 'oom' }));
    const ended = await lab.whenEnded(id);
    expect(ended.status).toBe('failed');
    expect(ended.message).toMatch(/memory/i);
    expect(lab.getRun(id).steps.step).toEqual([0, 1]);
    expect(lab.listRuns()).toHaveLength(1);
  }, 60_000);

  it('ends a run failed yet posts its weights: the run keeps its events and its end, and no weights', async () => {
    const lab = open(failedWithWeightsWorker);
    const observed: TrainingEvent[] = [];
    const { id } = lab.startRun(circleSpec({ name: 'failed with weights' }), { observer: { onEvents: (events) => observed.push(...events) } });
    const ended = await lab.whenEnded(id);
    expect(ended).toMatchObject({ status: 'failed', message: 'injected: failed after its last step', final: null });
    expect(lab.recordedEvents(id)).toEqual(observed);
    expect(lab.getRun(id).steps.step).toHaveLength(45);
    expect(lab.getWeights(id)).toBeNull();

    // The same worker's other runs keep their weights: the end status decides.
    const next = lab.startRun(circleSpec({ name: 'completes' }));
    expect((await lab.whenEnded(next.id)).status).toBe('completed');
    expect(lab.getWeights(next.id)).not.toBeNull();
  }, 60_000);
});
