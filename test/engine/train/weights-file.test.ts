import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import type { LayerSpec } from '../../../engine/api/run-spec';
import { SpecError } from '../../../engine/api/spec-error';
import type { DType } from '../../../engine/nn/dtype';
import { Network } from '../../../engine/nn/network';
import { parseWeightsFile, shortestFloat32, stringifyWeightsFile, valuesInitializers, type WeightsFile } from '../../../engine/api/weights-file';
import { exportWeights } from '../../../engine/train/export-weights';

/** 3 inputs → 4 (batch norm) → 2: non-square, so a transposed matrix cannot pass for the right one. */
function network(dtype: DType, layers: LayerSpec[] = defaultLayers()): Network {
  return new Network(3, layers, dtype, 11);
}

function defaultLayers(): LayerSpec[] {
  return parseRunSpec({
    version: 1,
    dataset: { name: 'circle' },
    layers: [
      { units: 4, activation: 'tanh', batchNorm: true },
      { units: 2, activation: 'softmax' },
    ],
    optimizer: { name: 'sgd' },
    training: { batchSize: 2, epochs: 1 },
  }).layers;
}

/** Puts recognisable values in the batch-norm parameters and statistics (fresh ones are all 1s and 0s). */
function scrambleBatchNorm(net: Network): void {
  for (const block of net.blocks) {
    const bn = block.batchNorm;
    if (!bn) continue;
    for (let j = 0; j < bn.gamma.value.length; j++) {
      bn.gamma.value[j] = 1 + j / 7;
      bn.beta.value[j] = 0.25 - j / 3;
      bn.runningMean[j] = j / 9;
      bn.runningVar[j] = 0.5 + j / 11;
    }
  }
}

function problemFields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).problems.map((p) => p.field);
  }
  throw new Error('expected a SpecError');
}

/** A fixed sequence of float32 values of many magnitudes (no Math.random: failures must reproduce). */
function float32Samples(): number[] {
  const out: number[] = [];
  let state = 12345;
  for (let i = 0; i < 5000; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const mantissa = state / 2 ** 32 - 0.5;
    out.push(Math.fround(mantissa * 10 ** ((i % 24) - 12)));
  }
  out.push(Math.fround(0.1), Math.fround(1 / 3), Math.fround(1e-45), Math.fround(3.4e38), 0, 1, -2.5);
  return out;
}

describe('shortestFloat32', () => {
  it('reads back as the same float32 and is never longer than 9 significant digits', () => {
    for (const v of float32Samples()) {
      const shortest = shortestFloat32(v);
      expect(Math.fround(shortest), `${v}`).toBe(v);
      expect(String(shortest).length).toBeLessThanOrEqual(String(Number(v.toPrecision(9))).length);
    }
  });

  it('writes float32(0.1) as 0.1 and float32(1/3) as 0.33333334, not their 17-digit doubles', () => {
    expect(shortestFloat32(Math.fround(0.1))).toBe(0.1);
    expect(shortestFloat32(Math.fround(1 / 3))).toBe(0.33333334);
  });
});

describe('exportWeights', () => {
  it('writes each layer as n_in rows × n_out, row-major like the dense layer, with bias and batch norm', () => {
    const net = network('float32');
    scrambleBatchNorm(net);
    const file = exportWeights(net);
    expect(file.version).toBe(1);
    expect(file.layers).toHaveLength(2);
    net.blocks.forEach((block, i) => {
      const layer = file.layers[i]!;
      const { rows, cols, value } = block.dense.weights;
      expect(layer.weights).toHaveLength(rows);
      for (let r = 0; r < rows; r++) {
        expect(layer.weights[r]).toHaveLength(cols);
        for (let c = 0; c < cols; c++) expect(Math.fround(layer.weights[r]![c]!)).toBe(value[r * cols + c]);
      }
      expect(layer.bias.map(Math.fround)).toEqual(Array.from(block.dense.bias.value));
    });
    const bn = net.blocks[0]!.batchNorm!;
    const first = file.layers[0]!;
    expect(first.gamma!.map(Math.fround)).toEqual(Array.from(bn.gamma.value));
    expect(first.beta!.map(Math.fround)).toEqual(Array.from(bn.beta.value));
    expect(first.runningMean!.map(Math.fround)).toEqual(Array.from(bn.runningMean));
    expect(first.runningVar!.map(Math.fround)).toEqual(Array.from(bn.runningVar));
    expect(Object.keys(file.layers[1]!).sort()).toEqual(['bias', 'weights']);
  });

  it('keeps float32 files short: every value is its shortest float32 decimal', () => {
    const file = exportWeights(network('float32'));
    for (const layer of file.layers) for (const row of layer.weights) for (const v of row) expect(v).toBe(shortestFloat32(Math.fround(v)));
    const naive = JSON.stringify(Array.from(network('float32').blocks[0]!.dense.weights.value));
    const written = JSON.stringify(file.layers[0]!.weights.flat());
    expect(written.length).toBeLessThan(naive.length);
  });

  it('writes float64 values exactly as they are', () => {
    const net = network('float64');
    const file = exportWeights(net);
    expect(file.layers[1]!.weights.flat()).toEqual(Array.from(net.blocks[1]!.dense.weights.value));
    expect(file.layers[0]!.weights.flat()).toEqual(Array.from(net.blocks[0]!.dense.weights.value));
  });

  it('refuses a network with non-finite parameters, naming the layer', () => {
    const net = network('float32');
    net.blocks[1]!.dense.weights.value[3] = NaN;
    expect(() => exportWeights(net)).toThrow(/layers\[1\]\.weights holds NaN/);
  });
});

describe('stringifyWeightsFile and parseWeightsFile', () => {
  it('round-trips through JSON text to the same file, one weight row per line', () => {
    const net = network('float32');
    scrambleBatchNorm(net);
    const file = exportWeights(net);
    const text = stringifyWeightsFile(file);
    expect(parseWeightsFile(JSON.parse(text))).toEqual(file);
    expect(text.split('\n').filter((line) => /^\s*\[[^[\]]*\],?$/.test(line))).toHaveLength(3 + 4);
  });

  const valid = (): WeightsFile => ({
    version: 1,
    layers: [
      { weights: [[1, 2], [3, 4], [5, 6]], bias: [0, 0] },
      { weights: [[1], [2]], bias: [0.5] },
    ],
  });

  it('accepts a well-formed file', () => {
    expect(parseWeightsFile(valid())).toEqual(valid());
  });

  it.each<[string, (f: Record<string, unknown> & WeightsFile) => unknown, string]>([
    ['another version', (f) => ({ ...f, version: 2 }), 'version'],
    ['no layers', (f) => ({ ...f, layers: [] }), 'layers'],
    ['a string among the weights', (f) => (((f.layers[0]!.weights[1] as unknown[])[0] = 'abc'), f), 'layers[0].weights[1][0]'],
    ['NaN written as null', (f) => (((f.layers[1]!.bias as unknown[])[0] = null), f), 'layers[1].bias[0]'],
    ['a ragged row', (f) => (f.layers[0]!.weights[2]!.push(7), f), 'layers[0].weights[2]'],
    ['a bias of the wrong length', (f) => (f.layers[0]!.bias.push(0), f), 'layers[0].bias'],
    ['rows that do not match the previous layer', (f) => (f.layers[1]!.weights.push([3]), f), 'layers[1].weights'],
    ['half a batch-norm layer', (f) => ((f.layers[0]!.gamma = [1, 1]), f), 'layers[0].beta'],
    ['a negative running variance', (f) => (Object.assign(f.layers[0]!, { gamma: [1, 1], beta: [0, 0], runningMean: [0, 0], runningVar: [1, -1] }), f), 'layers[0].runningVar[1]'],
    ['a misspelt field', (f) => (Object.assign(f.layers[0]!, { weight: [] }), f), 'layers[0]'],
  ])('rejects %s, naming the field', (_, damage, field) => {
    const fields = problemFields(() => parseWeightsFile(damage(valid())));
    expect(fields).toContain(field);
  });
});

describe('valuesInitializers', () => {
  it('rebuilds a network that computes exactly what the saved one computes (float32)', () => {
    const layers = parseRunSpec({
      version: 1,
      dataset: { name: 'circle' },
      layers: [
        { units: 5, activation: 'relu' },
        { units: 4, activation: 'tanh' },
        { units: 2, activation: 'softmax' },
      ],
      optimizer: { name: 'sgd' },
      training: { batchSize: 2, epochs: 1 },
    }).layers;
    const saved = new Network(3, layers, 'float32', 5);
    const file = parseWeightsFile(JSON.parse(stringifyWeightsFile(exportWeights(saved))));
    const inits = valuesInitializers(file);
    expect(inits.map((init) => init.name)).toEqual(['values', 'values', 'values']);
    const spec = parseRunSpec({
      version: 1,
      seed: 999,
      dataset: { name: 'circle' },
      layers: layers.map((layer, i) => ({ units: layer.units, activation: layer.activation, init: inits[i] })),
      optimizer: { name: 'sgd' },
      training: { batchSize: 2, epochs: 1 },
    });
    const rebuilt = new Network(3, spec.layers, 'float32', spec.seed);
    rebuilt.blocks.forEach((block, i) => {
      expect(block.dense.weights.value).toEqual(saved.blocks[i]!.dense.weights.value);
      expect(block.dense.bias.value).toEqual(saved.blocks[i]!.dense.bias.value);
    });
    const input = Float32Array.from([0.3, -1.2, 2.5, -0.7, 0.01, 4]);
    expect(Array.from(rebuilt.forward(input, 2, false).subarray(0, 4))).toEqual(Array.from(saved.forward(input, 2, false).subarray(0, 4)));
  });

  it('returns copies: editing an initializer leaves the file alone', () => {
    const file = exportWeights(network('float64'));
    const before = JSON.stringify(file);
    const inits = valuesInitializers(file);
    inits[0]!.weights[0]![0] = 123;
    inits[0]!.bias[0] = 456;
    expect(JSON.stringify(file)).toBe(before);
  });
});
