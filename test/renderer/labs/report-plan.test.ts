import { describe, expect, it } from 'vitest';
import { LAB_SHEETS } from '../../../engine/lab/lab-sheets';
import { findPreset } from '../../../engine/lab/presets';
import { MAX_COMPARED_RUNS } from '../../../renderer/src/lib/compare/run-colors';
import { reportPlan } from '../../../renderer/src/lib/labs/report-plan';

describe('report plans', () => {
  it('put every training preset of every sheet in exactly one group, and no more than six runs on a chart', () => {
    for (const sheet of LAB_SHEETS) {
      const plan = reportPlan(sheet);
      const planned = plan.flatMap((group) => group.presets);
      const sheetPresets = [...new Set(sheet.steps.flatMap((step) => step.presets ?? []))];
      expect(new Set(planned), sheet.id).toEqual(new Set(sheetPresets));
      expect(planned, sheet.id).toHaveLength(new Set(planned).size);
      for (const id of planned) expect(findPreset(id)?.kind, id).toBe('train');
      for (const group of plan) {
        for (const figure of group.figures) {
          const perChart = figure.kind === 'train-test' ? figure.panels.map((panel) => panel.presets.length) : [group.presets.length];
          for (const runs of perChart) expect(runs, `${sheet.id}: ${figure.kind}`).toBeLessThanOrEqual(MAX_COMPARED_RUNS);
          if (figure.kind === 'train-test') for (const panel of figure.panels) for (const id of panel.presets) expect(group.presets).toContain(id);
        }
        if (group.colors) expect(group.colors).toHaveLength(group.presets.length);
      }
    }
  });
});
