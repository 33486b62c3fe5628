import { describe, expect, it } from 'vitest';
import { modifyHSL, parse } from 'zrender/lib/tool/color';
import { paintBoundary, type BoundaryColouring } from '../../../renderer/src/lib/charts/boundary-image';
import { classColor } from '../../../renderer/src/lib/charts/chart-style';
import type { CellTable } from '../../../renderer/src/lib/charts/chart-table';
import { decisionBoundaryOption } from '../../../renderer/src/lib/charts/decision-boundary-chart';
import { circleSpec } from '../../engine/train/run-helpers';
import { ko, list, seriesOf, trainWithPoints } from './chart-helpers';

const classes: BoundaryColouring = { kind: 'classes', numClasses: 2, classColor, lightness: [0.97, 0.8] };
const bytes = (css: string): number[] => {
  const [r, g, b, a] = parse(css);
  return [r!, g!, b!, Math.round((a ?? 1) * 255)];
};
const pixel = (data: Uint8ClampedArray, i: number): number[] => Array.from(data.slice(i * 4, i * 4 + 4));

describe('boundary picture', () => {
  it('is one RGBA pixel per cell, row 0 of the snapshot (the top of the plane) first', () => {
    // Resolution 2: top left class 0, sure; top right class 1, a coin toss; bottom row the other way round.
    const image = paintBoundary({ resolution: 2, predicted: [0, 1, 1, 0], confidence: [1, 0.5, 1, 0.75] }, classes);
    expect(image.width).toBe(2);
    expect(image.height).toBe(2);
    expect(image.data).toHaveLength(16);
    expect(pixel(image.data, 0)).toEqual(bytes(modifyHSL(classColor(0), undefined, undefined, 0.8)));
    expect(pixel(image.data, 1)).toEqual(bytes(modifyHSL(classColor(1), undefined, undefined, 0.97)));
    expect(pixel(image.data, 2)).toEqual(bytes(modifyHSL(classColor(1), undefined, undefined, 0.8)));
    // Halfway from a coin toss (0.5) to certainty: halfway in lightness.
    expect(pixel(image.data, 3)).toEqual(bytes(modifyHSL(classColor(0), undefined, undefined, 0.885)));
    expect(pixel(image.data, 0)).not.toEqual(pixel(image.data, 2));
  });

  it("gives every class colour at every confidence the bytes of zrender's modifyHSL, as the heatmap had them", () => {
    const confidences = Array.from({ length: 1001 }, (_, i) => i / 1000);
    for (const numClasses of [2, 3, 10]) {
      const colouring: BoundaryColouring = { kind: 'classes', numClasses, classColor, lightness: [0.97, 0.8] };
      for (let c = 0; c < numClasses; c++) {
        const image = paintBoundary({ resolution: 1, predicted: [c], confidence: [0] }, colouring);
        expect(image.data).toHaveLength(4);
        const row = paintBoundary({ resolution: 33, predicted: Array(33 * 33).fill(c), confidence: Array.from({ length: 33 * 33 }, (_, i) => confidences[i % confidences.length]!) }, colouring);
        for (let i = 0; i < 33 * 33; i++) {
          const t = Math.min(1, Math.max(0, (confidences[i % confidences.length]! - 1 / numClasses) / (1 - 1 / numClasses)));
          expect(pixel(row.data, i)).toEqual(bytes(modifyHSL(classColor(c), undefined, undefined, 0.97 + (0.8 - 0.97) * t)));
        }
      }
    }
    // A cell without a confidence is its class's own colour.
    const bare = paintBoundary({ resolution: 1, predicted: [1], confidence: [null] }, classes);
    expect(pixel(bare.data, 0)).toEqual(bytes(classColor(1)));
  });

  it('colours a regression output on the ramp and leaves cells without a value transparent', () => {
    const image = paintBoundary(
      { resolution: 2, predicted: [0, 0, 0, 0], confidence: [0, 0.5, 1, null] },
      { kind: 'output', low: 0, high: 1, ramp: ['#f59322', '#ffffff', '#0877bd'] },
    );
    expect(pixel(image.data, 0)).toEqual([0xf5, 0x93, 0x22, 255]);
    expect(pixel(image.data, 1)).toEqual([255, 255, 255, 255]);
    expect(pixel(image.data, 2)).toEqual([0x08, 0x77, 0xbd, 255]);
    expect(pixel(image.data, 3)).toEqual([0, 0, 0, 0]);
  });

  it('puts each cell of a trained network where the chart’s cell data places it: y up', () => {
    const circle = trainWithPoints(circleSpec({ name: 'circle' }));
    const network = seriesOf(circle.events).latestNetwork!;
    const n = network.resolution;
    const image = paintBoundary(network, classes);
    expect(image.width).toBe(n);
    const cells = (list(decisionBoundaryOption(network, circle.points, ko, { numClasses: 2 }).series)[0] as unknown as CellTable).cellTable() as number[][];
    expect(cells).toHaveLength(n * n);
    for (const [col, y, predicted, confidence] of cells) {
      const row = n - 1 - y!; // y counts up from the bottom of the plane; the picture's rows go down
      const one = paintBoundary({ resolution: 1, predicted: [predicted!], confidence: [confidence!] }, classes);
      expect(pixel(image.data, row * n + col!)).toEqual(pixel(one.data, 0));
    }
  });
});
