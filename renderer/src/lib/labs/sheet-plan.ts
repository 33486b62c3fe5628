import type { RunSummary } from '$engine/api/runs';
import type { LabComparison, LabSheet } from '$engine/lab/lab-sheets';
import { presetOfTags } from '$engine/lab/preset-tag';

/**
 * How a lab sheet is walked: which predictions a step asks for before its runs may start, which
 * stored runs belong to which preset, and how long a step will take. Pure: the sheet view and
 * its tests share it.
 */

/** The tag every run started from a sheet carries ("lab:04-initialization"). */
export function sheetTag(sheetId: string): string {
  return `lab:${sheetId}`;
}

export { presetTag } from '$engine/lab/preset-tag';

/** The preset a run was started from, read from its tags; null for runs started elsewhere. */
export function presetOfRun(run: Pick<RunSummary, 'tags'>): string | null {
  return presetOfTags(run.tags);
}

/**
 * The comparisons whose prediction must be saved before step `index`'s presets may run: the
 * step's own comparison, and the comparisons of the following steps that run nothing themselves
 * but look at this step's runs (e.g. "of those that learn, which is faster?" after the three
 * initializations have started). Predict first, then observe.
 */
export function gatedComparisons(sheet: LabSheet, index: number): LabComparison[] {
  const step = sheet.steps[index];
  if (!step?.presets?.length) return [];
  const own = new Set(step.presets);
  const ids: string[] = step.comparison ? [step.comparison] : [];
  for (const later of sheet.steps.slice(index + 1)) {
    if (later.presets?.length) break;
    const comparison = later.comparison ? sheet.comparisons.find((c) => c.id === later.comparison) : undefined;
    if (comparison && comparison.presets.every((p) => own.has(p))) ids.push(comparison.id);
  }
  return ids.map((id) => sheet.comparisons.find((c) => c.id === id)).filter((c): c is LabComparison => c !== undefined);
}

/** The step whose prediction block asks for a comparison (see gatedComparisons); its own step if none runs it. */
export function predictionStep(sheet: LabSheet, comparisonId: string): number {
  for (let i = 0; i < sheet.steps.length; i++) if (gatedComparisons(sheet, i).some((c) => c.id === comparisonId)) return i;
  return sheet.steps.findIndex((s) => s.comparison === comparisonId);
}

/**
 * The newest run of each preset among `runs` (a sheet's tagged runs): the run a comparison is
 * checked against. Runs without a preset tag are ignored.
 */
export function latestRunByPreset(runs: readonly RunSummary[]): Map<string, RunSummary> {
  const latest = new Map<string, RunSummary>();
  for (const run of runs) {
    const preset = presetOfRun(run);
    if (preset === null) continue;
    const known = latest.get(preset);
    if (!known || run.createdAt > known.createdAt) latest.set(preset, run);
  }
  return latest;
}

/**
 * A step's expected duration in seconds: its presets' estimates run `poolSize` at a time (the
 * service trains that many at once), so the longest of each wave counts; null while any estimate
 * is unknown.
 */
export function stepSeconds(estimates: readonly (number | null | undefined)[], poolSize: number): number | null {
  if (estimates.length === 0 || estimates.some((s) => s === null || s === undefined)) return null;
  const sorted = (estimates as number[]).slice().sort((a, b) => b - a);
  const lanes = Math.max(1, poolSize);
  let total = 0;
  for (let i = 0; i < sorted.length; i += lanes) total += sorted[i]!;
  return total;
}
