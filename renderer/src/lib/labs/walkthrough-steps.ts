import { WALKTHROUGH_PHASES, type WalkthroughPhase } from '$engine/lab/lab-sheets';
import type { BackwardUnit, ForwardUnit, WalkthroughResult } from '$engine/lab/walkthrough';
import type { Translate } from '../i18n/locale';
import type { WalkthroughKey } from '../i18n/messages/labs';
import { factorText, leadingZeros, longDecimalText, numberText } from './number-text';

/**
 * The backprop walkthrough as a lesson: one step per thing the lecture computes, in the order it
 * computes them (forward node by node, the loss, then backwards one chain-rule factor at a time,
 * then the update and the loss after it). Each step says what the diagram highlights and what it
 * reveals (an error, a δ, a gradient), so the drawing fills in as the student advances.
 * Formula text uses `z_h1` / `δ_y` for subscripts (see formulaSegments).
 */

export type StepPhase = WalkthroughPhase;
export const STEP_PHASES: readonly StepPhase[] = WALKTHROUGH_PHASES;

/** `lhs = parts[0] = parts[1] = … = result`: the symbols, then the numbers, then the value; with `from`, `lhs: from → result` (a value that changed). */
export interface FormulaLine {
  lhs: string;
  parts: string[];
  result: string;
  from?: string;
}

/** What a step adds to the drawing: errors ∂L/∂a and δ on nodes, gradients on edges (by label). */
export interface StepReveal {
  errors?: Record<string, number>;
  deltas?: Record<string, number>;
  gradients?: Record<string, number>;
}

export interface WalkthroughStep {
  /** Stable across edits of the numbers (forward:h1, backward:y:delta, backward:y:w6, update, …). */
  id: string;
  phase: StepPhase;
  title: string;
  explanation: string;
  lines: FormulaLine[];
  /** A remark that matters more than the formula (a vanished gradient, a loss that went up). */
  note: { tone: 'good' | 'bad' | 'info'; text: string } | null;
  focusNodes: string[];
  /** Weight labels whose edges light up. */
  focusEdges: string[];
  reveal: StepReveal;
}

/** Below this, a factor is "the gradient is 0.00…01": the step says so in words. */
const VANISHED = 1e-6;

const n = (value: number) => numberText(value);
const f = (value: number) => factorText(value);

/** Every step of the walkthrough for one result, in lecture order. */
export function walkthroughSteps(result: WalkthroughResult, t: Translate<WalkthroughKey>): WalkthroughStep[] {
  const steps: WalkthroughStep[] = [];
  for (const layer of result.forward) for (const unit of layer.units) steps.push(forwardStep(unit, t));
  steps.push(lossStep(result, t));
  for (const layer of result.backward) {
    const forward = result.forward[layer.layer - 1]!;
    layer.units.forEach((unit, j) => steps.push(...backwardSteps(unit, forward.units[j]!, result, t)));
  }
  steps.push(updateStep(result, t), afterStep(result, t));
  return steps;
}

function forwardStep(unit: ForwardUnit, t: Translate<WalkthroughKey>): WalkthroughStep {
  const symbols = [...unit.terms.map((term) => `${term.weightLabel}·${term.input}`), unit.bias.label].join(' + ');
  const numbers = [...unit.terms.map((term) => `${f(term.weight)}·${f(term.inputValue)}`), f(unit.bias.value)].join(' + ');
  const activation = unit.activation === 'sigmoid' ? 'σ' : unit.activation;
  return {
    id: `forward:${unit.name}`,
    phase: 'forward',
    title: t('stepForward', { unit: unit.name }),
    explanation: t('explainForward'),
    lines: [
      { lhs: `z_${unit.name}`, parts: [symbols, numbers], result: n(unit.z) },
      { lhs: unit.name, parts: [`${activation}(z_${unit.name})`, `${activation}(${n(unit.z)})`], result: n(unit.a) },
    ],
    note: null,
    focusNodes: [unit.name, ...unit.terms.map((term) => term.input)],
    focusEdges: unit.terms.map((term) => term.weightLabel),
    reveal: {},
  };
}

function lossStep(result: WalkthroughResult, t: Translate<WalkthroughKey>): WalkthroughStep {
  const { outputs, value } = result.loss;
  return {
    id: 'loss',
    phase: 'loss',
    title: t('stepLoss'),
    explanation: t('explainLoss'),
    lines: [
      {
        lhs: 'L',
        parts: [outputs.map((o) => `½(${o.name} − t)²`).join(' + '), outputs.map((o) => `½(${n(o.output)} − ${f(o.target)})²`).join(' + ')],
        result: n(value),
      },
    ],
    note: null,
    focusNodes: [...outputs.map((o) => o.name), 'L'],
    focusEdges: [],
    reveal: {},
  };
}

function backwardSteps(unit: BackwardUnit, forward: ForwardUnit, result: WalkthroughResult, t: Translate<WalkthroughKey>): WalkthroughStep[] {
  const a = unit.name;
  const steps: WalkthroughStep[] = [];
  const base = { phase: 'backward' as const, note: null };

  if (unit.dLda.source === 'loss') {
    const output = result.loss.outputs.find((o) => o.name === a)!;
    steps.push({
      ...base,
      id: `backward:${a}:error`,
      title: t('stepOutputError', { unit: a }),
      explanation: t('explainOutputError'),
      lines: [{ lhs: `∂L/∂${a}`, parts: [`${a} − t`, `${n(output.output)} − ${f(output.target)}`], result: n(unit.dLda.value) }],
      focusNodes: [a, 'L'],
      focusEdges: [],
      reveal: { errors: { [a]: unit.dLda.value } },
    });
  } else {
    const { terms } = unit.dLda;
    steps.push({
      ...base,
      id: `backward:${a}:error`,
      title: t('stepHiddenError', { unit: a }),
      explanation: t('explainHiddenError', { unit: a }),
      lines: [
        {
          lhs: `∂L/∂${a}`,
          parts: [terms.map((term) => `δ_${term.from} × ${term.weightLabel}`).join(' + '), terms.map((term) => `${f(term.delta)} × ${f(term.weight)}`).join(' + ')],
          result: n(unit.dLda.value),
        },
      ],
      focusNodes: [a, ...terms.map((term) => term.from)],
      focusEdges: terms.map((term) => term.weightLabel),
      reveal: { errors: { [a]: unit.dLda.value } },
    });
  }

  const { dadz } = unit;
  const local: FormulaLine =
    dadz.activation === 'sigmoid' && dadz.value >= VANISHED
      ? { lhs: `∂${a}/∂z_${a}`, parts: [`σ′(z_${a}) = ${a}·(1 − ${a})`, `${n(forward.a)} × (1 − ${n(forward.a)})`], result: n(dadz.value) }
      : dadz.activation === 'sigmoid'
        ? { lhs: `∂${a}/∂z_${a}`, parts: [`σ′(${n(dadz.z)})`, `exp(−|z|) / (1 + exp(−|z|))²`], result: n(dadz.value) }
        : { lhs: `∂${a}/∂z_${a}`, parts: [dadz.formula.replace(/'/g, '′')], result: n(dadz.value) };
  steps.push({
    ...base,
    id: `backward:${a}:local`,
    title: t('stepLocal', { unit: a }),
    explanation: dadz.activation === 'sigmoid' ? t('explainLocalSigmoid') : t('explainLocal'),
    lines: [local],
    note: dadz.value < VANISHED ? { tone: 'bad', text: t('vanishedNote', { long: longDecimalText(dadz.value), zeros: leadingZeros(dadz.value) }) } : null,
    focusNodes: [a],
    focusEdges: [],
    reveal: {},
  });

  steps.push({
    ...base,
    id: `backward:${a}:delta`,
    title: t('stepDelta', { unit: a }),
    explanation: t('explainDelta'),
    lines: [
      { lhs: `δ_${a}`, parts: [`∂L/∂${a} × ∂${a}/∂z_${a}`, `${f(unit.dLda.value)} × ${f(dadz.value)}`], result: n(unit.delta) },
      { lhs: `∂L/∂${unit.bias.label}`, parts: [`δ_${a} × 1`], result: n(unit.bias.gradient) },
    ],
    focusNodes: [a],
    focusEdges: [],
    reveal: { deltas: { [a]: unit.delta }, gradients: { [unit.bias.label]: unit.bias.gradient } },
  });

  for (const w of unit.weights) {
    steps.push({
      ...base,
      id: `backward:${a}:${w.label}`,
      title: t('stepWeightGradient', { weight: w.label }),
      explanation: t('explainWeightGradient', { weight: w.label, input: w.input }),
      lines: [{ lhs: `∂L/∂${w.label}`, parts: [`δ_${a} × ${w.input}`, `${f(w.delta)} × ${f(w.inputValue)}`], result: n(w.gradient) }],
      note: w.gradient !== 0 && Math.abs(w.gradient) < VANISHED ? { tone: 'bad', text: t('vanishedNote', { long: longDecimalText(w.gradient), zeros: leadingZeros(w.gradient) }) } : null,
      focusNodes: [a, w.input],
      focusEdges: [w.label],
      reveal: { gradients: { [w.label]: w.gradient } },
    });
  }
  return steps;
}

function updateStep(result: WalkthroughResult, t: Translate<WalkthroughKey>): WalkthroughStep {
  const eta = n(result.learningRate);
  const frozen = result.updates.filter((u) => u.gradient !== 0 && u.new === u.old);
  return {
    id: 'update',
    phase: 'update',
    title: t('stepUpdate'),
    explanation: t('explainUpdate', { lr: eta }),
    lines: result.updates.map((u) => ({ lhs: `${u.label}′`, parts: [`${u.label} − η × ∂L/∂${u.label}`, `${f(u.old)} − ${eta} × ${f(u.gradient)}`], result: n(u.new) })),
    note: frozen.length > 0 ? { tone: 'bad', text: t('frozenNote', { labels: frozen.map((u) => u.label).join(', ') }) } : null,
    focusNodes: [],
    focusEdges: result.updates.filter((u) => u.kind === 'weight').map((u) => u.label),
    reveal: {},
  };
}

function afterStep(result: WalkthroughResult, t: Translate<WalkthroughKey>): WalkthroughStep {
  const before = result.loss.value;
  const after = result.after.loss;
  const outputs = result.after.outputs;
  const tone = after < before ? 'good' : after > before ? 'bad' : 'info';
  const key = after < before ? 'afterBetter' : after > before ? 'afterWorse' : 'afterSame';
  return {
    id: 'after',
    phase: 'update',
    title: t('stepAfter'),
    explanation: t('explainAfter'),
    lines: [
      ...outputs.map((o) => {
        const old = result.loss.outputs.find((x) => x.name === o.name)!;
        return { lhs: o.name, parts: [], from: n(old.output), result: n(o.value) };
      }),
      { lhs: 'L', parts: [], from: n(before), result: n(after) },
    ],
    note: { tone, text: t(key, { before: n(before), after: n(after) }) },
    focusNodes: [...outputs.map((o) => o.name), 'L'],
    focusEdges: [],
    reveal: {},
  };
}

/**
 * The index of the last step the student may reach: the last one, or, while the update phase is
 * held back (a lab sheet's prediction about it is not recorded yet: walkthroughUpdateShown), the
 * last step before that phase, so the new weights and the loss after them stay unseen.
 */
export function lastReachableStep(steps: readonly WalkthroughStep[], updateShown: boolean): number {
  const update = updateShown ? -1 : steps.findIndex((s) => s.phase === 'update');
  return (update < 0 ? steps.length : update) - 1;
}

/** Where the walkthrough opens: the first step of `phase` (null: the first step), never past the last reachable one. */
export function openingStep(steps: readonly WalkthroughStep[], phase: StepPhase | null, lastReachable: number): number {
  const first = phase === null ? 0 : steps.findIndex((s) => s.phase === phase);
  return Math.max(0, Math.min(first < 0 ? 0 : first, lastReachable));
}

/** Everything revealed by steps 0…index (later reveals of the same key win). */
export function revealedUpTo(steps: readonly WalkthroughStep[], index: number): Required<StepReveal> {
  const out: Required<StepReveal> = { errors: {}, deltas: {}, gradients: {} };
  for (const step of steps.slice(0, index + 1)) {
    Object.assign(out.errors, step.reveal.errors);
    Object.assign(out.deltas, step.reveal.deltas);
    Object.assign(out.gradients, step.reveal.gradients);
  }
  return out;
}

/** A piece of formula text: plain, or a subscript. */
export interface FormulaSegment {
  text: string;
  sub: boolean;
}

/** Splits `δ_y × h2` into "δ", sub "y", " × h2": the `_name` after z or δ becomes a subscript. */
export function formulaSegments(text: string): FormulaSegment[] {
  const segments: FormulaSegment[] = [];
  const pattern = /([zδ])_([A-Za-z0-9]+)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    segments.push({ text: text.slice(last, at) + match[1], sub: false });
    segments.push({ text: match[2]!, sub: true });
    last = at + match[0].length;
  }
  if (last < text.length || segments.length === 0) segments.push({ text: text.slice(last), sub: false });
  return segments.filter((s) => s.text !== '');
}

/** A formula line as one line of plain text (for tests, copying and screen readers): "δ_y = … = −0.1092". */
export function formulaText(line: FormulaLine): string {
  if (line.from !== undefined) return `${line.lhs}: ${line.from} → ${line.result}`;
  return [line.lhs, ...line.parts, line.result].join(' = ');
}
