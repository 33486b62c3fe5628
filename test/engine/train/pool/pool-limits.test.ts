import type { ResourceLimits } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { TrainingPool, type TrainingPoolOptions } from '../../../../engine/train/pool/training-pool';
import { TRAINING_WORKER_RESOURCE_LIMITS, workerResourceLimits } from '../../../../engine/train/pool/worker-limits';
import { circleSpec } from '../run-helpers';
import { prepare, Recorder } from './pool-helpers';

const rogueWorker = new URL('./workers/rogue-worker.mjs', import.meta.url);

let pool: TrainingPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

/** The resourceLimits a worker of a pool with `options` runs under, as the worker itself reads them. */
async function limitsInWorker(options: Omit<TrainingPoolOptions, 'workerUrl'> = {}): Promise<ResourceLimits> {
  pool = new TrainingPool({ size: 1, workerUrl: rogueWorker, ...options });
  const end = await pool.start({ runId: 'limits', ...prepare(circleSpec({ name: 'limits' })) }, new Recorder()).done;
  return JSON.parse(end.message!) as ResourceLimits;
}

describe('training workers’ heap limits', () => {
  it('by default, a worker has the small young generation of TRAINING_WORKER_RESOURCE_LIMITS', async () => {
    // bench/memory.ts: V8's default (48 MB) made each MNIST run cost ~41 MB instead of ~27 MB.
    expect(TRAINING_WORKER_RESOURCE_LIMITS.maxYoungGenerationSizeMb).toBeLessThanOrEqual(6);
    expect((await limitsInWorker()).maxYoungGenerationSizeMb).toBe(TRAINING_WORKER_RESOURCE_LIMITS.maxYoungGenerationSizeMb);
  });

  it('the pool’s resourceLimits apply field by field: an old-generation cap keeps the default young generation', async () => {
    const limits = await limitsInWorker({ resourceLimits: { maxOldGenerationSizeMb: 64 } });
    expect(limits).toMatchObject({ maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: TRAINING_WORKER_RESOURCE_LIMITS.maxYoungGenerationSizeMb });
  });

  it('a host can ask for another young generation size', async () => {
    expect((await limitsInWorker({ resourceLimits: { maxYoungGenerationSizeMb: 16 } })).maxYoungGenerationSizeMb).toBe(16);
  });

  it('workerResourceLimits lays the caller’s fields over the defaults', () => {
    expect(workerResourceLimits(undefined)).toEqual(TRAINING_WORKER_RESOURCE_LIMITS);
    expect(workerResourceLimits({ stackSizeMb: 2 })).toEqual({ ...TRAINING_WORKER_RESOURCE_LIMITS, stackSizeMb: 2 });
    expect(workerResourceLimits({ maxYoungGenerationSizeMb: 48 })).toEqual({ maxYoungGenerationSizeMb: 48 });
  });
});
