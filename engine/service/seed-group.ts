import { MAX_GROUP_SEEDS } from '../api/lab-api';
import type { RunSpec } from '../api/run-spec';
import { SpecError } from '../api/spec-error';
import { HistoryError } from '../history/history-error';
import { HISTORY_LIMITS } from '../history/limits';
import { automaticRunName, seedSuffix, type NameLanguage } from '../lab/run-names';

/** The largest seed a spec may have (RunSpec's bound). */
const MAX_SEED = 0xffffffff;

/**
 * The runs of a seed group of `spec`: run k is the spec with seed + k, named "<run name> (seed s)"
 * (in Korean, `names` = 'ko': "<run name> (시드 s)", an unnamed spec's name in Korean too)
 * (as a copy is "<run name> (copy)" / "<run name> (사본)"; the spec's own name is left as it is, so the group's specs
 * differ in the seed alone). Throws for a count outside 2…MAX_GROUP_SEEDS, or seeds past the
 * largest a spec may have.
 */
export function seedGroupSpecs(spec: RunSpec, seeds: number, names: NameLanguage = 'en'): { spec: RunSpec; name: string }[] {
  if (!Number.isInteger(seeds) || seeds < 2 || seeds > MAX_GROUP_SEEDS) {
    throw new HistoryError('invalid-argument', `a seed group has 2 to ${MAX_GROUP_SEEDS} seeds, not ${seeds}`);
  }
  const last = spec.seed + seeds - 1;
  if (last > MAX_SEED) throw SpecError.of('seed', `is ${spec.seed}: ${seeds} seeds from it would pass the largest seed, ${MAX_SEED} (use a seed of at most ${MAX_SEED - seeds + 1})`);
  const base = automaticRunName(spec, names);
  return Array.from({ length: seeds }, (_, k) => {
    const seed = spec.seed + k;
    const suffix = seedSuffix(seed, names);
    return { spec: { ...spec, seed }, name: `${base.slice(0, HISTORY_LIMITS.name - suffix.length).trimEnd()}${suffix}` };
  });
}
