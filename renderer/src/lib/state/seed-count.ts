import { MAX_GROUP_SEEDS } from '$engine/api/lab-api';
import { stepSeconds } from '../labs/sheet-plan';

/**
 * How many seeds a start runs (the builder's and the lab sheet's "seeds" field): 1 is one run as
 * before; 2 … MAX_GROUP_SEEDS is a seed group (LabApi.startRunGroup). Pure.
 */

/** Whether `seeds` is a count a start accepts (a whole number from 1 to MAX_GROUP_SEEDS). */
export function validSeedCount(seeds: number): boolean {
  return Number.isInteger(seeds) && seeds >= 1 && seeds <= MAX_GROUP_SEEDS;
}

/** Seconds for `seeds` runs of one spec that takes `seconds` each, trained `poolSize` at a time (the waves the pool needs). */
export function groupSeconds(seconds: number, seeds: number, poolSize: number): number {
  return stepSeconds(Array.from({ length: Math.max(1, seeds) }, () => seconds), poolSize) ?? seconds;
}

export { MAX_GROUP_SEEDS };
