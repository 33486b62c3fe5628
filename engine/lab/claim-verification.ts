import { CLAIM_EXPECTATIONS, COMPARISON_EXPECTATIONS, type ClaimRun, type ClaimVerdictKind, type JudgedValue } from './claim-checks';
import { comparisonClaimTexts } from './claims/wording/comparison-claim-texts';
import { judgedWords } from './claims/wording/judged-words';
import { presetClaimTexts } from './claims/wording/preset-claim-texts';
import { findPreset, type LocalizedText } from './presets';

/**
 * Verifying the lecture's claims over seeds (`nnlab presets verify`): which runs to train for a
 * list of preset and comparison ids, and the report once they have run, pure (the caller trains).
 * Run k of a preset uses the preset's own seed + k; the presets of a comparison share their seed
 * (presets of one experiment do), so comparison k reads each of its presets' run k.
 */

/** What to verify: training presets, and comparisons (each of whose presets is in `presets`). */
export interface VerificationTargets {
  presets: string[];
  comparisons: string[];
}

/**
 * The presets and comparisons `ids` name: a training preset id adds that preset, a comparison id
 * adds the comparison and its presets; then every comparison whose presets are all in is added.
 * No ids: every training preset and every comparison. Throws an Error naming an unknown or probe id.
 */
export function verificationTargets(ids: readonly string[]): VerificationTargets {
  const trainIds = [...CLAIM_EXPECTATIONS.keys()];
  const comparisonIds = [...COMPARISON_EXPECTATIONS.keys()];
  if (ids.length === 0) return { presets: trainIds, comparisons: comparisonIds };
  const presets = new Set<string>();
  const named = new Set<string>();
  for (const id of ids) {
    const comparison = COMPARISON_EXPECTATIONS.get(id);
    if (comparison) {
      named.add(id);
      for (const presetId of comparison.presets) presets.add(presetId);
    } else if (CLAIM_EXPECTATIONS.has(id)) {
      presets.add(id);
    } else {
      const preset = findPreset(id);
      throw new Error(preset?.kind === 'probe' ? `"${id}" is a probe preset: it trains nothing and makes no claim to verify` : `unknown preset or comparison "${id}"`);
    }
  }
  return {
    presets: trainIds.filter((id) => presets.has(id)),
    comparisons: comparisonIds.filter((id) => named.has(id) || COMPARISON_EXPECTATIONS.get(id)!.presets.every((p) => presets.has(p))),
  };
}

/** The seed of a preset's run k: its own seed + k. */
export function verificationSeed(presetId: string, k: number): number {
  const preset = findPreset(presetId);
  if (preset?.kind !== 'train') throw new Error(`no training preset "${presetId}"`);
  return (preset.spec.seed ?? 0) + k;
}

/** One criterion's judged number over the runs (one cell per run, in run order). */
export interface CriterionRow {
  /** The run it reads (for a ratio or difference of two runs, the first). */
  presetId: string;
  /** What it is and where it is read ("the training loss at step 2,000"; in a comparison, with the preset's id: "vanishing-relu: the training loss at step 2,000"). */
  label: LocalizedText;
  /** The bound ("< 0.50"). */
  expected: LocalizedText;
  cells: { seed: number; value: number | null; text: LocalizedText; step: number | null; verdict: ClaimVerdictKind }[];
}

/** A preset's or a comparison's claim over the runs. */
export interface ClaimOverSeeds {
  id: string;
  /** What the lecture claims ("With 10 sigmoid layers the gradient should vanish and learning stall"). */
  statement: LocalizedText;
  /** The claim's verdict per run, in run order. */
  verdicts: { seed: number; verdict: ClaimVerdictKind; message: LocalizedText }[];
  rows: CriterionRow[];
  /** Runs on which the claim was reproduced. */
  held: number;
}

/** The report of a verification: every claim over `runs` runs per preset. */
export interface VerificationReport {
  /** Runs per preset (seeds = each preset's seed + 0 … runs − 1). */
  runs: number;
  presets: ClaimOverSeeds[];
  comparisons: ClaimOverSeeds[];
  /** Whether every claim held on every run. */
  allHeld: boolean;
}

/**
 * The report of a verification, from each preset's run k (`runOf(presetId, k)`, k = 0 … runs − 1).
 * Every run must be there; a missing one throws.
 */
export function verificationReport(targets: VerificationTargets, runs: number, runOf: (presetId: string, k: number) => ClaimRun): VerificationReport {
  const ks = Array.from({ length: runs }, (_, k) => k);
  const presets = targets.presets.map((presetId) => {
    const expectation = CLAIM_EXPECTATIONS.get(presetId)!;
    const checks = ks.map((k) => ({ seed: verificationSeed(presetId, k), verdict: expectation.check(runOf(presetId, k)) }));
    return overSeeds(presetId, presetClaimTexts(presetId).statement, checks, false);
  });
  const comparisons = targets.comparisons.map((id) => {
    const expectation = COMPARISON_EXPECTATIONS.get(id)!;
    const checks = ks.map((k) => {
      const compared = Object.fromEntries(expectation.presets.map((presetId) => [presetId, runOf(presetId, k)]));
      return { seed: verificationSeed(expectation.presets[0]!, k), verdict: expectation.check(compared) };
    });
    return overSeeds(id, comparisonClaimTexts(id).statement, checks, true);
  });
  const allHeld = [...presets, ...comparisons].every((claim) => claim.held === runs);
  return { runs, presets, comparisons, allHeld };
}

/** Runs named by their preset ids in a table's labels (titles are long). */
const byId = (presetId: string): LocalizedText => ({ ko: presetId, en: presetId });

function overSeeds(id: string, statement: LocalizedText, checks: { seed: number; verdict: { verdict: ClaimVerdictKind; message: LocalizedText; judged: JudgedValue[] } }[], comparison: boolean): ClaimOverSeeds {
  const first = checks[0]?.verdict.judged ?? [];
  const rows: CriterionRow[] = first.map((judged, i) => ({
    presetId: judged.presetId,
    label: rowLabel(judged, comparison),
    expected: judged.words.expected,
    cells: checks.map(({ seed, verdict }) => {
      const cell = verdict.judged[i]!;
      return { seed, value: cell.value, text: cell.words.value, step: cell.step, verdict: cell.verdict };
    }),
  }));
  return {
    id,
    statement,
    verdicts: checks.map(({ seed, verdict }) => ({ seed, verdict: verdict.verdict, message: verdict.message })),
    rows,
    held: checks.filter(({ verdict }) => verdict.verdict === 'reproduced').length,
  };
}

/** A row's label: the judged number's, runs named by id; in a comparison, a single run's number says whose it is. */
function rowLabel(judged: JudgedValue, comparison: boolean): LocalizedText {
  const label = judgedWords(judged, byId).label;
  const twoRuns = judged.quantity.kind === 'metric-ratio' || judged.quantity.kind === 'metric-difference';
  return comparison && !twoRuns ? { ko: `${judged.presetId}: ${label.ko}`, en: `${judged.presetId}: ${label.en}` } : label;
}
