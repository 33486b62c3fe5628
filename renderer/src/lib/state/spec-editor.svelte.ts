import type { SpecCheck } from '$engine/api/lab-api';
import { parseRunSpec } from '$engine/api/parse-run-spec';
import type { ActivationName, RunSpec } from '$engine/api/run-spec';
import type { FieldProblem } from '$engine/api/spec-error';
import type { TrainPreset } from '$engine/lab/presets';
import { i18n } from '../i18n/i18n.svelte';
import { problemMessage } from '../i18n/problem-text';
import { defaultDraft, draftToSpec, hiddenLayer, outputFor, specToDraft, steppedUnits, type DatasetChoice, type Draft, type InlineData } from './spec-draft';
import { specKey } from './spec-key';
import { chosenFeatures, toggledFeatures } from './input-feature-choice';
import type { InputFeature } from '$engine/api/input-features';
import { localSpecProblems } from './spec-problems';
import type { Locale } from '../i18n/locale';
import { presetRunSpec } from '../labs/preset-run-spec';

/** Most hidden layers the builder offers. */
export const MAX_BUILDER_LAYERS = 12;

/**
 * The spec being built: the draft the form edits, the RunSpec it describes, and what is wrong with
 * it. Problems come from the engine itself: the RunSpec parser here (instant), and the service's
 * check against the dataset (output units vs classes, batch vs data, the duration estimate).
 */
export class SpecEditor {
  draft = $state<Draft>(defaultDraft());
  /** The preset the draft came from, if any. */
  presetId = $state<string | null>(null);
  #loadedSpecKey = $state<string | null>(null);
  #serverCheck = $state.raw<{ specKey: string; check: SpecCheck } | null>(null);

  /** The RunSpec the draft describes (unvalidated). */
  readonly spec = $derived(draftToSpec(this.draft));
  /** Equal exactly when the spec is (spec-key.ts: a file's points by identity, not written out). */
  readonly specKey = $derived(specKey(this.spec));

  /** Problems the parser finds (no dataset needed); a file's points are checked once, not on every edit. */
  readonly localProblems: FieldProblem[] = $derived(localSpecProblems(this.spec));

  /** The service's check of the current spec, when it has answered for exactly this spec. */
  readonly check: SpecCheck | null = $derived(this.#serverCheck?.specKey === this.specKey ? this.#serverCheck.check : null);

  /** Every known problem; empty when the spec may start (once the service has checked it). */
  readonly problems: FieldProblem[] = $derived(this.localProblems.length > 0 ? this.localProblems : this.check && !this.check.ok ? this.check.problems : []);

  readonly canStart = $derived(this.localProblems.length === 0 && this.check?.ok === true);

  /** True when a loaded preset has been changed: it is a new spec now. */
  readonly edited = $derived(this.presetId !== null && this.#loadedSpecKey !== this.specKey);

  /** The message for one field (exact JSON path, e.g. `layers[1].units`) in the UI's language, or undefined. */
  problemFor(field: string): string | undefined {
    const problem = this.problems.find((p) => p.field === field);
    return problem && problemMessage(problem.message, i18n.locale);
  }

  /** Problems of a field and everything under it (`optimizer` → optimizer.lr, …). */
  problemsUnder(prefix: string): FieldProblem[] {
    return this.problems.filter((p) => p.field === prefix || p.field.startsWith(`${prefix}.`) || p.field.startsWith(`${prefix}[`));
  }

  /** Records the service's answer for the spec (by its specKey) it was asked about. */
  setCheck(specKey: string, check: SpecCheck): void {
    this.#serverCheck = { specKey, check };
  }

  /** Loads a preset's spec, named by its title in `locale` (presetRunSpec). */
  loadPreset(preset: TrainPreset, locale: Locale): void {
    this.loadSpec(parseRunSpec(presetRunSpec(preset, locale)));
    this.presetId = preset.id;
  }

  loadSpec(spec: RunSpec): void {
    this.draft = specToDraft(spec);
    this.presetId = null;
    this.#loadedSpecKey = specKey(draftToSpec(this.draft));
  }

  /** Switches the dataset and fits the output layer to its classes. */
  setDataset(name: DatasetChoice, inline: InlineData | null = null): void {
    this.draft.dataset.name = name;
    if (inline) this.draft.dataset.inline = inline;
    const classes = inline && Array.isArray(inline.y) && typeof inline.y[0] === 'number' ? Math.max(...(inline.y as number[])) + 1 : null;
    const output = this.draft.layers[this.draft.layers.length - 1]!;
    output.units = outputFor(name, classes).units;
    if (output.activation !== 'softmax') {
      output.activation = 'softmax';
      this.draft.loss = 'softmax_cross_entropy';
    }
    if (name === 'mnist' && this.draft.batchSize < 32) this.draft.batchSize = 100;
  }

  /** Turns one input feature of 2-D points on or off (toggledFeatures: the last one stays on). */
  toggleFeature(feature: InputFeature): void {
    this.draft.dataset.features = toggledFeatures(chosenFeatures(this.draft.dataset), feature);
  }

  addLayer(): void {
    if (this.hiddenCount >= MAX_BUILDER_LAYERS) return;
    const last = this.draft.layers[this.hiddenCount - 1];
    this.draft.layers.splice(this.hiddenCount, 0, hiddenLayer(last?.units ?? 4, last?.activation ?? 'tanh'));
  }

  removeLayer(index: number): void {
    if (index < this.hiddenCount) this.draft.layers.splice(index, 1);
  }

  addUnit(index: number): void {
    this.#stepUnits(index, 1);
  }

  removeUnit(index: number): void {
    this.#stepUnits(index, -1);
  }

  /** Sets a hidden layer's neuron count as typed; the parser reports a count the spec does not allow. */
  setUnits(index: number, units: number): void {
    const layer = this.draft.layers[index];
    if (layer && index < this.hiddenCount) layer.units = units;
  }

  #stepUnits(index: number, delta: 1 | -1): void {
    const layer = this.draft.layers[index];
    if (layer && index < this.hiddenCount) layer.units = steppedUnits(layer.units, delta);
  }

  /** Sets a hidden layer's activation and, as the lecture advises, the matching initializer. */
  setActivation(index: number, activation: ActivationName): void {
    const layer = this.draft.layers[index];
    if (!layer) return;
    layer.activation = activation;
    if (layer.init === 'xavier' || layer.init === 'he') layer.init = hiddenLayer(1, activation).init;
  }

  get hiddenCount(): number {
    return this.draft.layers.length - 1;
  }
}
