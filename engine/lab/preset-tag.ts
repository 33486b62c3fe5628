/**
 * Which preset a run was started from: the lab sheet tags every run it starts `preset:<id>`
 * (renderer/src/lib/labs/sheet-plan.ts's presetTag). The same rule for the engine's readers (the
 * class summary) as for the sheet: the first such tag in tag order.
 */

const PREFIX = 'preset:';

/** The preset a run was started from, read from its tags (sorted, as a RunSummary has them); null for runs started elsewhere. */
export function presetOfTags(tags: readonly string[]): string | null {
  const tag = tags.find((t) => t.startsWith(PREFIX));
  return tag === undefined ? null : tag.slice(PREFIX.length);
}
