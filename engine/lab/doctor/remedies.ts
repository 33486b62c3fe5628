import type { DoctorCode, DoctorRemedy, RemedyId, SpecPatchOp } from '../../api/doctor-findings';
import type { ActivationName, RunSpec } from '../../api/run-spec';
import { normalizeInit } from '../../nn/initializers';
import { resolveOptimizerOptions } from '../../nn/optimizers';
import type { LabSheetId } from '../sheets/lab-sheet';

/**
 * The lecture's remedies as spec patches, and which one each finding gets. A remedy changes as
 * little as it can: only the layers or the field concerned, nothing else of the spec.
 */

/** The lab sheet that explains each remedy. The learning rate is the update rule's step size, which the backprop review walks through. */
export const REMEDY_SHEETS: Readonly<Record<RemedyId, LabSheetId>> = {
  'relu-he': '03-vanishing-gradient',
  'matched-init': '04-initialization',
  'batch-norm': '05-overfitting',
  'lower-lr': 'backprop',
  'raise-lr': 'backprop',
  'add-l2': '05-overfitting',
  'add-dropout': '05-overfitting',
  'stronger-l2': '05-overfitting',
};

/** The learning rate's change: one order of magnitude, the step between the lecture's rates (0.1, 0.01, 0.001). */
export const LR_FACTOR = 10;
/** The textbook's weight decay on 300 MNIST images (overfit_weight_decay.py, λ = 0.1). */
export const L2_LAMBDA = 0.1;
/** The textbook's dropout ratio (overfit_dropout.py, 0.2). */
export const DROPOUT_RATIO = 0.2;

const RELU_FAMILY: ReadonlySet<ActivationName> = new Set(['relu', 'leaky_relu', 'elu']);
const SATURATING: ReadonlySet<ActivationName> = new Set(['sigmoid', 'tanh']);

/** The lecture's rule of thumb: He for the ReLU family, Xavier for the rest (sigmoid, tanh, and the output layer). */
function matchedInit(activation: ActivationName): 'he' | 'xavier' {
  return RELU_FAMILY.has(activation) ? 'he' : 'xavier';
}

/** Whether a layer's initializer is the one its activation calls for (normal or uniform form). */
function initMatches(layer: RunSpec['layers'][number]): boolean {
  const { name } = normalizeInit(layer.init, layer.activation);
  return matchedInit(layer.activation) === 'he' ? name === 'he' || name === 'he_uniform' : name === 'xavier' || name === 'glorot_uniform';
}

/** Layers (all, the output included) whose initializer does not fit their activation. */
function mismatchedLayers(spec: RunSpec): number[] {
  return spec.layers.flatMap((layer, i) => (initMatches(layer) ? [] : [i]));
}

const hiddenIndices = (spec: RunSpec): number[] => spec.layers.slice(0, -1).map((_, i) => i);

/** A number with the float noise of × or ÷ 10 taken off (0.1 / 10 = 0.01, not 0.010000000000000002). */
const tidy = (value: number): number => Number(value.toPrecision(12));

/** The patch of a remedy for this spec (empty when the spec already has it). */
export function remedyPatch(id: RemedyId, spec: RunSpec): SpecPatchOp[] {
  const set = (path: string, value: unknown): SpecPatchOp => ({ op: 'replace', path, value });
  switch (id) {
    case 'relu-he':
      return hiddenIndices(spec).flatMap((i) => {
        const layer = spec.layers[i]!;
        if (SATURATING.has(layer.activation)) return [set(`/layers/${i}/activation`, 'relu'), set(`/layers/${i}/init`, 'he')];
        return RELU_FAMILY.has(layer.activation) && !initMatches(layer) ? [set(`/layers/${i}/init`, 'he')] : [];
      });
    case 'matched-init':
      return mismatchedLayers(spec).map((i) => set(`/layers/${i}/init`, matchedInit(spec.layers[i]!.activation)));
    case 'batch-norm':
      return hiddenIndices(spec).flatMap((i) => (spec.layers[i]!.batchNorm ? [] : [set(`/layers/${i}/batchNorm`, true)]));
    case 'lower-lr':
    case 'raise-lr': {
      const { lr } = resolveOptimizerOptions(spec.optimizer);
      // `add`: a spec may leave the rate to the optimizer's default.
      return [{ op: 'add', path: '/optimizer/lr', value: tidy(id === 'lower-lr' ? lr / LR_FACTOR : lr * LR_FACTOR) }];
    }
    case 'add-l2':
      return [set('/regularization/l2', L2_LAMBDA)];
    case 'add-dropout':
      return hiddenIndices(spec).flatMap((i) => (spec.layers[i]!.dropout > 0 ? [] : [set(`/layers/${i}/dropout`, DROPOUT_RATIO)]));
    case 'stronger-l2':
      return [set('/regularization/l2', tidy(spec.regularization.l2 * LR_FACTOR))];
  }
}

/**
 * Which remedy a finding gets, from the spec and the other findings of the same diagnosis:
 * - exploding gradient: the initialization that fits the activations when some layer's does not
 *   (weights of std 1 blow up), else a learning rate 10 times lower;
 * - vanishing gradient: ReLU + He when hidden layers are sigmoid/tanh (lecture 03), else the
 *   fitting initialization, else batch norm;
 * - saturation: a lower learning rate when the rate is what blows the units into saturation (a
 *   finding of lr-too-high or exploding gradient), else the fitting initialization (sigmoid with
 *   std 10, lecture 04), else ReLU + He;
 * - dead ReLUs: the fitting initialization when it is off (a negative constant, std 0.01), else a
 *   lower learning rate (a large step pushes units below 0 for good);
 * - lr too high / too low: a rate 10 times lower / higher, except that a flat run whose
 *   initialization does not fit is the lecture's std 0.01 case: the initialization first;
 * - overfitting: L2 (λ = 0.1, the textbook's) when there is none, else dropout 0.2 when there is
 *   none, else L2 10 times stronger.
 */
export function chooseRemedy(code: DoctorCode, spec: RunSpec, found: ReadonlySet<DoctorCode>): RemedyId {
  const mismatched = mismatchedLayers(spec).length > 0;
  const saturatingHidden = spec.layers.slice(0, -1).some((l) => SATURATING.has(l.activation));
  switch (code) {
    case 'exploding-gradient':
      return mismatched ? 'matched-init' : 'lower-lr';
    case 'vanishing-gradient':
      return saturatingHidden ? 'relu-he' : mismatched ? 'matched-init' : 'batch-norm';
    case 'saturation':
      return found.has('lr-too-high') || found.has('exploding-gradient') ? 'lower-lr' : mismatched ? 'matched-init' : 'relu-he';
    case 'dead-relu':
      return mismatched ? 'matched-init' : 'lower-lr';
    case 'lr-too-high':
      return 'lower-lr';
    case 'lr-too-low':
      return mismatched ? 'matched-init' : 'raise-lr';
    case 'overfitting':
      if (spec.regularization.l2 === 0) return 'add-l2';
      return spec.layers.slice(0, -1).every((l) => l.dropout === 0) ? 'add-dropout' : 'stronger-l2';
  }
}

/** The remedy of a finding: id, sheet and patch. */
export function remedyFor(code: DoctorCode, spec: RunSpec, found: ReadonlySet<DoctorCode>): DoctorRemedy {
  const id = chooseRemedy(code, spec, found);
  return { id, sheet: REMEDY_SHEETS[id], patch: remedyPatch(id, spec) };
}
