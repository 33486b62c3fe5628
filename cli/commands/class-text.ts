import { counted } from '../../engine/lab/counted-words';
import type { ClassComparison, ClassPresetGroup, ClassStudent, ClassSummary, VerdictCounts } from '../../engine/api/class-summary';
import type { Quartiles } from '../../engine/api/quantiles';
import { withParticle } from '../../engine/lab/claims/wording/korean-particles';
import { keyOf } from '../../engine/service/class/class-summary';
import { displayWidth } from './presets-verify-text';

/**
 * `nnlab class summary`'s text: a pack's roster, then per preset the runs and students, the key
 * number's and the final metrics' median with their quartiles, the verdicts and the runs that
 * stand apart, then per comparison what the students predicted beside the expected choice and
 * what their runs showed.
 */

type Lang = 'ko' | 'en';

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
const say = (lang: Lang, ko: string, en: string) => (lang === 'ko' ? ko : en);

/** ✔ reproduced, ✘ not reproduced, … not yet. */
function verdictText(counts: VerdictCounts): string {
  return `✔ ${counts.reproduced}  ✘ ${counts.notReproduced}  … ${counts.notYet}`;
}

/** "median (q1–q3)" with each number worded by `words`; "—" for none. */
function spread(stats: Quartiles | null, words: (value: number) => string): string {
  return stats === null ? '—' : `${words(stats.median)} (${words(stats.q1)}–${words(stats.q3)})`;
}

const loss = (value: number) => value.toFixed(3);
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

export function renderClassSummary(summary: ClassSummary, lang: Lang): string[] {
  const { pack } = summary;
  const handedIn = summary.students.filter((s) => s.handedInAt !== null).length;
  const lines = [
    `${pack.title} — ${pack.className} (${say(lang, '실습 묶음', 'pack')} ${pack.id.slice(0, 8)}): ${`${counted(summary.students.length, 'student', lang)}, ${say(lang, `제출 ${handedIn}건`, `${handedIn} handed in`)}`}`,
  ];
  lines.push('', say(lang, '학생', 'students'), ...roster(summary.students, lang));
  if (summary.presets.length > 0) {
    lines.push('', say(lang, '프리셋', 'presets'));
    for (const group of summary.presets) lines.push(...presetLines(group, lang));
  }
  if (summary.comparisons.length > 0) {
    lines.push('', say(lang, '비교', 'comparisons'));
    for (const comparison of summary.comparisons) lines.push(...comparisonLines(comparison, summary.students.length, lang));
  }
  return lines;
}

function roster(students: readonly ClassStudent[], lang: Lang): string[] {
  if (students.length === 0) return [`  ${say(lang, '아직 없음', 'none yet')}`];
  const numberWidth = Math.max(...students.map((s) => displayWidth(s.number)));
  const nameWidth = Math.max(...students.map((s) => displayWidth(s.name)));
  return students.map((s) => {
    const handedIn = s.handedInAt === null ? say(lang, '제출 없음', 'no hand-in') : `${say(lang, '제출', 'handed in')} ${s.handedInAt.slice(0, 16).replace('T', ' ')} UTC`;
    return `  ${pad(s.number, numberWidth)}  ${pad(s.name, nameWidth)}  ${pad(handedIn, 26)}  ${say(lang, '실행', 'runs')} ${s.runs}  ${say(lang, '단계', 'steps')} ${s.stepsDone}/${s.stepsTotal}  ${say(lang, '답', 'answers')} ${s.answered}/${s.questions}  ${verdictText(s.verdicts)}`;
  });
}

function presetLines(group: ClassPresetGroup, lang: Lang): string[] {
  const words = keyOf(group.presetId).words;
  const key = (value: number) => words(value)[lang];
  const lines = [
    `  ${group.presetId}  ${group.title[lang]}`,
    `    ${`${counted(group.runs, 'run', lang)}, ${counted(group.students, 'student', lang)}`}  ${verdictText(group.verdicts)}`,
    `    ${group.key.label[lang]}: ${spread(group.keyStats, key)}`,
    `    ${say(lang, '최종 훈련 손실', 'final training loss')} ${spread(group.finals.trainLoss, loss)}; ${say(lang, '시험 손실', 'test loss')} ${spread(group.finals.testLoss, loss)}`,
    `    ${say(lang, '최종 훈련 정확도', 'final training accuracy')} ${spread(group.finals.trainAccuracy, percent)}; ${say(lang, '시험 정확도', 'test accuracy')} ${spread(group.finals.testAccuracy, percent)}`,
  ];
  for (const point of group.points) {
    if (point.outlier !== null) lines.push(`    ! ${point.student.name} (${point.student.number}): ${point.outlier[lang]}`);
  }
  return lines;
}

function comparisonLines(comparison: ClassComparison, students: number, lang: Lang): string[] {
  const lines = [`  ${comparison.comparisonId}  ${comparison.prompt[lang]}`];
  for (const choice of comparison.tally) {
    if (choice.count === 0 && choice.choice !== comparison.expected) continue;
    const expected = choice.choice === comparison.expected ? say(lang, ' (기대한 답)', ' (the expected answer)') : '';
    const quoted = `“${choice.text[lang]}”`;
    lines.push(`    ${say(lang, `${students}명 중 ${choice.count}명이 ${withParticle(quoted, '을/를')} 예측${expected}`, `${choice.count} of ${students} predicted ${quoted}${expected}`)}`);
  }
  if (comparison.predicted < students) lines.push(`    ${say(lang, `예측 없음 ${students - comparison.predicted}명`, `${students - comparison.predicted} made no prediction`)}`);
  lines.push(`    ${say(lang, '학생들의 실행', "the students' runs")}: ${verdictText(comparison.verdicts)}`);
  return lines;
}
