import type { NetworkSnapshotEvent } from '../api/events';
import type { InputFeature } from '../api/input-features';
import { writeFeatures } from '../data/input-features';
import type { InputMatrix } from '../data/types';
import { allocFloat, type FloatArray } from '../nn/dtype';
import type { Network } from '../nn/network';
import { EVAL_CHUNK_ROWS } from './evaluate';
import { prediction, type TargetEncoding } from './targets';
import { shortestFloat32 } from '../api/weights-file';

/** Cells per side of the decision-boundary grid. */
export const BOUNDARY_RESOLUTION = 40;
/** Cells per side of each neuron's thumbnail. */
export const THUMBNAIL_RESOLUTION = 16;
/** Networks with more hidden + output units than this get no thumbnails (nobody reads 65 of them). */
export const MAX_THUMBNAIL_UNITS = 64;
/**
 * Networks with more weights than this get none in their snapshots (`weights: []`): past a few
 * hundred links a drawing is unreadable, and every snapshot of a run is stored.
 */
export const MAX_SNAPSHOT_WEIGHTS = 20_000;
/**
 * Most network snapshots in one run. A snapshot is tens of kilobytes and every one is stored and
 * recorded on the app's main thread, so a long run with frequent diagnostics (75,000 steps with a
 * snapshot every 5 would be 15,000 snapshots, half a gigabyte) takes one at every k-th diagnostics
 * step instead; 200 frames still show the boundary's whole history.
 */
export const MAX_NETWORK_SNAPSHOTS = 200;
/** Padding of the plane on each side, as a fraction of the training data's range. */
export const EXTENT_PADDING = 0.1;

/** The part of the input plane a snapshot covers: x1 horizontally, x2 vertically, [min, max] each. */
export interface PlaneExtent {
  x1: [number, number];
  x2: [number, number];
}

/**
 * The training inputs' x1 and x2 ranges, each widened by EXTENT_PADDING × its width on both sides
 * (by 1 on both sides when all values are equal, so the plane never collapses to a line).
 */
export function planeExtent(x: InputMatrix): PlaneExtent {
  const range = (column: number): [number, number] => {
    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < x.rows; r++) {
      const v = x.values[r * x.cols + column]! * x.scale;
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min > max) return [-1, 1];
    const pad = max > min ? EXTENT_PADDING * (max - min) : 1;
    return [min - pad, max + pad];
  };
  return { x1: range(0), x2: range(1) };
}

/**
 * Take a network snapshot at every k-th diagnostics step (counting from the first, at step 0) of
 * a run that has `diagnosticsSteps` of them, plus its last step: k = 1 up to MAX_NETWORK_SNAPSHOTS
 * diagnostics steps, else the smallest k that keeps the run within MAX_NETWORK_SNAPSHOTS snapshots.
 */
export function networkSnapshotStride(diagnosticsSteps: number): number {
  return diagnosticsSteps <= MAX_NETWORK_SNAPSHOTS ? 1 : Math.ceil(diagnosticsSteps / (MAX_NETWORK_SNAPSHOTS - 1));
}

/**
 * The centres of a resolution × resolution grid over `extent`, row-major as (x1, x2) pairs:
 * row 0 is the top (largest x2), column 0 the left (smallest x1).
 */
export function gridCentres(extent: PlaneExtent, resolution: number, out: FloatArray): FloatArray {
  const [left, right] = extent.x1;
  const [bottom, top] = extent.x2;
  const width = (right - left) / resolution;
  const height = (top - bottom) / resolution;
  for (let row = 0; row < resolution; row++) {
    const x2 = top - (row + 0.5) * height;
    for (let col = 0; col < resolution; col++) {
      const cell = row * resolution + col;
      out[2 * cell] = left + (col + 0.5) * width;
      out[2 * cell + 1] = x2;
    }
  }
  return out;
}

/**
 * The network's inputs at the grid's centres: the centres themselves, or with input features the
 * features of each centre, computed from its float64 coordinates as the training data's are.
 */
function gridInputs(extent: PlaneExtent, resolution: number, dtype: 'float32' | 'float64', features: readonly InputFeature[] | null): FloatArray {
  const cells = resolution ** 2;
  if (features === null) return gridCentres(extent, resolution, allocFloat(dtype, 2 * cells));
  const centres = gridCentres(extent, resolution, new Float64Array(2 * cells));
  const out = allocFloat(dtype, features.length * cells);
  writeFeatures(centres, cells, features, out);
  return out;
}

/** 10⁰ … 10²², the powers of ten that doubles hold exactly. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A grid value as stored: 4 significant digits (plenty for a colour; a snapshot holds thousands
 * of them and every snapshot of a run is kept, so short JSON matters), -0 as 0, null for NaN and
 * ±Infinity. The digits of value.toPrecision(4) (bar a tie in the last digit), six times faster:
 * round(v·10ᵖ)/10ᵖ with an exact power of ten is the double nearest to the 4-digit decimal.
 */
export function displayValue(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  if (value === 0) return 0;
  const magnitude = Math.abs(value);
  const p = 3 - Math.floor(Math.log10(magnitude));
  if (p < 0 || p > 22) return Number(value.toPrecision(4)) + 0;
  const scale = POWERS_OF_TEN[p]!;
  // Round the magnitude so that halves go away from zero for negative values too, as toPrecision does.
  const rounded = Math.round(magnitude * scale) / scale;
  return value < 0 ? -rounded : rounded;
}

/**
 * What a network on 2-D inputs computes over the input plane, for the decision boundary, the
 * neurons' thumbnails and the links' weights (the `network` event). Evaluation mode: dropout off,
 * batch norm on its running statistics. It runs forward passes through the network's own buffers,
 * so call it only where the trainer's next step starts with a fresh forward (after the update,
 * like an evaluation); it changes no parameter, running statistic or random stream.
 *
 * Networks with more than MAX_THUMBNAIL_UNITS units get no thumbnails (`neurons: []`), and with
 * more than MAX_SNAPSHOT_WEIGHTS weights no weights (`weights: []`).
 *
 * Per boundary cell: for one-hot class outputs the argmax class and that unit's output (the class
 * probability under softmax); for one unit on two classes, class 1 where the output is ≥ 0.5 and
 * the chosen class's probability (a or 1 − a); for real-valued targets, class 0 and unit 0's raw output.
 */
export class NetworkSnapshotter {
  readonly extent: PlaneExtent;
  private readonly boundaryInputs: FloatArray;
  private readonly thumbnailInputs: FloatArray;
  private readonly withThumbnails: boolean;
  private readonly withWeights: boolean;

  constructor(
    private readonly network: Network,
    private readonly encoding: TargetEncoding,
    trainPoints: InputMatrix,
    features: readonly InputFeature[] | null = null,
  ) {
    const width = features?.length ?? 2;
    if (trainPoints.cols !== 2 || network.inputSize !== width) {
      throw new Error(`NetworkSnapshotter needs 2-D points and a network on ${width} inputs, not ${trainPoints.cols} and ${network.inputSize}`);
    }
    this.extent = planeExtent(trainPoints);
    this.boundaryInputs = gridInputs(this.extent, BOUNDARY_RESOLUTION, network.dtype, features);
    this.thumbnailInputs = gridInputs(this.extent, THUMBNAIL_RESOLUTION, network.dtype, features);
    this.withThumbnails = network.blocks.reduce((sum, block) => sum + block.spec.units, 0) <= MAX_THUMBNAIL_UNITS;
    this.withWeights = network.blocks.reduce((sum, block) => sum + block.dense.weights.value.length, 0) <= MAX_SNAPSHOT_WEIGHTS;
  }

  /** The snapshot of the network as it is now, labelled with the trainer's step and epoch. */
  snapshot(step: number, epoch: number): NetworkSnapshotEvent {
    const cells = BOUNDARY_RESOLUTION ** 2;
    const predicted = new Array<number>(cells);
    const confidence = new Array<number | null>(cells);
    this.forEachChunk(this.boundaryInputs, cells, (start, rows, output) => {
      for (let r = 0; r < rows; r++) {
        const cell = prediction(output, r, this.encoding);
        predicted[start + r] = cell.predicted;
        confidence[start + r] = displayValue(cell.confidence);
      }
    });
    return {
      type: 'network',
      step,
      epoch,
      extent: { x1: [...this.extent.x1], x2: [...this.extent.x2] },
      resolution: BOUNDARY_RESOLUTION,
      predicted,
      confidence,
      thumbnailResolution: THUMBNAIL_RESOLUTION,
      neurons: this.withThumbnails ? this.thumbnails() : [],
      weights: this.withWeights ? this.weights() : [],
    };
  }

  /**
   * Each layer's W (n_in rows × n_out), null where not finite; float32 values as the shortest
   * decimal that reads back to the same float32 (exact, and about half the characters).
   */
  private weights(): NetworkSnapshotEvent['weights'] {
    const float32 = this.network.dtype === 'float32';
    return this.network.blocks.map(({ dense }) => {
      const { value, rows, cols } = dense.weights;
      return Array.from({ length: rows }, (_, i) =>
        Array.from({ length: cols }, (_, j) => {
          const w = value[i * cols + j]!;
          return Number.isFinite(w) ? (float32 ? shortestFloat32(w) : w) + 0 : null;
        }),
      );
    });
  }

  /** Each hidden and output unit's activation (before dropout, which evaluation skips) at each thumbnail cell. */
  private thumbnails(): NetworkSnapshotEvent['neurons'] {
    const cells = THUMBNAIL_RESOLUTION ** 2;
    const neurons = this.network.blocks.flatMap((block) =>
      Array.from({ length: block.spec.units }, (_, unit) => ({ layer: block.index, unit, values: new Array<number | null>(cells) })),
    );
    this.forEachChunk(this.thumbnailInputs, cells, (start, rows) => {
      let n = 0;
      for (const block of this.network.blocks) {
        const units = block.spec.units;
        const a = block.activation.lastOutput(rows);
        for (let unit = 0; unit < units; unit++, n++) {
          const values = neurons[n]!.values;
          for (let r = 0; r < rows; r++) values[start + r] = displayValue(a[r * units + unit]!);
        }
      }
    });
    return neurons;
  }

  /** Forward passes over `cells` grid points in chunks; `visit` reads the network's buffers of each chunk. */
  private forEachChunk(inputs: FloatArray, cells: number, visit: (start: number, rows: number, output: FloatArray) => void): void {
    for (let start = 0; start < cells; start += EVAL_CHUNK_ROWS) {
      const rows = Math.min(EVAL_CHUNK_ROWS, cells - start);
      const width = this.network.inputSize;
      const output = this.network.forward(inputs.subarray(width * start, width * (start + rows)), rows, false);
      visit(start, rows, output);
    }
  }
}
