import { describe, expect, it } from 'vitest';
import { SentSeries } from '../../../renderer/src/lib/charts/sent-series';
import { decisionBoundaryOption } from '../../../renderer/src/lib/charts/decision-boundary-chart';
import type { ChartOption } from '../../../renderer/src/lib/charts/chart-option';
import { circleSpec } from '../../engine/train/run-helpers';
import { en, ko, list, trainWithPoints } from './chart-helpers';

describe('series sent once', () => {
  const circle = trainWithPoints(circleSpec({ name: 'circle' }));
  const networks = circle.events.filter((e) => e.type === 'network');

  it('a training update of the decision boundary sends its picture, not the data points again', () => {
    expect(networks.length).toBeGreaterThan(1);
    const sent = new SentSeries();
    const first = sent.next(decisionBoundaryOption(networks[0]!, circle.points, ko, { numClasses: 2 }), true);
    expect(list(first.series).map((s) => s.type)).toEqual(['custom', 'scatter', 'scatter']);
    const update = decisionBoundaryOption(networks[1]!, circle.points, ko, { numClasses: 2 });
    // The same points make the same series objects: nothing to rebuild.
    expect(list(update.series)[1]).toBe(list(first.series)[1]);
    const second = sent.next(update, false);
    expect(list(second.series).map((s) => s.id)).toEqual(['boundary']);
    expect(JSON.stringify(second.series)).not.toContain(String(circle.points[0]!.x1));
  });

  it('sends everything again when the chart is replaced, and series whose text changed', () => {
    const sent = new SentSeries();
    sent.next(decisionBoundaryOption(networks[0]!, circle.points, ko, { numClasses: 2 }), true);
    expect(list(sent.next(decisionBoundaryOption(networks[1]!, circle.points, ko, { numClasses: 2 }), true).series)).toHaveLength(3);
    // Another language: the points' series are named anew.
    expect(list(sent.next(decisionBoundaryOption(networks[1]!, circle.points, en, { numClasses: 2 }), false).series)).toHaveLength(3);
    // New points (another run): sent.
    const moved = circle.points.map((p) => ({ ...p }));
    expect(list(sent.next(decisionBoundaryOption(networks[1]!, moved, en, { numClasses: 2 }), false).series)).toHaveLength(3);
  });

  it('leaves series without an id alone (every other chart)', () => {
    const option: ChartOption = { series: [{ type: 'line', data: [[0, 1]] }] };
    const sent = new SentSeries();
    sent.next(option, true);
    expect(sent.next(option, false)).toBe(option);
  });
});
