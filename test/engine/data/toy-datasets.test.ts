import { describe, it, expect } from 'vitest';
import { DatasetSpecSchema, TOY_DATASETS, type ToyDatasetName } from '../../../engine/api/run-spec';
import { DatasetError } from '../../../engine/data/dataset-error';
import { generateToyDataset, type ToyDatasetSpec } from '../../../engine/data/toy-datasets';
import type { Dataset, DataSplit } from '../../../engine/data/types';

function toy(name: ToyDatasetName, options: { samples?: number; noise?: number; testFraction?: number } = {}): ToyDatasetSpec {
  return DatasetSpecSchema.parse({ name, ...options }) as ToyDatasetSpec;
}

interface Point {
  x: number;
  y: number;
  label: number;
}

/** Train and test rows together, as points. */
function allPoints(dataset: Dataset): Point[] {
  const points: Point[] = [];
  for (const split of [dataset.train, dataset.test]) {
    if (split === null) continue;
    const labels = classLabels(split);
    for (let i = 0; i < split.x.rows; i++) {
      points.push({ x: split.x.values[i * 2]!, y: split.x.values[i * 2 + 1]!, label: labels[i]! });
    }
  }
  return points;
}

function classLabels(split: DataSplit): Uint8Array | Int32Array {
  if (split.y.kind !== 'classes') throw new Error('expected class labels');
  return split.y.labels;
}

function countLabel(points: Point[], label: number): number {
  return points.filter((p) => p.label === label).length;
}

function std(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

describe('toy datasets: shape and split', () => {
  it.each(TOY_DATASETS)('%s: 2 inputs, 2 classes, Float64 rows with scale 1', (name) => {
    const dataset = generateToyDataset(toy(name, { samples: 200, testFraction: 0.5 }), 1);
    expect(dataset).toMatchObject({ name, inputSize: 2, numClasses: 2, targetSize: 1, imageShape: null });
    for (const split of [dataset.train, dataset.test!]) {
      expect(split.x.values).toBeInstanceOf(Float64Array);
      expect(split.x).toMatchObject({ rows: 100, cols: 2, scale: 1 });
      expect(split.x.values).toHaveLength(200);
      expect(split.y).toMatchObject({ kind: 'classes', numClasses: 2 });
      expect([...classLabels(split)].every((label) => label === 0 || label === 1)).toBe(true);
    }
  });

  it('puts round(testFraction · samples) rows in the test split and the rest in train', () => {
    const dataset = generateToyDataset(toy('circle', { samples: 101, testFraction: 0.3 }), 1);
    expect(dataset.test!.x.rows).toBe(30);
    expect(dataset.train.x.rows).toBe(71);
  });

  it('has no test split when testFraction · samples rounds to 0', () => {
    expect(generateToyDataset(toy('xor', { samples: 50, testFraction: 0 }), 1).test).toBeNull();
    const tiny = generateToyDataset(toy('xor', { samples: 9, testFraction: 0.05 }), 1);
    expect(tiny.test).toBeNull();
    expect(tiny.train.x.rows).toBe(9);
  });

  it('splits one shuffled set: train and test are disjoint and together hold every sample', () => {
    const dataset = generateToyDataset(toy('gauss', { samples: 300, testFraction: 0.4 }), 3);
    const keys = new Set(allPoints(dataset).map((p) => `${p.x},${p.y}`));
    expect(keys.size).toBe(300);
    // Generation is class by class; a shuffled split mixes both classes into each part.
    const testLabels = [...classLabels(dataset.test!)];
    expect(testLabels).toContain(0);
    expect(testLabels).toContain(1);
  });

  it('refuses a testFraction that leaves no training samples, naming the field', () => {
    const attempt = () => generateToyDataset(toy('circle', { samples: 5, testFraction: 0.9 }), 1);
    expect(attempt).toThrow(DatasetError);
    expect(attempt).toThrow(expect.objectContaining({ field: 'dataset.testFraction' }));
  });
});

describe('toy datasets: classes are balanced', () => {
  it.each(TOY_DATASETS)('%s at noise 0: exactly half of each class (the extra one to class 1 when odd)', (name) => {
    const even = allPoints(generateToyDataset(toy(name, { samples: 400, noise: 0 }), 2));
    expect(countLabel(even, 1)).toBe(200);
    expect(countLabel(even, 0)).toBe(200);
    const odd = allPoints(generateToyDataset(toy(name, { samples: 401, noise: 0 }), 2));
    expect(countLabel(odd, 1)).toBe(201);
    expect(countLabel(odd, 0)).toBe(200);
  });

  it.each(['gauss', 'spiral'] as const)('%s keeps its labels exactly balanced at any noise (labels are the generating class)', (name) => {
    const points = allPoints(generateToyDataset(toy(name, { samples: 400, noise: 0.5 }), 2));
    expect(countLabel(points, 1)).toBe(200);
  });
});

describe('toy datasets: definitions', () => {
  it('circle at noise 0: class 1 within radius 2.5, class 0 on the ring 3.5..5 (separable by radius)', () => {
    const points = allPoints(generateToyDataset(toy('circle', { samples: 1000, noise: 0 }), 4));
    for (const p of points) {
      const r = Math.hypot(p.x, p.y);
      if (p.label === 1) expect(r).toBeLessThan(2.5);
      else {
        expect(r).toBeGreaterThanOrEqual(3.5);
        expect(r).toBeLessThanOrEqual(5);
      }
    }
  });

  it('circle with noise: the label is decided on the noisy point, so some points carry the other region\'s label', () => {
    const points = allPoints(generateToyDataset(toy('circle', { samples: 1000, noise: 0.5 }), 4));
    const innerLabelledZero = points.filter((p) => Math.hypot(p.x, p.y) < 2.5 && p.label === 0).length;
    const ringLabelledOne = points.filter((p) => Math.hypot(p.x, p.y) >= 3.5 && p.label === 1).length;
    expect(innerLabelledZero).toBeGreaterThan(50);
    expect(ringLabelledOne).toBeGreaterThan(0);
    // Stored points stay the clean ones, inside the outer radius.
    expect(points.every((p) => Math.hypot(p.x, p.y) <= 5)).toBe(true);
  });

  it('xor at noise 0: label 1 exactly where x·y ≥ 0, points padded 0.3 away from both axes', () => {
    const points = allPoints(generateToyDataset(toy('xor', { samples: 1000, noise: 0 }), 5));
    for (const p of points) {
      expect(p.label).toBe(p.x * p.y >= 0 ? 1 : 0);
      for (const v of [p.x, p.y]) {
        expect(Math.abs(v)).toBeGreaterThanOrEqual(0.3);
        expect(Math.abs(v)).toBeLessThanOrEqual(5.3);
      }
    }
    // All four quadrants are used.
    const quadrants = new Set(points.map((p) => `${Math.sign(p.x)}${Math.sign(p.y)}`));
    expect(quadrants.size).toBe(4);
  });

  it('xor with noise: some labels disagree with the clean quadrant', () => {
    const points = allPoints(generateToyDataset(toy('xor', { samples: 1000, noise: 0.5 }), 5));
    const flipped = points.filter((p) => p.label !== (p.x * p.y >= 0 ? 1 : 0)).length;
    expect(flipped).toBeGreaterThan(50);
    expect(flipped).toBeLessThan(500);
  });

  it('gauss at noise 0: blobs at (2, 2) labelled 1 and (-2, -2) labelled 0, separated by x + y = 0', () => {
    const points = allPoints(generateToyDataset(toy('gauss', { samples: 2000, noise: 0 }), 6));
    for (const p of points) expect(p.label).toBe(p.x + p.y > 0 ? 1 : 0);
    const blob = points.filter((p) => p.label === 1);
    expect(blob.reduce((a, p) => a + p.x, 0) / blob.length).toBeCloseTo(2, 1);
    expect(blob.reduce((a, p) => a + p.y, 0) / blob.length).toBeCloseTo(2, 1);
  });

  it.each([
    [0, Math.sqrt(0.5)],
    [0.5, 2],
    [1, Math.sqrt(7.5)],
  ])('gauss at noise %s: each coordinate has standard deviation √(0.5 + 7·noise) = %f', (noise, expected) => {
    const points = allPoints(generateToyDataset(toy('gauss', { samples: 4000, noise }), 6));
    for (const label of [0, 1]) {
      const blob = points.filter((p) => p.label === label);
      expect(std(blob.map((p) => p.x)) / expected).toBeCloseTo(1, 1);
      expect(std(blob.map((p) => p.y)) / expected).toBeCloseTo(1, 1);
    }
  });

  it('spiral at noise 0: two arms, the class-0 arm the class-1 arm turned by π, radii 5·i/m', () => {
    const m = 100;
    const points = allPoints(generateToyDataset(toy('spiral', { samples: 2 * m, noise: 0 }), 7));
    const key = (x: number, y: number) => `${x.toFixed(9)},${y.toFixed(9)}`;
    const arm1 = points.filter((p) => p.label === 1);
    const arm0 = new Set(points.filter((p) => p.label === 0).map((p) => key(-p.x, -p.y)));
    expect(arm1.every((p) => arm0.has(key(p.x, p.y)))).toBe(true);
    const radii = arm1.map((p) => Math.hypot(p.x, p.y)).sort((a, b) => a - b);
    radii.forEach((r, i) => expect(r).toBeCloseTo((5 * i) / m, 9));
    // 1.75 turns: the point at i = m/2 sits at angle 1.75·π from the start, i.e. (sin, cos) of 1.75π.
    const half = arm1.find((p) => Math.abs(Math.hypot(p.x, p.y) - 2.5) < 1e-9)!;
    expect(half.x).toBeCloseTo(2.5 * Math.sin(1.75 * Math.PI), 9);
    expect(half.y).toBeCloseTo(2.5 * Math.cos(1.75 * Math.PI), 9);
  });

  it('spiral with noise: points move by at most noise in each coordinate', () => {
    const noise = 0.4;
    const clean = allPoints(generateToyDataset(toy('spiral', { samples: 200, noise: 0 }), 7));
    const noisy = allPoints(generateToyDataset(toy('spiral', { samples: 200, noise }), 7));
    let moved = 0;
    noisy.forEach((p, i) => {
      const q = clean[i]!;
      expect(p.label).toBe(q.label);
      expect(Math.abs(p.x - q.x)).toBeLessThanOrEqual(noise);
      expect(Math.abs(p.y - q.y)).toBeLessThanOrEqual(noise);
      if (p.x !== q.x) moved++;
    });
    expect(moved).toBeGreaterThan(190);
  });

  it.each(['circle', 'xor'] as const)('%s: the same seed gives the same points at any noise; only labels change', (name) => {
    const clean = generateToyDataset(toy(name, { samples: 300, noise: 0 }), 8);
    const noisy = generateToyDataset(toy(name, { samples: 300, noise: 0.3 }), 8);
    expect(noisy.train.x.values).toEqual(clean.train.x.values);
    expect(noisy.test!.x.values).toEqual(clean.test!.x.values);
    expect(classLabels(noisy.train)).not.toEqual(classLabels(clean.train));
  });
});

describe('toy datasets: seeding', () => {
  it.each(TOY_DATASETS)('%s: the same seed gives bit-identical data, another seed different data', (name) => {
    const spec = toy(name, { samples: 200, noise: 0.2 });
    const a = generateToyDataset(spec, 11);
    const b = generateToyDataset(spec, 11);
    const c = generateToyDataset(spec, 12);
    expect(b).toEqual(a);
    expect(c.train.x.values).not.toEqual(a.train.x.values);
  });

  it('pins the generated values (replay of stored runs depends on them)', () => {
    const firstRow = (name: ToyDatasetName) => {
      const dataset = generateToyDataset(toy(name, { samples: 10, noise: 0.1, testFraction: 0.2 }), 42);
      return [...dataset.train.x.values.subarray(0, 2), classLabels(dataset.train)[0]];
    };
    expect(Object.fromEntries(TOY_DATASETS.map((name) => [name, firstRow(name)]))).toEqual(GOLDEN_FIRST_ROWS);
  });
});

/** First training row (x, y, label) of each set, seed 42, 10 samples, noise 0.1, testFraction 0.2. */
const GOLDEN_FIRST_ROWS = {
  circle: [-2.7745565949536592, -3.2993873220207286, 0],
  xor: [-3.0575477054576448, 2.4160880409467107, 0],
  gauss: [2.2842091524056984, 0.6200275618272939, 1],
  spiral: [0.9395899920179747, 2.909634829291767, 1],
};
