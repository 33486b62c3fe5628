import type { StartEvent } from './events';

/**
 * A run's start event as the service pushes it to the windows: the spec of a run on a file's
 * points (an inline dataset) goes without the points. The window that started the run has them
 * (it sent them), and 50,000 points pushed back, decoded and handed on to every reader of the
 * event were one long task of the page (issue 15). The stored event keeps every point: replay,
 * export and a window that takes a run up again after a reload read that one.
 */

/** What stands for the points in a pushed spec's inline dataset. */
export interface InlinePointsLeftOut {
  name: 'inline';
  pointsLeftOut: true;
}

function datasetOf(spec: unknown): unknown {
  return typeof spec === 'object' && spec !== null ? (spec as { dataset?: unknown }).dataset : undefined;
}

/** Whether a spec's dataset is an inline one whose points were left out (see above). */
export function inlinePointsLeftOut(spec: unknown): boolean {
  const dataset = datasetOf(spec);
  return typeof dataset === 'object' && dataset !== null && (dataset as Partial<InlinePointsLeftOut>).pointsLeftOut === true;
}

/** The start event to push: the same event, or for inline data a copy whose spec's dataset has no points. */
export function startWithoutInlinePoints(event: StartEvent): StartEvent {
  const dataset = datasetOf(event.spec) as { name?: unknown } | undefined;
  if (dataset?.name !== 'inline') return event;
  const leftOut: InlinePointsLeftOut = { name: 'inline', pointsLeftOut: true };
  return { ...event, spec: { ...(event.spec as object), dataset: leftOut } };
}

/** A pushed start event with the dataset its window sent put back (unchanged when nothing was left out). */
export function withSentDataset(event: StartEvent, sentDataset: unknown): StartEvent {
  if (!inlinePointsLeftOut(event.spec) || sentDataset === undefined) return event;
  return { ...event, spec: { ...(event.spec as object), dataset: sentDataset } };
}
