import { LECTURE_NETWORK, SATURATED_NEURON_EXAMPLE, type WalkthroughActivation } from '$engine/lab/walkthrough';

/**
 * The walkthrough's editable network: the engine's WalkthroughInput with every name and label
 * spelled out, so the drawing and the fields can address each weight by its label (w1 … w6).
 */
export interface WalkthroughModel {
  inputs: number[];
  inputNames: string[];
  layers: {
    /** n_in × n_out: weights[i][j] connects input i to unit j. */
    weights: number[][];
    weightLabels: string[][];
    bias: number[];
    biasLabels: string[];
    units: string[];
    activation: WalkthroughActivation;
  }[];
  target: number[];
  learningRate: number;
}

export type ExampleId = 'lecture' | 'saturated';

/** A fresh, editable copy of one of the lecture's examples. */
export function exampleModel(id: ExampleId): WalkthroughModel {
  const source = id === 'lecture' ? LECTURE_NETWORK : SATURATED_NEURON_EXAMPLE;
  const copy = structuredClone(source) as WalkthroughModel;
  if (!copy.inputNames || copy.layers.some((l) => !l.units || !l.weightLabels || !l.biasLabels)) throw new Error(`the ${id} example must name every node and label every weight`);
  return copy;
}

/** A parameter of the model a field or an edge can change. */
export type ParameterRef =
  | { kind: 'weight'; label: string; layer: number; i: number; j: number }
  | { kind: 'bias'; label: string; layer: number; j: number }
  | { kind: 'input'; label: string; i: number }
  | { kind: 'target'; label: string; k: number }
  | { kind: 'learningRate'; label: 'η' };

/** Every editable number, inputs first, then weights and biases layer by layer, then targets and η. */
export function parameterRefs(model: WalkthroughModel): ParameterRef[] {
  const refs: ParameterRef[] = model.inputNames.map((label, i) => ({ kind: 'input', label, i }));
  model.layers.forEach((layer, l) => {
    layer.units.forEach((_, j) => layer.weightLabels.forEach((row, i) => refs.push({ kind: 'weight', label: row[j]!, layer: l, i, j })));
    layer.biasLabels.forEach((label, j) => refs.push({ kind: 'bias', label, layer: l, j }));
  });
  const outputs = model.layers[model.layers.length - 1]!.units;
  model.target.forEach((_, k) => refs.push({ kind: 'target', label: outputs.length > 1 ? `t(${outputs[k]})` : 't', k }));
  refs.push({ kind: 'learningRate', label: 'η' });
  return refs;
}

export function readParameter(model: WalkthroughModel, ref: ParameterRef): number {
  switch (ref.kind) {
    case 'weight':
      return model.layers[ref.layer]!.weights[ref.i]![ref.j]!;
    case 'bias':
      return model.layers[ref.layer]!.bias[ref.j]!;
    case 'input':
      return model.inputs[ref.i]!;
    case 'target':
      return model.target[ref.k]!;
    case 'learningRate':
      return model.learningRate;
  }
}

export function writeParameter(model: WalkthroughModel, ref: ParameterRef, value: number): void {
  switch (ref.kind) {
    case 'weight':
      model.layers[ref.layer]!.weights[ref.i]![ref.j] = value;
      break;
    case 'bias':
      model.layers[ref.layer]!.bias[ref.j] = value;
      break;
    case 'input':
      model.inputs[ref.i] = value;
      break;
    case 'target':
      model.target[ref.k] = value;
      break;
    case 'learningRate':
      model.learningRate = value;
  }
}

/** True when every number equals the example's own (the slide's numbers are on screen). */
export function isUnchanged(model: WalkthroughModel, id: ExampleId): boolean {
  return JSON.stringify(model) === JSON.stringify(exampleModel(id));
}

/** A node of the drawing, with its centre in the drawing's coordinates. */
export interface DiagramNode {
  name: string;
  kind: 'input' | 'hidden' | 'output' | 'loss';
  x: number;
  y: number;
  /** Column: 0 for inputs, l + 1 for layer l, then the loss. */
  column: number;
}

/** An edge from one node to the next layer's, labelled with its weight; the label sits on the edge at `labelX`, `labelY`. */
export interface DiagramEdge {
  label: string;
  from: DiagramNode;
  to: DiagramNode;
  labelX: number;
  labelY: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  radius: number;
}

/**
 * Where each node and edge label goes: one column per layer (inputs, hidden, output), then the
 * loss, nodes centred vertically. A label sits on its edge where edges are still apart: a third
 * of the way along a slanted edge (they cross in the middle of a 2-2 layer), at the
 * middle of a level one, so the labels of one layer never cover each other or a node.
 */
export function diagramLayout(model: WalkthroughModel): DiagramLayout {
  const columns = [model.inputNames, ...model.layers.map((l) => l.units), ['L']];
  const tallest = Math.max(...columns.map((c) => c.length));
  const radius = 44;
  const rowGap = 220;
  const columnGap = 300;
  const lossGap = 200;
  const top = 86;
  const left = 70;
  const height = top + (tallest - 1) * rowGap + 120;
  const width = left + (columns.length - 2) * columnGap + lossGap + 80;
  const nodes: DiagramNode[] = [];
  columns.forEach((names, c) => {
    const offset = ((tallest - names.length) * rowGap) / 2;
    const kind = c === 0 ? 'input' : c === columns.length - 1 ? 'loss' : c === columns.length - 2 ? 'output' : 'hidden';
    const x = kind === 'loss' ? left + (c - 1) * columnGap + lossGap : left + c * columnGap;
    names.forEach((name, r) => nodes.push({ name, kind, column: c, x, y: top + offset + r * rowGap }));
  });
  const node = (name: string) => nodes.find((n) => n.name === name)!;
  const edges: DiagramEdge[] = [];
  model.layers.forEach((layer, l) => {
    const sources = l === 0 ? model.inputNames : model.layers[l - 1]!.units;
    layer.weightLabels.forEach((row, i) =>
      row.forEach((label, j) => {
        const from = node(sources[i]!);
        const to = node(layer.units[j]!);
        const along = Math.abs(to.y - from.y) < 1 ? 0.5 : Math.abs(to.y - from.y) < rowGap ? 0.45 : 0.33;
        edges.push({ label, from, to, labelX: from.x + (to.x - from.x) * along, labelY: from.y + (to.y - from.y) * along });
      }),
    );
  });
  return { width, height, nodes, edges, radius };
}

/** Rough width of a line of drawing text (digits and Latin letters), for sizing its label box. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.56;
}
