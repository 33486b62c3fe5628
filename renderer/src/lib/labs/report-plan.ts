import type { LabSheet, LabSheetId } from '$engine/lab/lab-sheets';
import { BATCH_NORM_SCALES } from '$engine/lab/presets';
import { MAX_COMPARED_RUNS } from '../compare/run-colors';
import type { ReportLessonKey } from '../i18n/messages/report-lesson';

/**
 * What each sheet's report draws: the sheet's runs in groups (each with its own table, settings
 * that differ and figures), and for each group the lesson's key figures — 03 the gradient size per
 * layer on a log axis, 04 the activation histograms per layer, 05 the train and test curves and
 * their gap. At most MAX_COMPARED_RUNS runs share a chart, so every legend reads on paper.
 */

/** One figure of a group. */
export type PlannedFigure =
  /** ‖∂L/∂W‖ per layer over training, one panel per layer, one line per run, one log axis. */
  | { kind: 'gradient-flow' }
  /** The activation histograms of every layer at the runs' first snapshot (the initial weights), a column per run. */
  | { kind: 'activation-histograms' }
  /** Batch loss, smoothed, one line per run. */
  | { kind: 'batch-loss' }
  /** Evaluated train and test loss per run (the batch loss when a run has fewer than two evaluations). */
  | { kind: 'loss' }
  /** Train and test accuracy as small multiples: one chart per panel (a run alone, or runs side by side). */
  | { kind: 'train-test'; panels: PlannedPanel[] }
  /** The train–test gap of every run of the group (accuracy and loss). */
  | { kind: 'gap' };

/** One small chart of a train-test figure: its runs (presets), and its heading when it has more than one run. */
export interface PlannedPanel {
  presets: string[];
  label?: { key: ReportLessonKey; params: Record<string, string | number> };
}

/** A group of a sheet's runs, reported together. */
export interface PlannedGroup {
  /** The group's heading; none when it is the sheet's only group. */
  title: ReportLessonKey | null;
  /** Its runs, by preset, in order. */
  presets: string[];
  /**
   * The colour of each preset's run, as an index into the run colours (default: its position):
   * runs that play the same part in every chart (batch norm off, batch norm on) share one.
   */
  colors?: number[];
  figures: PlannedFigure[];
}

/** The preset of the batch-norm experiment at one initial scale, without or with batch norm (presets.ts names them so). */
const batchNormPreset = (on: boolean, scale: number) => `bn-${on ? 'on' : 'off'}-std-${String(scale).replace('.', '_')}`;

const PLANS: Partial<Record<LabSheetId, PlannedGroup[]>> = {
  '03-vanishing-gradient': [
    {
      title: null,
      presets: ['vanishing-sigmoid', 'vanishing-relu', 'vanishing-tanh'],
      figures: [{ kind: 'gradient-flow' }, { kind: 'batch-loss' }],
    },
  ],
  '04-initialization': [
    {
      title: null,
      presets: ['init-mnist-std001', 'init-mnist-xavier', 'init-mnist-he'],
      figures: [{ kind: 'activation-histograms' }, { kind: 'batch-loss' }],
    },
  ],
  '05-overfitting': [
    {
      title: 'groupOverfitting',
      presets: ['overfit-baseline', 'overfit-l2', 'overfit-l1', 'overfit-dropout', 'overfit-batchnorm'],
      figures: [
        { kind: 'train-test', panels: ['overfit-baseline', 'overfit-l2', 'overfit-l1', 'overfit-dropout', 'overfit-batchnorm'].map((id) => ({ presets: [id] })) },
        { kind: 'gap' },
      ],
    },
    {
      title: 'groupBatchNormScales',
      presets: BATCH_NORM_SCALES.flatMap((scale) => [batchNormPreset(false, scale), batchNormPreset(true, scale)]),
      colors: BATCH_NORM_SCALES.flatMap(() => [0, 1]),
      figures: [
        {
          kind: 'train-test',
          panels: BATCH_NORM_SCALES.map((scale) => ({ presets: [batchNormPreset(false, scale), batchNormPreset(true, scale)], label: { key: 'panelInitialStd', params: { std: scale } } })),
        },
      ],
    },
  ],
};

/**
 * The report's groups for a sheet: its plan, then any preset of the sheet the plan leaves out
 * (a sheet without a plan: all of them), in groups of at most MAX_COMPARED_RUNS with their loss.
 */
export function reportPlan(sheet: LabSheet): PlannedGroup[] {
  const planned = PLANS[sheet.id] ?? [];
  const covered = new Set(planned.flatMap((group) => group.presets));
  const rest = [...new Set(sheet.steps.flatMap((step) => step.presets ?? []))].filter((id) => !covered.has(id));
  const extra: PlannedGroup[] = [];
  for (let i = 0; i < rest.length; i += MAX_COMPARED_RUNS) {
    extra.push({ title: planned.length > 0 || rest.length > MAX_COMPARED_RUNS ? 'groupOtherRuns' : null, presets: rest.slice(i, i + MAX_COMPARED_RUNS), figures: [{ kind: 'loss' }] });
  }
  return [...planned, ...extra];
}
