import type { LabApi } from '$engine/api/lab-api';
import { STUDENT_NAME_KEY, type ImportedNotebook } from '$engine/api/lab-notebook';
import type { RunDetail, RunSummary } from '$engine/api/runs';
import { SvelteSet } from 'svelte/reactivity';
import { notebookKey, type LabChoice, type LabComparison, type LabPrediction, type LabSheet } from '$engine/lab/lab-sheets';
import { findPreset, type TrainPreset } from '$engine/lab/presets';
import type { LiveRuns, RunView } from '../state/live-runs.svelte';
import type { SpecEditor } from '../state/spec-editor.svelte';
import type { ClaimRun } from '$engine/lab/claim-checks';
import { choiceOrderKey, orderedChoices } from './choice-order';
import { comparisonCheck, groupCheck, loadClaimRun, presetCheck, type ClaimResult } from './claims';
import { comparisonGroupClaim, presetGroupClaim } from '$engine/lab/seed-group-claim';
import { MAX_GROUP_SEEDS } from '$engine/api/lab-api';
import type { RevealProgress } from './reveal';
import { gatedComparisons, latestRunByPreset, presetOfRun, presetTag, sheetTag, stepSeconds } from './sheet-plan';
import { messageOf } from '$engine/api/error-message';
import { NotebookSaver, type ConflictChoice } from './notebook-saver.svelte';
import type { Locale } from '../i18n/locale';
import { presetRunSpec } from './preset-run-spec';

export { STUDENT_NAME_KEY } from '$engine/api/lab-notebook';

/** A sheet's run of one preset, as the sheet shows it: live while this page trains it, else as stored. */
export interface SheetRun {
  id: string;
  name: string;
  presetId: string;
  /** The live view when this page started it (progress, state). */
  live: RunView | null;
  /** The stored record (listRuns), once the history has it. */
  stored: RunSummary | null;
  /** True once the run has ended (completed, stopped, diverged, failed or interrupted). */
  ended: boolean;
  /** The seed group it is one run of, or null. */
  groupId: string | null;
  /** Its seed, when known. */
  seed: number | null;
}

/** The training presets a sheet step runs. */
export function stepPresets(ids: readonly string[] | undefined): TrainPreset[] {
  return (ids ?? []).map((id) => findPreset(id)).filter((p): p is TrainPreset => p?.kind === 'train');
}

function isPrediction(value: unknown): value is LabPrediction {
  return typeof value === 'object' && value !== null && typeof (value as LabPrediction).choice === 'string';
}

/**
 * One open lab sheet: the student's notebook for it (predictions, answers, name; loaded from and
 * saved to the run history through LabApi), its runs (started here, tagged `lab:<sheet>` and
 * `preset:<id>`, or found in the history from an earlier class), the stored details of the
 * ended ones (what the claim checks read), each step's duration estimate, and what the student has
 * done that reveals held-back texts (predictions, probes opened: see reveal.ts).
 */
export class LabSheetSession {
  /** The notebook as last loaded or saved: key → JSON value. */
  notebook = $state<Record<string, unknown>>({});
  /** Notebooks imported files brought for this sheet, one per student (read-only; never mixed into `notebook`). */
  imported = $state.raw<ImportedNotebook[]>([]);
  loaded = $state(false);
  loadError = $state<string | null>(null);
  /** The sheet's runs in the history (newest first). */
  storedRuns = $state.raw<RunSummary[]>([]);
  /** Stored records of ended runs, by id, with what the claim checks read of them. */
  details = $state.raw<ReadonlyMap<string, { detail: RunDetail; claim: ClaimRun }>>(new Map());
  /** Estimated seconds per preset (checkSpec), null when unknown. */
  estimates = $state<Record<string, number | null>>({});
  poolSize = $state(1);
  /** The step whose runs are being started. */
  starting = $state<number | null>(null);
  startError = $state<string | null>(null);
  /** Seeds each preset of a step runs over (1: one run each, as before; more: a seed group each). */
  seeds = $state(1);
  /** Saves the typed entries (answers, the name) as they change: their states, conflicts with other tabs, the last error. */
  readonly saver: NotebookSaver;

  /** The key this student's choice orders are shuffled with (choice-order.ts). */
  readonly choiceKey = choiceOrderKey();
  /** Probe presets opened from this sheet on this visit. */
  readonly #probesOpened = new SvelteSet<string>();

  readonly #fetching = new Set<string>();

  /**
   * The opened lab pack this sheet is worked in (null: the sheet on its own): the runs it starts
   * answer that pack (startRun's packId, and a seed group's), and it shows only that pack's runs.
   */
  readonly packId: string | null;

  constructor(
    readonly sheet: LabSheet,
    private readonly api: LabApi,
    private readonly runs: LiveRuns,
    private readonly editor: SpecEditor,
    packId: string | null = null,
    /** The UI's language, for the names of the runs it starts. */
    private readonly locale: () => Locale = () => 'en',
  ) {
    this.packId = packId;
    this.saver = new NotebookSaver(api, sheet.id, (key, value) => (this.notebook[key] = value));
  }

  /** Loads the notebook, the sheet's stored runs and the step estimates. */
  async load(): Promise<void> {
    try {
      const [notebook, imported, info] = await Promise.all([this.api.getLabNotebook(this.sheet.id), this.api.getImportedNotebooks(this.sheet.id), this.api.appInfo()]);
      this.notebook = { ...notebook, ...this.#typedBeforeLoad };
      this.saver.loaded(notebook);
      for (const [key, value] of Object.entries(this.#typedBeforeLoad)) this.saver.change(key, value);
      this.imported = imported;
      this.poolSize = info.poolSize;
      this.loaded = true;
    } catch (error) {
      this.loadError = messageOf(error);
      return;
    }
    await this.refreshRuns();
    const presetIds = [...new Set(this.sheet.steps.flatMap((s) => s.presets ?? []))];
    await Promise.all(
      presetIds.map(async (id) => {
        const preset = findPreset(id);
        if (preset?.kind !== 'train') return;
        try {
          const check = await this.api.checkSpec(preset.spec);
          this.estimates[id] = check.ok ? check.estimate.seconds : null;
        } catch {
          this.estimates[id] = null;
        }
      }),
    );
  }

  /** Re-reads the sheet's runs from the history and fetches the records of newly ended ones. */
  async refreshRuns(): Promise<void> {
    try {
      this.storedRuns = await this.api.listRuns({ tag: sheetTag(this.sheet.id), ...(this.packId === null ? {} : { packId: this.packId }), sortBy: 'createdAt', order: 'desc', limit: 500 });
    } catch (error) {
      this.loadError = messageOf(error);
      return;
    }
    const latest = [...latestRunByPreset(this.storedRuns).keys()].flatMap((presetId) => this.runsOf(presetId));
    await Promise.all(latest.filter((run) => run.stored !== null && isEndedStatus(run.stored.status)).map((run) => this.fetchDetail(run.id)));
  }

  /** Fetches an ended run's stored record once (the claim checks read it). */
  async fetchDetail(runId: string): Promise<void> {
    if (this.details.has(runId) || this.#fetching.has(runId)) return;
    this.#fetching.add(runId);
    try {
      const detail = await this.api.getRun(runId);
      const claim = await loadClaimRun(this.api, detail);
      this.details = new Map(this.details).set(runId, { detail, claim });
    } catch {
      // A run deleted meanwhile: it simply has no check.
    } finally {
      this.#fetching.delete(runId);
    }
  }

  /** Runs started on this page, oldest first, with their preset (known before the history lists them). */
  #started = $state<{ id: string; presetId: string; groupId: string | null; seed: number | null }[]>([]);

  /** The newest run of a preset on this sheet (of a seed group: its first seed): the one started on this page if any, else the history's newest. */
  runOf(presetId: string): SheetRun | null {
    return this.runsOf(presetId)[0] ?? null;
  }

  /** The newest run of a preset and, when it is one of a seed group, the group's other runs: in seed order ([] before any run). */
  runsOf(presetId: string): SheetRun[] {
    const startedHere = this.#started.findLast((r) => r.presetId === presetId);
    if (startedHere) {
      const group = startedHere.groupId === null ? [startedHere] : this.#started.filter((r) => r.groupId === startedHere.groupId);
      return bySeed(group.map((r) => this.#sheetRun(r.id, presetId, r.groupId, r.seed)));
    }
    const newest = latestRunByPreset(this.storedRuns).get(presetId);
    if (!newest) return [];
    const group = newest.groupId === null ? [newest] : this.storedRuns.filter((r) => r.groupId === newest.groupId && presetOfRunIs(r, presetId));
    return bySeed(group.map((r) => this.#sheetRun(r.id, presetId, r.groupId, r.seed)));
  }

  #sheetRun(id: string, presetId: string, groupId: string | null, seed: number | null): SheetRun {
    const live = this.runs.runs.find((r) => r.id === id) ?? null;
    const stored = this.storedRuns.find((r) => r.id === id) ?? null;
    const ended = live ? live.state === 'ended' : stored ? isEndedStatus(stored.status) : false;
    return { id, name: live?.name ?? stored?.name ?? presetId, presetId, live, stored, ended, groupId, seed: seed ?? stored?.seed ?? live?.seed ?? null };
  }

  /** The prediction saved for a comparison, or null. */
  prediction(comparisonId: string): LabPrediction | null {
    const value = this.notebook[notebookKey('prediction', comparisonId)];
    return isPrediction(value) ? value : null;
  }

  /** A comparison's choices in the order this student sees them. */
  choices(comparison: LabComparison): LabChoice[] {
    return orderedChoices(comparison, this.choiceKey);
  }

  /** Notes that the student opened a probe from this sheet (its step's description may show). */
  probeOpened(presetId: string): void {
    this.#probesOpened.add(presetId);
  }

  /** What reveals held-back texts: the predictions recorded and the probes opened. */
  get progress(): RevealProgress {
    return {
      predicted: new Set(this.sheet.comparisons.filter((c) => this.prediction(c.id) !== null).map((c) => c.id)),
      probesOpened: this.#probesOpened,
    };
  }

  /** Saves the student's prediction for a comparison (before its runs start). */
  async predict(comparison: LabComparison, choice: string): Promise<void> {
    const value: LabPrediction = { choice, predictedAt: new Date().toISOString() };
    await this.#save(notebookKey('prediction', comparison.id), value);
  }

  /** The predictions step `index` still needs before its runs may start. */
  missingPredictions(index: number): LabComparison[] {
    return gatedComparisons(this.sheet, index).filter((c) => this.prediction(c.id) === null);
  }

  /** The student's answer to a question ('' if none). */
  answer(questionId: string): string {
    const value = this.notebook[notebookKey('answer', questionId)];
    return typeof value === 'string' ? value : '';
  }

  /** The answers imported files give to a question: whose file, and the text (sources without one left out). */
  importedAnswers(questionId: string): { sourceId: string; studentName: string | null; text: string }[] {
    const key = notebookKey('answer', questionId);
    return this.imported.flatMap((n) => {
      const text = n.entries[key];
      return typeof text === 'string' && text.trim() !== '' ? [{ sourceId: n.sourceId, studentName: n.studentName, text }] : [];
    });
  }

  /** Keeps an answer at once on the page and saves it (see NotebookSaver). */
  setAnswer(questionId: string, text: string): void {
    this.setText(notebookKey('answer', questionId), text);
  }

  get studentName(): string {
    const value = this.notebook[STUDENT_NAME_KEY];
    return typeof value === 'string' ? value : '';
  }

  set studentName(name: string) {
    this.setText(STUDENT_NAME_KEY, name);
  }

  /** Text typed before the notebook loaded: kept over what loads, and saved once the store's text is known. */
  #typedBeforeLoad: Record<string, string> = {};

  /** Sets a typed notebook text now and saves it (at once, or right after the save in flight). */
  setText(key: string, text: string): void {
    this.notebook[key] = text;
    if (!this.loaded) this.#typedBeforeLoad[key] = text;
    else this.saver.change(key, text);
  }

  /** Keeps this page's text, the other tab's, or both, for an entry saved elsewhere meanwhile. */
  resolveConflict(key: string, choice: ConflictChoice): void {
    this.notebook[key] = this.saver.resolve(key, choice);
  }

  /** Sends what is still waiting and waits for the saves in flight (when the sheet closes, before a report). */
  async flush(): Promise<void> {
    await this.saver.flush();
  }

  /** The sheet closes: what waits is sent, and the page and other tabs are no longer listened to. */
  close(): void {
    this.saver.close();
  }

  /** Saves a chosen value (a prediction) as it is: a click, not typing, so the newest choice is the one kept. */
  async #save(key: string, value: unknown): Promise<void> {
    try {
      await this.api.saveLabNotebookEntry(this.sheet.id, key, value);
      this.notebook[key] = value;
      this.saver.error = null;
    } catch (error) {
      this.saver.error = messageOf(error);
    }
  }

  /** Estimated seconds of a step's runs (each preset `seeds` times, run pool-size at a time), null if unknown. */
  stepSeconds(presetIds: readonly string[]): number | null {
    const seeds = Number.isInteger(this.seeds) && this.seeds > 1 ? this.seeds : 1;
    return stepSeconds(
      presetIds.flatMap((id) => Array.from({ length: seeds }, () => this.estimates[id])),
      this.poolSize,
    );
  }

  /**
   * Starts a step's presets: each is loaded into the builder (so the student finds it there) and
   * started as it is (over `seeds` seeds: a seed group each), tagged with the sheet and the
   * preset. Refused while a prediction is missing.
   */
  async startStep(index: number): Promise<void> {
    const step = this.sheet.steps[index];
    if (!step?.presets?.length || this.starting !== null || this.missingPredictions(index).length > 0) return;
    this.starting = index;
    this.startError = null;
    try {
      const seeds = Number.isInteger(this.seeds) ? Math.min(MAX_GROUP_SEEDS, Math.max(1, this.seeds)) : 1;
      for (const preset of stepPresets(step.presets)) {
        const locale = this.locale();
        this.editor.loadPreset(preset, locale);
        const options = { names: locale, ...(this.packId === null ? {} : { packId: this.packId }) };
        const spec = presetRunSpec(preset, locale);
        const views = seeds > 1 ? await this.runs.startGroup(spec, seeds, options) : [await this.runs.start(spec, options)];
        for (const view of views) this.#started.push({ id: view.id, presetId: preset.id, groupId: view.groupId, seed: view.seed });
        for (const view of views) await this.api.setRunTags(view.id, [sheetTag(this.sheet.id), presetTag(preset.id)]);
      }
      await this.refreshRuns();
      await this.#linkPredictions();
    } catch (error) {
      this.startError = messageOf(error);
    } finally {
      this.starting = null;
    }
  }

  /** Keeps each prediction with the runs it is judged on (their ids, in the comparison's order). */
  async #linkPredictions(): Promise<void> {
    for (const comparison of this.sheet.comparisons) {
      const prediction = this.prediction(comparison.id);
      if (!prediction) continue;
      const runIds = comparison.presets.map((p) => this.runOf(p)?.id).filter((id): id is string => id !== undefined);
      if (runIds.length === 0 || JSON.stringify(runIds) === JSON.stringify(prediction.runIds ?? [])) continue;
      await this.#save(notebookKey('prediction', comparison.id), { ...prediction, runIds });
    }
  }

  /**
   * The claim check of a preset's newest run, once it has ended and its record is loaded; of a
   * seed group, "reproduced in k of N seeds" once every seed has (groupCheck). Null before (or
   * with no claim).
   */
  presetCheck(presetId: string): ClaimResult | null {
    const runs = this.runsOf(presetId);
    const claims = this.#loadedClaims(runs);
    if (claims === null || claims.length === 0) return null;
    return claims.length > 1 ? groupCheck(presetGroupClaim(presetId, claims)) : presetCheck(presetId, claims[0]!);
  }

  /** What the claim checks read of each run, in order; null while one of them trains or loads. */
  #loadedClaims(runs: readonly SheetRun[]): ClaimRun[] | null {
    const claims: ClaimRun[] = [];
    for (const run of runs) {
      const loaded = run.ended ? this.details.get(run.id) : undefined;
      if (!loaded) return null;
      claims.push(loaded.claim);
    }
    return claims;
  }

  /**
   * A comparison's check over the newest run of each of its presets: null while one of them is
   * still training (or its record is loading); 'not-yet' with "run … first" when one was never run.
   */
  comparisonCheck(comparison: LabComparison): ClaimResult | null {
    const runs: Record<string, ClaimRun | undefined> = {};
    const groups: Record<string, ClaimRun[]> = {};
    for (const presetId of comparison.presets) {
      const claims = this.#loadedClaims(this.runsOf(presetId));
      if (claims === null) return null;
      if (claims.length === 0) continue;
      runs[presetId] = claims[0];
      groups[presetId] = claims;
    }
    // Over seed groups (every preset run, one of them over several seeds): check k reads each preset's run k.
    const grouped = Object.keys(groups).length === comparison.presets.length && Object.values(groups).some((claims) => claims.length > 1);
    return grouped ? groupCheck(comparisonGroupClaim(comparison.id, groups)) : comparisonCheck(comparison.id, runs);
  }

  /** Ids of the newest runs of a comparison's presets (those that exist; every seed of a group), in its order. */
  comparisonRunIds(comparison: LabComparison): string[] {
    return comparison.presets.flatMap((p) => this.runsOf(p).map((run) => run.id));
  }

  /** Fetches the records of runs that ended on this page (called when a live run ends). */
  async syncEnded(): Promise<void> {
    const presetIds = [...new Set(this.sheet.steps.flatMap((s) => s.presets ?? []))];
    const ended = presetIds.flatMap((p) => this.runsOf(p)).filter((run) => run.ended && !this.details.has(run.id));
    if (ended.length === 0) return;
    await this.refreshRuns();
    await Promise.all(ended.map((run) => this.fetchDetail(run.id)));
  }
}

/** Runs in seed order (a group's; a single run stays as it is). */
function bySeed(runs: SheetRun[]): SheetRun[] {
  return runs.sort((a, b) => (a.seed ?? 0) - (b.seed ?? 0));
}

/** Whether a stored run was started from this preset (its tag). */
function presetOfRunIs(run: RunSummary, presetId: string): boolean {
  return presetOfRun(run) === presetId;
}

/** Statuses a run never leaves. */
export function isEndedStatus(status: RunSummary['status']): boolean {
  return status !== 'queued' && status !== 'running';
}
