import { z } from 'zod';

/**
 * The training doctor's findings as the contract carries them (the `end` event's `findings`, the
 * CLI's --json): what went wrong in a run, where, the numbers that show it, and the lecture's
 * remedy as a change to the run's spec. engine/lab/doctor decides them; this file only says their
 * shape. Every set here is closed (a code, a measure or a remedy this engine does not know is
 * rejected), and every object may carry extra fields.
 */

/** What the doctor can find, most serious first (the order findings are listed in). */
export const DOCTOR_CODES = ['exploding-gradient', 'vanishing-gradient', 'saturation', 'dead-relu', 'lr-too-high', 'lr-too-low', 'overfitting'] as const;
export type DoctorCode = (typeof DOCTOR_CODES)[number];

/** The changes the doctor can suggest, each a spec patch (engine/lab/doctor/remedies.ts builds them). */
export const REMEDY_IDS = ['relu-he', 'matched-init', 'batch-norm', 'lower-lr', 'raise-lr', 'add-l2', 'add-dropout', 'stronger-l2'] as const;
export type RemedyId = (typeof REMEDY_IDS)[number];

/** A number measured over several diagnostics snapshots in a row (the last `snapshots`), each past `threshold`. */
const sustained = { threshold: z.number(), snapshots: z.number().int().min(1) };

/**
 * The numbers behind a finding, by what was measured. Gradient norms are ‖∂L/∂W‖ of the data loss;
 * losses are means of the batches' data losses over a window of steps, `initialLoss` the
 * evaluation of the initial network (step 0); fractions are in [0, 1]; layers are 0-based.
 */
export const DoctorEvidenceSchema = z.discriminatedUnion('measure', [
  /** `layer`'s gradient norm over `referenceLayer`'s (the last layer), in each of the last snapshots below (vanishing) or above (exploding) `threshold`. */
  z.object({ measure: z.literal('gradient-ratio'), ratio: z.number(), gradNorm: z.number(), referenceLayer: z.number().int().min(0), referenceGradNorm: z.number(), ...sustained }),
  /** The run ended `diverged`: its loss became NaN or infinite. */
  z.object({ measure: z.literal('divergence'), message: z.string().nullable() }),
  /** A layer's gradient norm was NaN or infinite in a diagnostics snapshot of a run that went on. */
  z.object({ measure: z.literal('non-finite-gradient') }),
  /** The loss rose to `peakLoss`, `threshold` times or more the initial loss. */
  z.object({ measure: z.literal('loss-blow-up'), initialLoss: z.number(), peakLoss: z.number(), threshold: z.number() }),
  /** Fraction of the layer's activation values in a flat part of sigmoid/tanh, while the loss (`recentLoss`) has not come far down from `initialLoss`; `layers`: how many hidden layers are past the threshold. */
  z.object({ measure: z.literal('saturated-fraction'), fraction: z.number(), layers: z.number().int().min(1), initialLoss: z.number(), recentLoss: z.number(), ...sustained }),
  /** Fraction of the layer's ReLU units that passed no gradient; `layers`: how many hidden layers are past the threshold. */
  z.object({ measure: z.literal('dead-fraction'), fraction: z.number(), layers: z.number().int().min(1), ...sustained }),
  /** The loss went up to `peakLoss`, at least `threshold` times the initial loss (at `step`). */
  z.object({ measure: z.literal('loss-peak'), initialLoss: z.number(), peakLoss: z.number(), threshold: z.number() }),
  /** The recent loss is back up from the lowest it reached (`bestLoss`, at `bestStep`). */
  z.object({ measure: z.literal('loss-rising'), initialLoss: z.number(), bestLoss: z.number(), bestStep: z.number().int().min(0), recentLoss: z.number(), threshold: z.number() }),
  /** The loss barely moved from the initial loss while every layer's update ratio ‖ΔW‖/‖W‖ stayed below `threshold`. */
  z.object({ measure: z.literal('flat-loss'), initialLoss: z.number(), recentLoss: z.number(), updateRatio: z.number(), threshold: z.number(), snapshots: z.number().int().min(1) }),
  /**
   * The test loss went up from its lowest (`bestTestLoss` at `bestStep`) while the training loss
   * kept falling; accuracies where the run has them (the gap is train − test).
   */
  z.object({
    measure: z.literal('test-loss-rising'),
    bestStep: z.number().int().min(0),
    bestTestLoss: z.number(),
    testLoss: z.number(),
    trainLossAtBest: z.number(),
    trainLoss: z.number(),
    trainAccuracy: z.number().optional(),
    testAccuracy: z.number().optional(),
    gap: z.number().optional(),
  }),
]);
export type DoctorEvidence = z.infer<typeof DoctorEvidenceSchema>;
export type DoctorMeasure = DoctorEvidence['measure'];

/**
 * One change to a RunSpec, as in JSON Patch (RFC 6902): `replace` an existing member, or `add`
 * one (a field the spec left to its default, such as optimizer.lr). `path` is a JSON Pointer
 * ("/layers/0/activation"). Apply with applySpecPatch (spec-patch.ts).
 */
export const SpecPatchOpSchema = z.object({
  op: z.enum(['replace', 'add']),
  path: z.string().regex(/^(\/[^/]*)+$/, 'a JSON Pointer such as /layers/0/activation'),
  value: z.unknown(),
});
export type SpecPatchOp = z.infer<typeof SpecPatchOpSchema>;

/** The lecture's remedy: which one, the lab sheet that explains it (a LAB_SHEET_IDS id), and the spec change that tries it. */
export const DoctorRemedySchema = z.object({
  id: z.enum(REMEDY_IDS),
  sheet: z.string(),
  patch: z.array(SpecPatchOpSchema),
});
export type DoctorRemedy = z.infer<typeof DoctorRemedySchema>;

/** One finding: what, where (0-based layer, the step it was seen at), the numbers, and the remedy. */
export const DoctorFindingSchema = z.object({
  code: z.enum(DOCTOR_CODES),
  layer: z.number().int().min(0).optional(),
  step: z.number().int().min(0).optional(),
  evidence: DoctorEvidenceSchema,
  remedy: DoctorRemedySchema,
});
export type DoctorFinding = z.infer<typeof DoctorFindingSchema>;
