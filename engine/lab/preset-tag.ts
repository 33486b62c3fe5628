/**
 * Which preset a run was started from: the lab sheet and `nnlab train --preset` tag every run
 * they start `preset:<id>`. One rule for every reader (the sheet, the class summary): the first
 * such tag in tag order.
 */

const PREFIX = 'preset:';

/** The tag naming the preset a run was started from ("preset:init-mnist-he"). */
export function presetTag(presetId: string): string {
  return `${PREFIX}${presetId}`;
}

/** The preset a run was started from, read from its tags (sorted, as a RunSummary has them); null for runs started elsewhere. */
export function presetOfTags(tags: readonly string[]): string | null {
  const tag = tags.find((t) => t.startsWith(PREFIX));
  return tag === undefined ? null : tag.slice(PREFIX.length);
}
