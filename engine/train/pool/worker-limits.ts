import type { ResourceLimits } from 'node:worker_threads';

/**
 * The heap limits a training worker gets unless the pool's options say otherwise (field by field).
 *
 * V8 sizes a worker's young generation like a main thread's (maxYoungGenerationSizeMb 48 on 64-bit
 * Node 20: two semi-spaces of up to 16 MB). A run's start (compiling the engine, the first
 * evaluation) grows them to 8 MB each, and a long or fast run to 16 MB each, where they stay while
 * the run allocates: 17-34 MB of a worker's RSS, most of what an MNIST run cost (bench/memory.ts:
 * ~41 MB per added W run, ~50 MB after a minute of training; ~27 MB with this limit).
 *
 * 3 MB gives 1 MB semi-spaces, V8's smallest (it rounds a third of this up to a power of two; 4-6 MB
 * give 2 MB ones, ~3 MB more per worker, and W runs at ~29.5 MB). Little survives a training step
 * (the network's buffers are typed arrays, outside the heap), so a scavenge costs about the same at
 * any size and a smaller young generation means more of them. Measured CPU time per run: W (MNIST,
 * ~140 KB of garbage a step) unchanged within noise, GC ~1 % of it; the 2-D toy networks (~4 KB a
 * step at ~30,000 steps/s) ~10 % more than with 48 MB (~5 % with 6 MB), a few ms on such a run.
 */
export const TRAINING_WORKER_RESOURCE_LIMITS: Readonly<ResourceLimits> = { maxYoungGenerationSizeMb: 3 };

/** The limits a worker is started with: the caller's fields over TRAINING_WORKER_RESOURCE_LIMITS. */
export function workerResourceLimits(options: ResourceLimits | undefined): ResourceLimits {
  return { ...TRAINING_WORKER_RESOURCE_LIMITS, ...options };
}
