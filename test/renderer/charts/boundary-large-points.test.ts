import { describe, expect, it } from 'vitest';
import { classColor } from '../../../renderer/src/lib/charts/chart-style';
import { decisionBoundaryOption, LARGE_POINT_COUNT, type PlanePoint } from '../../../renderer/src/lib/charts/decision-boundary-chart';
import { circleSpec } from '../../engine/train/run-helpers';
import { ko, list, seriesOf, trainWithPoints } from './chart-helpers';

const circle = trainWithPoints(circleSpec({ name: 'circle tanh' }));
const network = seriesOf(circle.events).latestNetwork!;

/** Points of 3 classes, four in five for training. */
function manyPoints(count: number): PlanePoint[] {
  return Array.from({ length: count }, (_, i) => ({ x1: (i % 100) / 50 - 1, x2: Math.floor(i / 100) / 50 - 1, label: i % 3, split: i % 5 === 4 ? 'test' : 'train' }));
}

type Scatter = { type?: string; id?: string; name?: string; large?: boolean; data?: number[][]; itemStyle?: { color?: string } };

describe('decision boundary with many points', () => {
  it('draws each class of a split as one large-mode series, every point in its class colour', () => {
    // As many as a file's preview sends: 1,000 per split.
    const points = manyPoints(2_000);
    const option = decisionBoundaryOption(network, points, ko, { numClasses: 3 });
    const scatters = list(option.series).filter((s) => s.type === 'scatter') as Scatter[];
    const drawn = scatters.filter((s) => (s.data?.length ?? 0) > 0);
    // One per split and class, each drawn as a single path.
    expect(drawn.map((s) => s.id)).toEqual(['train-class-0', 'train-class-1', 'train-class-2', 'test-class-0', 'test-class-1', 'test-class-2']);
    for (const s of drawn) {
      expect(s.large).toBe(true);
      const label = s.data![0]![2]!;
      expect(s.itemStyle?.color).toBe(classColor(label));
      expect(s.data!.every((value) => value[2] === label)).toBe(true);
    }
    expect(drawn.reduce((n, s) => n + s.data!.length, 0)).toBe(points.length);
    // The legend keeps its two entries, in the neutral marker colour of the empty first series of each split.
    expect(scatters.filter((s) => s.data?.length === 0).map((s) => [s.id, s.name])).toEqual([['train', '훈련 데이터'], ['test', '시험 데이터']]);
  });

  it('keeps one series per split, with per-point colours, up to the threshold', () => {
    const option = decisionBoundaryOption(network, manyPoints(LARGE_POINT_COUNT), ko, { numClasses: 3 });
    expect(list(option.series).filter((s) => s.type === 'scatter').map((s) => s.id)).toEqual(['train', 'test']);
  });

  it('names the split of a hovered point in a class series', () => {
    const option = decisionBoundaryOption(network, manyPoints(2_000), ko, { numClasses: 3 });
    const formatter = (option.tooltip as { formatter: (params: unknown) => string }).formatter;
    expect(formatter({ seriesIndex: 6, seriesId: 'test-class-1', value: [0.5, 0.25, 1] })).toBe(formatter({ seriesIndex: 2, seriesId: 'test', value: [0.5, 0.25, 1] }));
    expect(formatter({ seriesIndex: 2, seriesId: 'train-class-1', value: [0.5, 0.25, 1] })).toBe(formatter({ seriesIndex: 1, seriesId: 'train', value: [0.5, 0.25, 1] }));
  });
});
