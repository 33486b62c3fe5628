import type { DatasetSpec, ToyDatasetName } from '../api/run-spec';
import { randomStream, type Random } from '../nn/random';
import { DatasetError } from './dataset-error';
import type { Dataset, DataSplit } from './types';

/**
 * The 2-D classification sets of TensorFlow Playground (src/dataset.ts), with classes 0 and 1
 * (Playground's -1 is our 0). Noise is Playground's slider value / 100 (0 = clean, Playground's
 * UI stops at 0.5, ours at 1).
 *
 * Two deliberate differences from Playground:
 * - Every class gets exactly its half of the samples (the first class the extra one when
 *   `samples` is odd), so xor is generated per quadrant pair instead of uniformly over the square.
 *   Each point still has Playground's distribution given its class.
 * - Every point draws the same random numbers whatever the noise (noise only scales them), so
 *   two runs with one seed and different noise show the same points, moved or relabelled by the
 *   noise alone: the noise slider's effect is all a student sees change.
 */

/** A parsed toy dataset entry of a RunSpec. */
export type ToyDatasetSpec = Extract<DatasetSpec, { name: ToyDatasetName }>;

/** Playground's radius: circle's outer ring, xor's half-width and spiral's end all sit at 5. */
export const TOY_RADIUS = 5;
/** Playground pushes xor points this far from each axis so that clean quadrants never touch. */
export const XOR_PADDING = 0.3;

/**
 * The dataset of a toy spec. All randomness comes from `randomStream(seed, 'data')`, so the same
 * spec and seed give bit-identical data. Points are generated class by class, shuffled, and the
 * last round(testFraction · samples) go to the test split (null when that is 0). Inputs are
 * Float64Array rows of (x, y) with scale 1; targets are class labels 0/1 (numClasses 2).
 *
 * Definitions (R = 5; U(a, b) uniform; noise = spec.noise):
 * - circle: class 1 at radius U(0, R/2), class 0 at radius U(0.7R, R), uniform angle. As in
 *   Playground the label is decided on the point moved by (U(-R, R), U(-R, R)) · noise: 1 if it
 *   lies within R/2 of the origin, else 0; the stored point is the unmoved one.
 * - xor: |x| and |y| are U(0, R) + 0.3; class 1 takes quadrants I/III, class 0 II/IV. Label 1
 *   where (x + nx)·(y + ny) ≥ 0 with (nx, ny) = (U(-R, R), U(-R, R)) · noise, else 0.
 * - gauss: class 1 around (2, 2), class 0 around (-2, -2), each coordinate normal with variance
 *   0.5 + 7·noise (Playground's map of noise 0..0.5 onto 0.5..4, extended linearly). Labels are
 *   the blob's. At noise 0 a point crosses x + y = 0 with probability 3·10⁻⁵ (4 σ).
 * - spiral: for class c with m points, point i has r = R·i/m, t = 1.75·2π·i/m + δ (δ = 0 for
 *   class 1, π for class 0), and sits at (r·sin t, r·cos t) + (U(-1, 1), U(-1, 1)) · noise.
 *   Labels are the arm's.
 *
 * Throws DatasetError (field "dataset.testFraction") when the split would leave no training sample.
 */
export function generateToyDataset(spec: ToyDatasetSpec, seed: number): Dataset {
  const { samples, noise, testFraction } = spec;
  const testCount = Math.round(testFraction * samples);
  if (testCount >= samples) {
    throw new DatasetError(
      'dataset.testFraction',
      `dataset.testFraction ${testFraction} of ${samples} samples leaves no training samples: use more samples or a smaller testFraction`,
    );
  }
  const random = randomStream(seed, 'data');
  const points = new Float64Array(samples * 2);
  const labels = new Uint8Array(samples);
  const firstClassCount = samples - Math.floor(samples / 2);
  GENERATORS[spec.name](random, noise, points, labels, firstClassCount, samples);

  const order = new Int32Array(samples);
  for (let i = 0; i < samples; i++) order[i] = i;
  random.shuffle(order);
  const trainCount = samples - testCount;
  return {
    name: spec.name,
    inputSize: 2,
    numClasses: 2,
    targetSize: 1,
    train: gatherRows(points, labels, order.subarray(0, trainCount)),
    test: testCount === 0 ? null : gatherRows(points, labels, order.subarray(trainCount)),
    imageShape: null,
  };
}

/**
 * Fills rows [0, samples) of `points` (x, y pairs) and `labels`: the first `firstClassCount` rows
 * from the class-1 region, the rest from the class-0 region.
 */
type Generator = (random: Random, noise: number, points: Float64Array, labels: Uint8Array, firstClassCount: number, samples: number) => void;

const GENERATORS: Record<ToyDatasetName, Generator> = {
  circle(random, noise, points, labels, firstClassCount, samples) {
    const inner = TOY_RADIUS * 0.5;
    for (let i = 0; i < samples; i++) {
      const [rMin, rMax] = i < firstClassCount ? [0, inner] : [TOY_RADIUS * 0.7, TOY_RADIUS];
      const r = uniform(random, rMin, rMax);
      const angle = uniform(random, 0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const noiseX = uniform(random, -TOY_RADIUS, TOY_RADIUS) * noise;
      const noiseY = uniform(random, -TOY_RADIUS, TOY_RADIUS) * noise;
      setPoint(points, i, x, y);
      labels[i] = Math.hypot(x + noiseX, y + noiseY) < inner ? 1 : 0;
    }
  },

  xor(random, noise, points, labels, firstClassCount, samples) {
    for (let i = 0; i < samples; i++) {
      const absX = uniform(random, 0, TOY_RADIUS) + XOR_PADDING;
      const absY = uniform(random, 0, TOY_RADIUS) + XOR_PADDING;
      const signX = random.uniform() < 0.5 ? -1 : 1;
      const signY = i < firstClassCount ? signX : -signX;
      const x = signX * absX;
      const y = signY * absY;
      const noiseX = uniform(random, -TOY_RADIUS, TOY_RADIUS) * noise;
      const noiseY = uniform(random, -TOY_RADIUS, TOY_RADIUS) * noise;
      setPoint(points, i, x, y);
      labels[i] = (x + noiseX) * (y + noiseY) >= 0 ? 1 : 0;
    }
  },

  gauss(random, noise, points, labels, firstClassCount, samples) {
    const std = Math.sqrt(0.5 + 7 * noise);
    for (let i = 0; i < samples; i++) {
      const center = i < firstClassCount ? 2 : -2;
      const x = center + std * random.normal();
      const y = center + std * random.normal();
      setPoint(points, i, x, y);
      labels[i] = i < firstClassCount ? 1 : 0;
    }
  },

  spiral(random, noise, points, labels, firstClassCount, samples) {
    for (let i = 0; i < samples; i++) {
      const isFirst = i < firstClassCount;
      const count = isFirst ? firstClassCount : samples - firstClassCount;
      const k = isFirst ? i : i - firstClassCount;
      const r = (TOY_RADIUS * k) / count;
      const t = (1.75 * 2 * Math.PI * k) / count + (isFirst ? 0 : Math.PI);
      const x = r * Math.sin(t) + uniform(random, -1, 1) * noise;
      const y = r * Math.cos(t) + uniform(random, -1, 1) * noise;
      setPoint(points, i, x, y);
      labels[i] = isFirst ? 1 : 0;
    }
  },
};

function uniform(random: Random, low: number, high: number): number {
  return low + random.uniform() * (high - low);
}

function setPoint(points: Float64Array, row: number, x: number, y: number): void {
  points[row * 2] = x;
  points[row * 2 + 1] = y;
}

function gatherRows(points: Float64Array, labels: Uint8Array, rows: Int32Array): DataSplit {
  const values = new Float64Array(rows.length * 2);
  const splitLabels = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const source = rows[i]!;
    values[i * 2] = points[source * 2]!;
    values[i * 2 + 1] = points[source * 2 + 1]!;
    splitLabels[i] = labels[source]!;
  }
  return {
    x: { values, rows: rows.length, cols: 2, scale: 1 },
    y: { kind: 'classes', labels: splitLabels, numClasses: 2 },
  };
}
