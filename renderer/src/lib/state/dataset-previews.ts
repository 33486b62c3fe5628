import type { DatasetPreview, LabApi } from '$engine/api/lab-api';
import { datasetKey } from './spec-key';

/**
 * Dataset previews asked for once per dataset and seed (a file's points named by identity, as
 * spec keys name them). The builder's preview and a run's decision boundary ask for the same
 * preview; for a 50,000-point file each ask sent the points to the service again, encoded on the
 * page's main thread (issue 15). A failed ask is forgotten, so the next one tries again.
 */

/** Previews kept per connection: the builder's five tiles, its preview and a few runs'. */
const KEPT = 16;

const byApi = new WeakMap<LabApi, Map<string, Promise<DatasetPreview>>>();

/** The preview of `dataset` with `seed`, from the service once, then from this page's memory. */
export function datasetPreviewOnce(api: LabApi, dataset: unknown, seed: number): Promise<DatasetPreview> {
  let kept = byApi.get(api);
  if (kept === undefined) byApi.set(api, (kept = new Map()));
  const key = `${seed} ${datasetKey(dataset)}`;
  const known = kept.get(key);
  if (known !== undefined) {
    // The most recently used is kept longest.
    kept.delete(key);
    kept.set(key, known);
    return known;
  }
  const asked = api.datasetPreview(dataset, seed);
  kept.set(key, asked);
  asked.catch(() => kept.get(key) === asked && kept.delete(key));
  if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  return asked;
}
