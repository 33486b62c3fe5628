/// <reference types="vite/client" />
import { REMEDY_IDS, type DoctorFinding } from '../../../engine/api/doctor-findings';
import { COMPARISON_CLAIMS } from '../../../engine/lab/claims/comparison-claims';
import { PRESET_CLAIMS } from '../../../engine/lab/claims/preset-claims';
import { comparisonClaimTexts } from '../../../engine/lab/claims/wording/comparison-claim-texts';
import { presetClaimTexts } from '../../../engine/lab/claims/wording/preset-claim-texts';
import { presetTitle } from '../../../engine/lab/claims/wording/preset-titles';
import { koreanFieldName } from '../../../engine/lab/claims/wording/spec-field-words';
import { DOCTOR_TITLES, EARLY_WORDS, findingPlace, findingWords, HEALTHY_WORDS, patchWords, SHORT_WORDS, remedyLabel, remedyWords } from '../../../engine/lab/doctor/wording/doctor-words';
import { COUNTED_NOUNS, counted } from '../../../engine/lab/counted-words';
import { LAB_SHEETS } from '../../../engine/lab/lab-sheets';
import { PRESETS } from '../../../engine/lab/presets';
import { RUN_STATUS_WORDS } from '../../../engine/lab/run-status-words';
import { csvProblemText } from '../../../renderer/src/lib/csv/csv-problem-text';
import { IMPORT_KOREAN_RULES } from '../../../renderer/src/lib/history/import-text';
import { CSV_PROBLEM_EXAMPLES } from '../csv/csv-problem-examples';
import type { KoreanRule } from '../../../renderer/src/lib/i18n/message-rules';
import { END_KOREAN_RULES, PROBLEM_KOREAN_RULES, problemText } from '../../../renderer/src/lib/i18n/problem-text';
import { PACK_KOREAN_RULES } from '../../../renderer/src/lib/packs/pack-text';

/** One Korean text of the app and where it comes from ("messages/train.ts stop", "sheet overfitting steps[2].text"). */
export interface KoreanText {
  where: string;
  text: string;
}

/**
 * Every Korean text the app shows that exists without a run: the renderer's message catalogues
 * (every module in renderer/src/lib/i18n/messages, imported), the lab sheets, the presets, the claim
 * texts of every preset and comparison, the doctor's titles and remedies, the run status words,
 * the counting table's nouns ("실행 2개", "설정 2개"), the rule tables that put the engine's English messages into Korean (each rule's text built from
 * a stand-in match), the texts the engine builds around layer names, every problem of a CSV file
 * of points as the import words it, and every field of a spec as a problem names it.
 * Texts built from a run's numbers (findings, verdicts) are covered by their templates' fixed words
 * only where a module exports them.
 */
export function koreanTexts(): KoreanText[] {
  const texts: KoreanText[] = [];
  const catalogues = import.meta.glob<Record<string, unknown>>('../../../renderer/src/lib/i18n/messages/*.ts', { eager: true });
  for (const [path, module] of Object.entries(catalogues)) {
    const file = path.replace(/^.*\/messages\//, 'messages/');
    for (const [name, messages] of Object.entries(module)) collect(texts, `${file} ${name}`, messages, false);
  }
  for (const sheet of LAB_SHEETS) collect(texts, `sheet ${sheet.id}`, sheet, false);
  for (const preset of PRESETS) {
    collect(texts, `preset ${preset.id}`, { title: preset.title, claim: preset.claim }, false);
    collect(texts, `presetTitle(${preset.id})`, presetTitle(preset.id), false);
  }
  for (const claim of PRESET_CLAIMS) collect(texts, `presetClaimTexts(${claim.presetId})`, presetClaimTexts(claim.presetId), false);
  for (const claim of COMPARISON_CLAIMS) collect(texts, `comparisonClaimTexts(${claim.id})`, comparisonClaimTexts(claim.id), false);
  collect(texts, 'doctor', { DOCTOR_TITLES, HEALTHY_WORDS, SHORT_WORDS, EARLY_WORDS }, false);
  for (const id of REMEDY_IDS) {
    const remedy = { id, patch: [{ op: 'replace' as const, path: '/optimizer/learningRate', value: 0.01 }] };
    collect(texts, `doctor remedy ${id}`, { label: remedyLabel(remedy), words: remedyWords(remedy) }, false);
  }
  collect(texts, 'RUN_STATUS_WORDS', RUN_STATUS_WORDS, false);
  for (const noun of COUNTED_NOUNS) texts.push({ where: `countedWords ${noun}`, text: counted(2, noun, 'ko') });
  const tables: Record<string, readonly KoreanRule[]> = { PROBLEM_KOREAN_RULES, END_KOREAN_RULES, IMPORT_KOREAN_RULES, PACK_KOREAN_RULES };
  for (const [table, rules] of Object.entries(tables)) {
    rules.forEach(([pattern, korean], i) => texts.push({ where: `rules ${table}[${i}] ${pattern.source}`, text: korean(STAND_IN_MATCH) }));
  }
  for (const [name, text] of Object.entries(layerWordSamples())) texts.push({ where: `layerWords ${name}`, text });
  for (const problem of CSV_PROBLEM_EXAMPLES) texts.push({ where: `csvProblemText(${problem.code})`, text: csvProblemText(problem, 'ko') });
  for (const field of SPEC_FIELDS) texts.push({ where: `problemText field ${field}`, text: problemText({ field, message: 'is required' }, 'ko') });
  return texts;
}

/**
 * Texts the engine builds around layer names, for a network of 3 hidden layers and an output layer:
 * the doctor's place, evidence and patch, a claim's spec field.
 */
function layerWordSamples(): Record<string, string> {
  const finding: DoctorFinding = {
    code: 'vanishing-gradient',
    layer: 0,
    step: 99,
    evidence: { measure: 'gradient-ratio', ratio: 1e-4, gradNorm: 1e-5, referenceLayer: 3, referenceGradNorm: 0.1, threshold: 1e-3, snapshots: 3 },
    remedy: { id: 'relu-he', sheet: '03-vanishing-gradient', patch: [0, 1, 2, 3].map((i) => ({ op: 'replace' as const, path: `/layers/${i}/init`, value: 'he' })) },
  };
  return {
    findingPlace: findingPlace(finding, 4).ko,
    findingWords: findingWords(finding, 4).ko,
    patchWords: patchWords(finding.remedy.patch, 'ko', 4),
    koreanFieldName: koreanFieldName('layers[0–3].activation', 4),
  };
}

/** What a rule's pattern captured, as numbers: the captures of the engine's templates are numbers or values. */
const STAND_IN_MATCH = Object.assign(['', '2', '3', '4'], { index: 0, input: '' }) as unknown as RegExpExecArray;

/** Every field path a spec problem can name (engine/api/parse-run-spec.ts), layers and optimizer settings included. */
const SPEC_FIELDS = [
  'name', 'seed', 'dtype', 'loss', 'dataset', 'dataset.name', 'dataset.samples', 'dataset.noise', 'dataset.testFraction', 'dataset.trainSize', 'dataset.testSize', 'dataset.x', 'dataset.y',
  'layers', 'layers[0].units', 'layers[0].activation', 'layers[0].init', 'layers[0].init.std', 'layers[0].init.weights', 'layers[1].dropout', 'layers[1].batchNorm',
  'optimizer', 'optimizer.name', 'optimizer.lr', 'optimizer.momentum', 'optimizer.beta1', 'optimizer.beta2', 'optimizer.rho', 'optimizer.eps',
  'regularization.l1', 'regularization.l2', 'regularization.l1Method',
  'training', 'training.batchSize', 'training.epochs', 'training.iterations', 'training.shuffle', 'training.sampling', 'training.evalEvery', 'training.targetLoss', 'training.earlyStopping.patience', 'training.earlyStopping.minDelta',
  'diagnostics.every', 'diagnostics.bins',
];

/** Strings under a `ko` key (at any depth below it); `where` grows with the path. */
function collect(into: KoreanText[], where: string, value: unknown, korean: boolean): void {
  if (typeof value === 'string') {
    if (korean) into.push({ where, text: value });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const path = Array.isArray(value) ? `${where}[${key}]` : `${where}.${key}`;
    collect(into, path, child, korean || key === 'ko');
  }
}
