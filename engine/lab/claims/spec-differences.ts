import { configDiff } from '../../api/config-diff';
import { parseRunSpec } from '../../api/parse-run-spec';
import type { RunSpec } from '../../api/run-spec';
import type { ConfigDifference } from '../../api/runs';
import { findPreset } from '../presets';
import type { ClaimRun } from './claim-run';

/** Spec fields that do not change what a preset shows (names, data and run sizes, logging). */
const IGNORED_FIELDS = /^(name|seed|dataset\.(trainSize|testSize)|training\.(iterations|epochs|evalEvery|targetLoss|earlyStopping)(\.|$)|diagnostics\.)/;

const presetSpecs = new Map<string, RunSpec>();

/**
 * The fields where the run's spec differs from its training preset's, in spec order, leaving out
 * those that do not change the lesson (IGNORED_FIELDS), the same change in several layers folded
 * into one; [] when the run carries no spec or the preset is not a training preset.
 */
export function specDifferences(presetId: string, run: ClaimRun): ConfigDifference[] {
  if (run.spec === undefined) return [];
  const preset = findPreset(presetId);
  if (preset?.kind !== 'train') return [];
  let presetSpec = presetSpecs.get(presetId);
  if (presetSpec === undefined) {
    presetSpec = parseRunSpec(preset.spec);
    presetSpecs.set(presetId, presetSpec);
  }
  return foldLayers(configDiff([presetSpec, run.spec]).filter((d) => !IGNORED_FIELDS.test(d.field)));
}

/** The same change in several layers as one: "layers[0].batchNorm", "layers[1].batchNorm" (true → false) → "layers[0–4].batchNorm". */
function foldLayers(differences: readonly ConfigDifference[]): ConfigDifference[] {
  const groups = new Map<string, { layers: number[]; rest: string; values: unknown[] }>();
  const out: (ConfigDifference | string)[] = [];
  for (const difference of differences) {
    const match = /^layers\[(\d+)\](.*)$/.exec(difference.field);
    if (match === null) {
      out.push(difference);
      continue;
    }
    const key = `${match[2]}\u0000${JSON.stringify(difference.values)}`;
    const group = groups.get(key);
    if (group) group.layers.push(Number(match[1]));
    else {
      groups.set(key, { layers: [Number(match[1])], rest: match[2]!, values: difference.values });
      out.push(key);
    }
  }
  return out.map((item) => {
    if (typeof item !== 'string') return item;
    const { layers, rest, values } = groups.get(item)!;
    const contiguous = layers.every((layer, i) => i === 0 || layer === layers[i - 1]! + 1);
    const index = layers.length === 1 ? `${layers[0]}` : contiguous ? `${layers[0]}–${layers.at(-1)}` : layers.join(',');
    return { field: `layers[${index}]${rest}`, values };
  });
}
