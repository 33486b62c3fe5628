import type { Random } from '../nn/random';

/**
 * Chooses the samples of each training step.
 *   epoch        every epoch visits each sample once, in a fresh random order when `shuffle`
 *                (PyTorch's DataLoader), else in data order; the last batch may be smaller.
 *   replacement  every batch is `batchSize` independent draws (the textbook's np.random.choice).
 * One epoch is ceil(N / batchSize) steps. With batch norm a trailing batch of a single sample is
 * skipped: it has no batch variance (PyTorch refuses it).
 */
export class BatchSampler {
  readonly stepsPerEpoch: number;
  private readonly order: Int32Array;
  private position = 0;

  constructor(
    private readonly sampleCount: number,
    private readonly batchSize: number,
    private readonly mode: 'epoch' | 'replacement',
    private readonly shuffle: boolean,
    private readonly random: Random,
    skipSingleSampleBatch: boolean,
  ) {
    this.stepsPerEpoch = stepsPerEpoch(sampleCount, batchSize, mode, skipSingleSampleBatch);
    this.order = new Int32Array(sampleCount);
    for (let i = 0; i < sampleCount; i++) this.order[i] = i;
  }

  /** Writes the next batch's sample indices into `out` and returns how many there are. */
  next(out: Int32Array): number {
    if (this.mode === 'replacement') {
      for (let i = 0; i < this.batchSize; i++) out[i] = this.random.int(this.sampleCount);
      return this.batchSize;
    }
    if (this.position === 0 && this.shuffle) this.random.shuffle(this.order);
    const count = Math.min(this.batchSize, this.sampleCount - this.position * this.batchSize);
    out.set(this.order.subarray(this.position * this.batchSize, this.position * this.batchSize + count));
    this.position = (this.position + 1) % this.stepsPerEpoch;
    return count;
  }
}

/**
 * Steps of one epoch of `sampleCount` samples in batches of `batchSize`: ceil(N / batchSize), less
 * the trailing single-sample batch that batch norm skips (`skipSingleSampleBatch`, 'epoch' sampling
 * only, and never the epoch's only batch). 'replacement' sampling counts ceil(N / batchSize) too.
 */
export function stepsPerEpoch(sampleCount: number, batchSize: number, mode: 'epoch' | 'replacement', skipSingleSampleBatch: boolean): number {
  const full = Math.ceil(sampleCount / batchSize);
  return mode === 'epoch' && skipSingleSampleBatch && sampleCount % batchSize === 1 && full > 1 ? full - 1 : full;
}
