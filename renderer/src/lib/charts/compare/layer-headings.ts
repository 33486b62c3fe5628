import type { CompareTranslators } from './compared-run';
import { activationLabel } from '../chart-style';

/** A layer of one run as a panel heading names it. */
export interface LayerDescription {
  readonly layer: number;
  readonly activationName: string;
}

/**
 * A layer panel's heading: "층 2 (tanh)" when every run that has the layer uses one activation,
 * "층 2" when they differ; "출력층" when it is the last layer of every run that has it.
 */
export function layerHeading(tr: CompareTranslators, layer: number, perRun: readonly (readonly LayerDescription[])[]): string {
  const having = perRun.filter((layers) => layers.some((info) => info.layer === layer));
  const isOutput = having.length > 0 && having.every((layers) => Math.max(...layers.map((info) => info.layer)) === layer);
  const name = isOutput ? tr.chart('outputLayer') : tr.chart('layer', { n: layer + 1 });
  const activations = new Set(having.map((layers) => layers.find((info) => info.layer === layer)!.activationName));
  return activations.size === 1 ? tr.chart('layerWithActivation', { layer: name, activation: activationLabel(tr.chart, [...activations][0]!) }) : name;
}

/** Every layer index any run has, in order: one panel each. */
export function layerIndices(perRun: readonly (readonly LayerDescription[])[]): number[] {
  const set = new Set<number>();
  for (const layers of perRun) for (const info of layers) set.add(info.layer);
  return [...set].sort((a, b) => a - b);
}
