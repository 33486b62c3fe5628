import type { BothLanguages, ClassComparison, ClassCurve, ClassPresetGroup, ClassRunPoint, ClassStudent, ClassSummary, Verdict, VerdictCounts } from '../../api/class-summary';
import type { RunStatus } from '../../api/events';
import type { LabPack, StudentIdentity } from '../../api/lab-pack';
import { bandGrid, curveBand, quartiles } from '../../api/quantiles';
import { studentKey } from '../../history/class-store';
import type { ClassRunRow, HandInNotebook } from '../../history/class-run-store';
import { HistoryError } from '../../history/history-error';
import type { RunHistory } from '../../history/run-history';
import { checkClaim, checkComparison, claimExpectation, type ClaimRun, type JudgedNumber } from '../../lab/claim-checks';
import { judgedWords } from '../../lab/claims/wording/judged-words';
import { findLabSheet, notebookKey, type LabSheet } from '../../lab/lab-sheets';
import { presetOfTags } from '../../lab/preset-tag';
import { findPreset } from '../../lab/presets';
import { outlierReasons } from './outliers';
import { CURVE_POINTS, FACTS_VERSION, computeRunFacts, factsFromText, factsToText, type ClassRunFacts } from './run-facts';

/**
 * A pack's class results (LabApi classSummary, `nnlab class summary`): built from the runs stamped
 * with the pack that students made (the teacher's own runs have no author), the facts kept per run
 * (run-facts.ts; computed here for runs that have none yet, or facts of other claim checks), and
 * the hand-ins' notebooks kept per student. Students are told apart by number (studentKey).
 *
 * Counting rules: a student's run of a preset is their newest ended run of it; a preset group's
 * `runs` counts every class run of the preset (any status), its `students` the students with an
 * ended one (its points). A roster's verdicts count the student's preset verdicts and comparison
 * verdicts over the pack.
 */
export function classSummary(history: RunHistory, packIdOrPrefix: string): ClassSummary {
  const pack = history.getPack(packIdOrPrefix);
  const summary = history.listPacks().find((p) => p.id === pack.id);
  if (summary === undefined) throw new HistoryError('not-found', `no lab pack ${pack.id} has been opened in this history`);
  const rows = history.classRunsOfPack(pack.id);
  const facts = classRunFacts(history, rows);
  const notebooks = history.handInNotebooks(pack.id);
  const sheets = pack.sheets.flatMap((sheet) => {
    const found = sheet.kind === 'built-in' ? findLabSheet(sheet.id) : undefined;
    return found === undefined ? [] : [found];
  });
  const roster = rosterOf(rows, notebooks);
  const newest = newestRuns(rows, facts);
  const presets = presetIds(pack, sheets, rows).map((presetId) => presetGroup(presetId, roster, rows, newest));
  const comparisons = sheets.flatMap((sheet) => sheet.comparisons.map((comparison) => comparisonOf(sheet, comparison.id, roster, notebooks, newest)));
  const students = roster.map((student): ClassStudent => {
    const verdicts = countVerdicts([
      ...presets.map((group) => group.points.find((p) => studentKey(p.student.number) === student.key)?.verdict ?? null),
      ...comparisons.map((c) => c.students.find((s) => studentKey(s.student.number) === student.key)?.verdict ?? null),
    ]);
    const runSteps = sheets.flatMap((sheet) => sheet.steps.filter((step) => (step.presets ?? []).length > 0));
    const mine = newest.get(student.key);
    const questions = sheets.flatMap((sheet) => sheet.questions.map((q) => ({ sheetId: sheet.id, key: notebookKey('answer', q.id) })));
    const notebook = student.notebook?.sheets ?? {};
    return {
      name: student.identity.name,
      number: student.identity.number,
      handedInAt: student.notebook?.fileCreatedAt ?? null,
      runs: student.runs,
      stepsDone: runSteps.filter((step) => step.presets!.every((p) => mine?.has(p))).length,
      stepsTotal: runSteps.length,
      verdicts,
      answered: questions.filter((q) => {
        const answer = notebook[q.sheetId]?.[q.key];
        return typeof answer === 'string' && answer.trim() !== '';
      }).length,
      questions: questions.length,
    };
  });
  return { pack: summary, students, presets, comparisons };
}

/**
 * Every ended class run's facts: those kept, when computed with the current claim checks for the
 * run's current preset tag and status; the others computed now and kept (unless the history
 * cannot be written at the moment: they are computed again next time).
 */
export function classRunFacts(history: RunHistory, rows: readonly ClassRunRow[]): Map<string, ClassRunFacts> {
  const out = new Map<string, ClassRunFacts>();
  const computed: { runId: string; version: string; text: string }[] = [];
  for (const row of rows) {
    if (!ENDED.has(row.status)) continue;
    const presetId = presetOfTags(row.tags);
    let facts = row.facts?.version === FACTS_VERSION ? factsFromText(row.facts.text) : null;
    if (facts === null || facts.presetId !== presetId || facts.status !== row.status) {
      facts = computeRunFacts(history, row.id, presetId);
      computed.push({ runId: row.id, version: FACTS_VERSION, text: factsToText(facts) });
    }
    out.set(row.id, facts);
  }
  if (computed.length > 0 && history.readOnlyReason === null) {
    try {
      history.keepClassRunFacts(computed);
    } catch (error) {
      if (!(error instanceof HistoryError && (error.code === 'locked' || error.code === 'disk-full' || error.code === 'read-only'))) throw error;
    }
  }
  return out;
}

/**
 * Computes and keeps the facts of a hand-in's newly imported runs, so the class view opens at
 * once. Only those runs: the pack's other runs already have theirs (or get them at the next
 * open), and reading all of them back at every one of 40 imports would parse the class's facts 40 times.
 */
export function prepareClassRunFacts(history: RunHistory, packId: string, runIds: readonly string[]): void {
  const imported = new Set(runIds);
  classRunFacts(history, history.classRunsOfPack(packId).filter((row) => imported.has(row.id)));
}

const ENDED: ReadonlySet<RunStatus> = new Set(['completed', 'stopped', 'diverged', 'failed', 'interrupted']);

interface RosterEntry {
  key: string;
  identity: StudentIdentity;
  runs: number;
  notebook: HandInNotebook | null;
}

/** The students of the runs and of the hand-in notebooks, by number; named as their hand-in (else their newest run) names them; in number order. */
function rosterOf(rows: readonly ClassRunRow[], notebooks: readonly HandInNotebook[]): RosterEntry[] {
  const students = new Map<string, RosterEntry>();
  for (const row of rows) {
    const key = studentKey(row.authorNumber);
    const entry = students.get(key);
    if (entry === undefined) students.set(key, { key, identity: { name: row.authorName, number: row.authorNumber }, runs: 1, notebook: null });
    else {
      entry.runs++;
      entry.identity = { name: row.authorName, number: row.authorNumber };
    }
  }
  for (const notebook of notebooks) {
    const key = studentKey(notebook.studentNumber);
    const identity = { name: notebook.studentName ?? notebook.studentNumber, number: notebook.studentNumber };
    const entry = students.get(key);
    if (entry === undefined) students.set(key, { key, identity, runs: 0, notebook });
    else Object.assign(entry, { identity, notebook });
  }
  return [...students.values()].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

interface NewestRun {
  row: ClassRunRow;
  facts: ClassRunFacts;
}

/** Per student, per preset: their newest ended run (rows come oldest first). */
function newestRuns(rows: readonly ClassRunRow[], facts: ReadonlyMap<string, ClassRunFacts>): Map<string, Map<string, NewestRun>> {
  const out = new Map<string, Map<string, NewestRun>>();
  for (const row of rows) {
    const known = facts.get(row.id);
    if (known?.presetId === null || known === undefined) continue;
    const key = studentKey(row.authorNumber);
    const mine = out.get(key) ?? out.set(key, new Map()).get(key)!;
    mine.set(known.presetId, { row, facts: known });
  }
  return out;
}

/** The pack's training presets that have class runs, then those its built-in sheets' steps run, in that order, once each. */
function presetIds(pack: LabPack, sheets: readonly LabSheet[], rows: readonly ClassRunRow[]): string[] {
  const run = new Set(rows.map((row) => presetOfTags(row.tags)));
  const ids = [...pack.presets.filter((id) => run.has(id)), ...sheets.flatMap((sheet) => sheet.steps.flatMap((step) => step.presets ?? []))];
  return [...new Set(ids)].filter((id) => findPreset(id)?.kind === 'train');
}

const NO_RUN: ClaimRun = { status: 'queued', stepsDone: 0, steps: { step: [], dataLoss: [] }, evals: { step: [], trainLoss: [], trainAccuracy: [], testAccuracy: [] }, final: null };
const NONE: BothLanguages = { ko: '—', en: '—' };

/** The preset's key number as its check judges it before any run: what it is, its scale, and how its values are worded (as the verdict rows word them). */
export function keyOf(presetId: string): { label: BothLanguages; scale: 'linear' | 'log'; words: (value: number) => BothLanguages } {
  const judged: JudgedNumber | undefined = claimExpectation(presetId) === undefined ? undefined : checkClaim(presetId, NO_RUN).judged[0];
  if (judged === undefined) return { label: NONE, scale: 'linear', words: (value) => ({ ko: String(value), en: String(value) }) };
  const log = judged.quantity.kind === 'gradient-ratio' || judged.quantity.kind === 'gradient-spread';
  return { label: judgedWords(judged).label, scale: log ? 'log' : 'linear', words: (value) => judgedWords({ ...judged, value }).value };
}

function presetGroup(presetId: string, roster: readonly RosterEntry[], rows: readonly ClassRunRow[], newest: ReadonlyMap<string, ReadonlyMap<string, NewestRun>>): ClassPresetGroup {
  const key = keyOf(presetId);
  const runs = roster.flatMap((student) => {
    const run = newest.get(student.key)?.get(presetId);
    return run === undefined ? [] : [{ student, run }];
  });
  const reasons = outlierReasons(
    runs.map(({ run }) => ({ differences: run.facts.differences, verdict: run.facts.verdict, value: run.facts.key?.value ?? null })),
    key.scale,
    key.words,
  );
  const points = runs.map(({ student, run }, i): ClassRunPoint => ({
    runId: run.row.id,
    student: student.identity,
    value: run.facts.key?.value ?? null,
    valueText: run.facts.key?.words.value ?? NONE,
    verdict: run.facts.verdict,
    outlier: reasons[i]!,
  }));
  const curves = runs.map(({ student, run }): ClassCurve => ({ runId: run.row.id, studentNumber: student.identity.number, step: run.facts.curve.step, loss: run.facts.curve.loss }));
  const asBand = curves.map((c) => ({ step: c.step, value: c.loss }));
  const finals = (pick: (f: ClassRunFacts['finals']) => number | null) => quartiles(runs.map(({ run }) => pick(run.facts.finals)));
  return {
    presetId,
    title: findPreset(presetId)?.title ?? { ko: presetId, en: presetId },
    key: { label: key.label, scale: key.scale },
    points,
    keyStats: quartiles(points.map((p) => p.value)),
    finals: { trainLoss: finals((f) => f.trainLoss), testLoss: finals((f) => f.testLoss), trainAccuracy: finals((f) => f.trainAccuracy), testAccuracy: finals((f) => f.testAccuracy) },
    verdicts: countVerdicts(points.map((p) => p.verdict)),
    curves,
    band: curveBand(asBand, bandGrid(asBand, CURVE_POINTS)),
    students: points.length,
    runs: rows.filter((row) => presetOfTags(row.tags) === presetId).length,
  };
}

function comparisonOf(sheet: LabSheet, comparisonId: string, roster: readonly RosterEntry[], notebooks: readonly HandInNotebook[], newest: ReadonlyMap<string, ReadonlyMap<string, NewestRun>>): ClassComparison {
  const comparison = sheet.comparisons.find((c) => c.id === comparisonId)!;
  const choices = new Set(comparison.choices.map((c) => c.id));
  const byStudent = new Map(notebooks.map((n) => [studentKey(n.studentNumber), n]));
  const students = roster.map((student) => {
    const prediction = byStudent.get(student.key)?.sheets[sheet.id]?.[notebookKey('prediction', comparison.id)] as { choice?: unknown } | null | undefined;
    const choice = typeof prediction?.choice === 'string' && choices.has(prediction.choice) ? prediction.choice : null;
    const runs: Record<string, ClaimRun> = {};
    for (const presetId of comparison.presets) {
      const run = newest.get(student.key)?.get(presetId);
      if (run !== undefined) runs[presetId] = run.facts.claimRun;
    }
    let verdict: Verdict = 'not-yet';
    try {
      verdict = checkComparison(comparison.id, runs).verdict;
    } catch {
      // A sheet's comparison without a machine check: nothing to judge.
    }
    return { student: student.identity, choice, verdict };
  });
  const tally = comparison.choices.map((c) => ({ choice: c.id, text: c.text, count: students.filter((s) => s.choice === c.id).length }));
  return {
    comparisonId: comparison.id,
    sheetId: sheet.id,
    prompt: comparison.prompt,
    presets: [...comparison.presets],
    expected: comparison.expected,
    tally,
    predicted: tally.reduce((sum, t) => sum + t.count, 0),
    verdicts: countVerdicts(students.map((s) => s.verdict)),
    students,
  };
}

function countVerdicts(verdicts: readonly (Verdict | null)[]): VerdictCounts {
  const counts: VerdictCounts = { reproduced: 0, notReproduced: 0, notYet: 0 };
  for (const verdict of verdicts) {
    if (verdict === 'reproduced') counts.reproduced++;
    else if (verdict === 'not-reproduced') counts.notReproduced++;
    else if (verdict === 'not-yet') counts.notYet++;
  }
  return counts;
}
