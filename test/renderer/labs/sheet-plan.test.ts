import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../engine/api/runs';
import { LAB_SHEETS, findLabSheet } from '../../../engine/lab/lab-sheets';
import { findPreset } from '../../../engine/lab/presets';
import { gatedComparisons, latestRunByPreset, predictionStep, presetOfRun, presetTag, sheetTag, stepSeconds } from '../../../renderer/src/lib/labs/sheet-plan';

function summary(id: string, tags: string[], createdAt: string): RunSummary {
  return { id, tags, createdAt } as RunSummary;
}

describe('sheet plan', () => {
  it('asks each step’s prediction before its runs, and a later look-only comparison with the runs it looks at', () => {
    const init = findLabSheet('04-initialization')!;
    const runStep = init.steps.findIndex((s) => s.presets?.includes('init-mnist-he'));
    expect(gatedComparisons(init, runStep).map((c) => c.id)).toEqual(['init-which-learns', 'init-fastest']);
    expect(predictionStep(init, 'init-fastest')).toBe(runStep);
    // Probe steps run no training: nothing to gate.
    expect(gatedComparisons(init, 0)).toEqual([]);
  });

  it('gates every comparison of every sheet at some step that runs its presets', () => {
    for (const sheet of LAB_SHEETS) {
      for (const comparison of sheet.comparisons) {
        const step = predictionStep(sheet, comparison.id);
        expect(step, `${sheet.id}/${comparison.id}`).toBeGreaterThanOrEqual(0);
        for (const preset of comparison.presets) expect(findPreset(preset), preset).toBeDefined();
      }
    }
  });

  it('finds the newest run of each preset from the tags', () => {
    const runs = [
      summary('a', [sheetTag('backprop'), presetTag('p1')], '2025-01-01T00:00:00Z'),
      summary('b', [sheetTag('backprop'), presetTag('p1')], '2025-01-02T00:00:00Z'),
      summary('c', [sheetTag('backprop'), presetTag('p2')], '2025-01-01T00:00:00Z'),
      summary('d', [sheetTag('backprop')], '2025-01-03T00:00:00Z'),
    ];
    const latest = latestRunByPreset(runs);
    expect([...latest.entries()].map(([preset, run]) => [preset, run.id])).toEqual([
      ['p1', 'b'],
      ['p2', 'c'],
    ]);
    expect(presetOfRun(runs[3]!)).toBeNull();
  });

  it('estimates a step as waves of parallel runs', () => {
    expect(stepSeconds([100, 60, 30], 2)).toBe(130);
    expect(stepSeconds([100, 60, 30], 4)).toBe(100);
    expect(stepSeconds([100, null], 2)).toBeNull();
    expect(stepSeconds([], 2)).toBeNull();
  });
});
