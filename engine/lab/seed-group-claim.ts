import { quartiles, type Quartiles } from '../api/quantiles';
import { CLAIM_EXPECTATIONS, COMPARISON_EXPECTATIONS, type ClaimRun, type ClaimVerdict, type JudgedValue } from './claim-checks';
import { verificationReport, type ClaimOverSeeds } from './claim-verification';
import { judgedWords } from './claims/wording/judged-words';
import { presetTitle } from './claims/wording/preset-titles';
import type { LocalizedText } from './presets';

/**
 * A claim over a seed group's runs (the builder's, a lab sheet's or `nnlab train --seeds`):
 * "reproduced in k of N seeds", each seed's verdict, and the key number's median and range. The
 * verdicts come from verificationReport, the same reading `nnlab presets verify` makes: run k of a
 * preset is its seed + k, and comparison k reads each compared preset's run k. Pure.
 */

/** The claim's key number (its first judged number) over the seeds. */
export interface GroupKeyNumber {
  /** What it is and where it is read ("the training loss at step 2,000"). */
  label: LocalizedText;
  stats: Quartiles;
  /** The median, least and greatest in the claim's own words ("0.07", "1/290,000"). */
  median: LocalizedText;
  min: LocalizedText;
  max: LocalizedText;
}

/** A claim over N seeds: each seed's verdict (ClaimOverSeeds), how many reproduced it, and its key number. */
export interface GroupClaim extends ClaimOverSeeds {
  /** Seeds judged (the group's runs). */
  of: number;
  /** "reproduced in k of N seeds". */
  summary: LocalizedText;
  /** null when no seed has a finite key number (every run diverged before it). */
  key: GroupKeyNumber | null;
}

/** "N개 시드 중 k개에서 재현" / "reproduced in k of N seeds". */
export function reproducedInSeeds(held: number, of: number): LocalizedText {
  return { ko: `${of}개 시드 중 ${held}개에서 재현`, en: `reproduced in ${held} of ${of} seeds` };
}

/**
 * What the key number is, runs named by their presets' titles (as the verdicts name them); in a
 * comparison, a single run's number says whose it is.
 */
function keyLabel(judged: JudgedValue, comparison: boolean): LocalizedText {
  const { label } = judged.words;
  const twoRuns = judged.quantity.kind === 'metric-ratio' || judged.quantity.kind === 'metric-difference';
  if (!comparison || twoRuns) return label;
  const title = presetTitle(judged.presetId);
  return { ko: `${title.ko}: ${label.ko}`, en: `${title.en}: ${label.en}` };
}

/** "reproduced in k of N seeds — <key number>: median m (least – greatest)", in both languages. */
export function groupSummaryText(claim: GroupClaim): LocalizedText {
  const { key } = claim;
  if (key === null) return claim.summary;
  return {
    ko: `${claim.summary.ko} — ${key.label.ko}: 중앙값 ${key.median.ko} (${key.min.ko} – ${key.max.ko})`,
    en: `${claim.summary.en} — ${key.label.en}: median ${key.median.en} (${key.min.en} – ${key.max.en})`,
  };
}

/** A preset's claim over its group's runs (in seed order, the preset's seed first); null when the preset makes no claim or there are no runs. */
export function presetGroupClaim(presetId: string, runs: readonly ClaimRun[]): GroupClaim | null {
  const expectation = CLAIM_EXPECTATIONS.get(presetId);
  if (!expectation || runs.length === 0) return null;
  const report = verificationReport({ presets: [presetId], comparisons: [] }, runs.length, (_, k) => runs[k]!);
  return withSummary(report.presets[0]!, expectation.check(runs[0]!), false);
}

/**
 * A comparison's claim over its presets' groups (each in seed order): check k reads every
 * preset's run k, over as many seeds as the smallest group has; null for an unknown comparison
 * or when a preset has no runs.
 */
export function comparisonGroupClaim(comparisonId: string, runs: Readonly<Record<string, readonly ClaimRun[]>>): GroupClaim | null {
  const expectation = COMPARISON_EXPECTATIONS.get(comparisonId);
  if (!expectation) return null;
  const of = Math.min(...expectation.presets.map((presetId) => runs[presetId]?.length ?? 0));
  if (of === 0) return null;
  const report = verificationReport({ presets: [], comparisons: [comparisonId] }, of, (presetId, k) => runs[presetId]![k]!);
  return withSummary(report.comparisons[0]!, expectation.check(Object.fromEntries(expectation.presets.map((presetId) => [presetId, runs[presetId]![0]]))), true);
}

function withSummary(claim: ClaimOverSeeds, first: ClaimVerdict, comparison: boolean): GroupClaim {
  const of = claim.verdicts.length;
  const row = claim.rows[0];
  const judged = first.judged[0];
  const stats = row ? quartiles(row.cells.map((cell) => cell.value)) : null;
  const words = (value: number) => judgedWords({ ...judged!, value }).value;
  const key = stats === null || judged === undefined ? null : { label: keyLabel(judged, comparison), stats, median: words(stats.median), min: words(stats.min), max: words(stats.max) };
  return { ...claim, of, summary: reproducedInSeeds(claim.held, of), key };
}
