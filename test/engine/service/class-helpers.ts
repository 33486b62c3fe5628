import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import type { RunHistory } from '../../../engine/history/run-history';
import { makeHandIn, openPack } from '../../../engine/service/class-files';
import { openTemp, tempDir, trainRun } from '../history/history-helpers';
import { reducedSpec } from '../lab/preset-runs';

/**
 * A class in tests: students' histories with a pack opened, short real runs of its presets
 * (MNIST subsets of a few hundred images, a few dozen steps: the spec differs from the preset only
 * in what spec-differences.ts ignores), their predictions and answers, and their hand-in files.
 */

/** The sheet whose presets and notebook the helpers use. */
export const SHEET = '03-vanishing-gradient';

/**
 * A preset's spec shrunk to a few steps on a small MNIST subset, with the student's own seed
 * (neither changes what the preset shows: spec-differences.ts ignores them); `change` alters a
 * setting that matters.
 */
export function shortPresetSpec(presetId: string, seed: number, change: (spec: RunSpecInput) => void = () => {}): RunSpecInput {
  const spec = { ...reducedSpec(presetId, { trainSize: 128, testSize: 64, iterations: 4, evalEvery: 2 }), seed };
  change(spec);
  return spec;
}

/** Records a real training of `spec` as a run of `presetId` made for the pack by the history's student (as a lab sheet starts it). */
export function presetRun(history: RunHistory, packId: string, presetId: string, spec: RunSpecInput = shortPresetSpec(presetId, 1)): string {
  const id = randomUUID();
  const { spec: parsed, events } = trainRun(spec, id);
  history.createRun({ id, spec: parsed, status: 'queued', author: history.getStudent(), packId });
  history.recordEvents(id, events);
  history.setTags(id, [`preset:${presetId}`, `lab:${SHEET}`]);
  return id;
}

export interface StudentWork {
  name: string;
  number: string;
  /** Their seed (each student's runs differ a little, as a class's do). */
  seed: number;
  /** Preset runs (by id, or with a spec of the student's own). */
  runs: (string | { presetId: string; spec: RunSpecInput })[];
  /** Notebook entries of SHEET. */
  notebook?: Record<string, unknown>;
  /** The hand-in's clock. */
  now?: () => number;
}

/** A student's history: the pack opened, their runs and notebook; returns their hand-in file. */
export function handIn(packFile: Buffer, work: StudentWork): Buffer {
  const history = openTemp({}, join(tempDir(), `${work.number}-${randomUUID().slice(0, 8)}.sqlite`));
  const { id } = openPack(history, packFile);
  history.setStudent({ name: work.name, number: work.number });
  for (const run of work.runs) {
    if (typeof run === 'string') presetRun(history, id, run, shortPresetSpec(run, work.seed));
    else presetRun(history, id, run.presetId, run.spec);
  }
  for (const [key, value] of Object.entries(work.notebook ?? {})) history.setNotebookEntry(SHEET, key, value);
  return makeHandIn(history, id, undefined, work.now ? { now: work.now } : {}).data;
}

/** A prediction as the sheet stores it. */
export function prediction(choice: string): { choice: string; predictedAt: string } {
  return { choice, predictedAt: '2025-03-14T09:00:00.000Z' };
}
