import type { DoctorFinding } from '$engine/api/doctor-findings';
import type { EndEvent } from '$engine/api/events';
import { parseRunSpec } from '$engine/api/parse-run-spec';
import type { RunSpec } from '$engine/api/run-spec';
import { applySpecPatch } from '$engine/api/spec-patch';
import {
  diagnose,
  DOCTOR_TITLES,
  findingPlace,
  findingWords,
  patchWords,
  remedyLabel,
  remedyWords,
  sheetTitle,
  type DoctorRun,
} from '$engine/lab/doctor/training-doctor';
import type { Locale } from '../i18n/locale';

/**
 * What the training doctor panel shows, from a run's doctor record and its end event: plain data
 * (no Svelte), so it is tested without a browser.
 */

/** One finding as the panel shows it. */
export interface DoctorEntry {
  code: DoctorFinding['code'];
  title: string;
  /** "층 1 · 99단계"; "" when the finding has neither. */
  place: string;
  /** The numbers and what they mean. */
  evidence: string;
  remedyLabel: string;
  remedy: string;
  /** The lab sheet that explains the remedy, and its title. */
  sheetId: string;
  sheetTitle: string;
  /** The fields the remedy changes ("은닉층 1–10: 활성화 함수 → ReLU, 가중치 초기화 → He"). */
  patch: string;
  /** The run's spec with the remedy applied, as a new spec to load into the builder; null when there is nothing to try. */
  spec: RunSpec | null;
}

/**
 * waiting: no event yet; early: nothing found so far, too young to tell; short: ended, nothing
 * found, too short to tell; healthy: nothing found; findings: see entries.
 */
export type DoctorState = 'waiting' | 'early' | 'short' | 'healthy' | 'findings';

export interface DoctorView {
  state: DoctorState;
  entries: DoctorEntry[];
}

/**
 * The findings to show: the end event's when the run has ended with them (the service's verdict on
 * every event the run emitted: a live page sees only a thinned share), else the doctor's on what
 * this page has so far.
 */
export function currentFindings(run: DoctorRun, end: EndEvent | null): { findings: DoctorFinding[]; early: boolean } {
  const report = diagnose(run);
  return end?.findings ? { findings: end.findings, early: report.early } : report;
}

/**
 * The panel's content for a run (its doctor record and end event) in `locale`; `runName` names
 * the specs "try it" makes when the run's spec has no name of its own (the history names such runs).
 */
export function doctorView(run: DoctorRun, end: EndEvent | null, locale: Locale, runName?: string): DoctorView {
  if (run.spec === null && run.steps.step.length === 0) return { state: 'waiting', entries: [] };
  const { findings, early } = currentFindings(run, end);
  if (findings.length === 0) return { state: !early ? 'healthy' : end === null ? 'early' : 'short', entries: [] };
  return { state: 'findings', entries: findings.map((finding) => doctorEntry(finding, run.spec, locale, runName)) };
}

/** One finding in words, with the spec its remedy makes of `spec`. */
export function doctorEntry(finding: DoctorFinding, spec: RunSpec | null, locale: Locale, runName?: string): DoctorEntry {
  const layerCount = spec === null ? null : spec.layers.length;
  return {
    code: finding.code,
    title: DOCTOR_TITLES[finding.code][locale],
    place: findingPlace(finding, layerCount)[locale],
    evidence: findingWords(finding, layerCount)[locale],
    remedyLabel: remedyLabel(finding.remedy)[locale],
    remedy: remedyWords(finding.remedy)[locale],
    sheetId: finding.remedy.sheet,
    sheetTitle: sheetTitle(finding.remedy.sheet)[locale],
    patch: patchWords(finding.remedy.patch, locale, layerCount),
    spec: spec === null ? null : remedySpec(spec, finding, locale, runName),
  };
}

/** Longest spec name (RunSpec's limit). */
const MAX_NAME = 200;

/**
 * The run's spec with the finding's remedy applied, named after it ("Sigmoid 10 + ReLU + He": the
 * spec's name, else `runName`, else the finding's title), validated as a RunSpec: what "try it"
 * loads into the builder as a new spec. Null when the remedy changes nothing or its patch does not
 * fit this spec.
 */
export function remedySpec(spec: RunSpec, finding: DoctorFinding, locale: Locale, runName?: string): RunSpec | null {
  if (finding.remedy.patch.length === 0) return null;
  try {
    const patched = applySpecPatch(spec, finding.remedy.patch);
    const base = spec.name || runName || DOCTOR_TITLES[finding.code][locale];
    const suffix = ` + ${remedyLabel(finding.remedy)[locale]}`;
    return parseRunSpec({ ...patched, name: `${base.slice(0, MAX_NAME - suffix.length)}${suffix}` });
  } catch {
    return null;
  }
}
