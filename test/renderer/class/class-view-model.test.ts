import { describe, expect, it } from 'vitest';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { chartMessages } from '../../../renderer/src/lib/i18n/messages/charts';
import { classMessages } from '../../../renderer/src/lib/i18n/messages/class';
import { VERDICT_SYMBOLS, classCurvesOption, clickedRunId, stripPlotOption } from '../../../renderer/src/lib/class/class-charts';
import { legendEntries } from '../../../renderer/src/lib/charts/html-legend';
import { classView, type ComparisonPanel, type PresetPanel } from '../../../renderer/src/lib/class/class-view-model';
import { sortRoster } from '../../../renderer/src/lib/class/roster';
import { STUDENTS, classFixture } from './class-fixtures';
import type { Locale } from '../../../renderer/src/lib/i18n/locale';
import type { ChartOption } from '../../../renderer/src/lib/charts/chart-option';

const view = (locale: Locale, projector = false, summary = classFixture()) => classView(summary, { locale, projector, t: translator(classMessages, locale) });
const tc = (locale: Locale) => translator(classMessages, locale);
const tchart = (locale: Locale) => translator(chartMessages, locale);
const presets = (v: ReturnType<typeof view>) => v.sections.filter((s): s is PresetPanel => s.kind === 'preset');
const comparison = (v: ReturnType<typeof view>) => v.sections.find((s): s is ComparisonPanel => s.kind === 'comparison')!;
type Series = { id?: string; type?: string; data?: unknown[]; name?: string };
const seriesOf = (option: ChartOption, id: string) => (option.series as Series[]).find((s) => s.id === id)!;

/** Every string a chart option would show: its strings, and what its tooltip formatter says for every dot and step. */
function chartStrings(option: ChartOption): string[] {
  const strings: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(option);
  const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
  for (const series of option.series as Series[]) {
    (series.data ?? []).forEach((item, dataIndex) => {
      const name = (item as { name?: string }).name;
      strings.push(formatter({ name, seriesId: series.id, dataIndex }));
      strings.push(formatter([{ seriesId: series.id, dataIndex }]));
    });
  }
  return strings;
}

describe('class view model', () => {
  it('header: title, class and teacher, due, and how many handed in (plural in English)', () => {
    const ko = view('ko');
    expect([ko.title, ko.classLine, ko.due, ko.handedIn]).toEqual(['4주차: 초기화', '딥러닝 2반 · 김교수', '마감 2026-12-10', '4명 제출']);
    expect(view('en').handedIn).toBe('4 students handed in');
    const one = classFixture();
    one.students = one.students.slice(0, 1);
    expect(view('en', false, one).handedIn).toBe('1 student handed in');
    expect(ko.empty).toBe(false);
  });

  it('orders presets as the pack does, the comparison right after the last of its presets', () => {
    expect(view('ko').sections.map((s) => s.id)).toEqual(['init-mnist-std001', 'init-mnist-xavier', 'init-which-learns']);
    const summary = classFixture();
    summary.comparisons[0]!.presets = ['init-mnist-std001'];
    expect(view('ko', false, summary).sections.map((s) => s.id)).toEqual(['init-mnist-std001', 'init-which-learns', 'init-mnist-xavier']);
  });

  it('the strip plot draws the box at the quartiles (type 7) and the median across it, on a log axis for a log key', () => {
    const [, xavier] = presets(view('ko'));
    expect(xavier!.stats).toMatchObject({ q1: 2, median: 3, q3: 4 });
    expect(xavier!.statsLine).toBe('중앙값 3 · 사분위 범위 2–4');
    const option = stripPlotOption(xavier!, tc('ko'), tchart('ko'));
    const ys = (id: string) => (seriesOf(option, id).data as [number, number][]).map(([, y]) => y);
    expect(new Set(ys('box-outline'))).toEqual(new Set([2, 4]));
    expect(ys('median')).toEqual([3, 3]);
    expect((option.yAxis as { type: string }).type).toBe('log');
    // One dot per student, each where its value is, within the strip, the same place on every draw.
    const dots = (option.series as Series[]).filter((s) => s.type === 'scatter').flatMap((s) => s.data as { name: string; value: [number, number] }[]);
    expect(dots.map((d) => d.value[1]).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 100]);
    expect(dots.every((d) => Math.abs(d.value[0]) <= 0.5)).toBe(true);
    expect(JSON.stringify(stripPlotOption(xavier!, tc('ko'), tchart('ko')))).toBe(JSON.stringify(option));
    // A verdict has its own marker besides its colour (outliers are diamonds), and the legend shows it.
    const shapes = (option.series as Series[]).filter((s) => s.type === 'scatter' && (s.data as unknown[]).length > 0).map((s) => {
      const key = String(s.id).replace('dots-', '') as keyof typeof VERDICT_SYMBOLS;
      const symbols = new Set((s.data as { symbol: string }[]).map((d) => d.symbol));
      for (const symbol of symbols) expect([VERDICT_SYMBOLS[key], 'diamond']).toContain(symbol);
      return (s.data as { symbol: string }[])[0]!.symbol;
    });
    expect(legendEntries(option).map((entry) => entry.symbol)).toEqual(shapes);
    expect(clickedRunId({ seriesType: 'scatter', name: dots[0]!.name })).toBe(dots[0]!.name);
    // A dot's tooltip: who, the value, the verdict and why it stands out, one per line, names as text (not markup).
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(tooltip({ name: 'init-mnist-xavier-run-4' })).toBe('Ben &#60;b&#62;Lee&#60;/b&#62;: 100<br>재현<br>key number far outside the class (ko)');
  });

  it('the curves chart: a faint line per student, the median and the band stacked from q1 to q3', () => {
    const [std] = presets(view('ko'));
    const option = classCurvesOption(std!, tc('ko'), tchart('ko'));
    const faint = (option.series as Series[]).filter((s) => s.id!.startsWith('run:'));
    expect(faint).toHaveLength(5);
    expect(clickedRunId({ seriesType: 'line', seriesId: faint[2]!.id })).toBe('init-mnist-std001-run-2');
    const floor = seriesOf(option, 'band-floor').data as [number, number][];
    const height = seriesOf(option, 'band').data as [number, number][];
    std!.band.step.forEach((_, i) => {
      expect(floor[i]![1]).toBeCloseTo(std!.band.q1[i]!);
      expect(floor[i]![1] + height[i]![1]).toBeCloseTo(std!.band.q3[i]!);
    });
    expect((seriesOf(option, 'median').data as [number, number][]).map(([, y]) => y)).toEqual(std!.band.median);
    expect((seriesOf(option, 'median') as { showSymbol?: boolean }).showSymbol).toBe(false);
  });

  it('a one-update run (the backprop preset) shows as points, not as an invisible line', () => {
    const [std] = presets(view('ko'));
    const oneStep = { ...std!, curves: std!.curves.map((c) => ({ ...c, step: [0], loss: [0.3] })), band: { step: [0], q1: [0.3], median: [0.3], q3: [0.3], n: [5] } };
    const option = classCurvesOption(oneStep, tc('ko'), tchart('ko'));
    expect((seriesOf(option, 'median') as { showSymbol?: boolean }).showSymbol).toBe(true);
    expect((option.series as Series[]).filter((s) => s.id!.startsWith('run:')).every((s) => (s as { showSymbol?: boolean }).showSymbol === true)).toBe(true);
  });

  it('verdict counts and outliers with their reasons, in the screen’s language', () => {
    const [std, xavier] = presets(view('ko'));
    expect(std!.verdictsLine).toBe('재현 4 · 재현 안 됨 1');
    expect(std!.outliers).toEqual([{ runId: 'init-mnist-std001-run-2', student: '최유나', valueText: '0.2', reason: 'init std 0.01 → he (ko)' }]);
    expect(xavier!.outliers.map((o) => [o.student, o.reason])).toEqual([['Ben <b>Lee</b>', 'key number far outside the class (ko)']]);
    const en = presets(view('en'))[0]!;
    expect(en.verdictsLine).toBe('reproduced 4 · not reproduced 1');
    expect(en.outliers[0]!.reason).toBe('init std 0.01 → he');
    const waiting = classFixture();
    waiting.presets[0]!.verdicts.notYet = 2;
    expect(presets(view('ko', false, waiting))[0]!.verdictsLine).toBe('재현 4 · 재현 안 됨 1 · 판정 전 2');
  });

  it('the tally: the most predicted choice as a sentence with the particle its final sound takes, the expected one marked', () => {
    const ko = comparison(view('ko'));
    expect(ko.headline).toBe('4명 중 2명이 ‘셋 모두’를 예측했습니다');
    expect(ko.expectedLine).toBe('기대한 답 ‘Xavier와 He’: 4명 중 1명');
    expect(ko.bars.map((b) => [b.text, b.count, b.expected])).toEqual([['Xavier와 He', 1, true], ['셋 모두', 2, false], ['He만', 1, false]]);
    expect(ko.bars[1]!.share).toBe(0.5);
    expect(ko.notPredicted).toBe('예측을 기록하지 않은 학생 1명');
    const en = comparison(view('en'));
    expect(en.headline).toBe('2 of 4 students predicted “All three”');
    expect(en.notPredicted).toBe('1 student recorded no prediction');
    // Beside the tally, what happened: the compared presets' key numbers across the class.
    expect(ko.outcomes).toEqual([
      { presetId: 'init-mnist-std001', title: 'init-mnist-std001 실험', statsLine: '중앙값 2.3 · 사분위 범위 2.29–2.3' },
      { presetId: 'init-mnist-xavier', title: 'init-mnist-xavier 실험', statsLine: '중앙값 3 · 사분위 범위 2–4' },
    ]);

    // A choice ending in a consonant takes 을; when the expected choice leads, no second line.
    const summary = classFixture();
    summary.comparisons[0]!.tally[2]!.count = 3;
    expect(comparison(view('ko', false, summary)).headline).toBe('4명 중 3명이 ‘He만’을 예측했습니다');
    summary.comparisons[0]!.tally[0]!.count = 3;
    const tie = comparison(view('ko', false, summary));
    expect(tie.headline).toBe('4명 중 3명이 ‘Xavier와 He’를 예측했습니다');
    expect(tie.expectedLine).toBeNull();
    summary.comparisons[0]!.predicted = 0;
    expect(comparison(view('en', false, summary)).headline).toBe('No student has recorded a prediction yet');
  });

  it('projector mode: stand-ins by student number, the same everywhere, and no name or number in any string it produces', () => {
    for (const locale of ['ko', 'en'] as const) {
      const v = view(locale, true);
      const strings = [JSON.stringify(v)];
      for (const panel of presets(v)) {
        strings.push(...chartStrings(stripPlotOption(panel, tc(locale), tchart(locale), { fontScale: 1.5 })));
        strings.push(...chartStrings(classCurvesOption(panel, tc(locale), tchart(locale), { fontScale: 1.5 })));
      }
      const all = strings.join('\n');
      for (const student of STUDENTS) {
        for (const part of [student.name, ...student.name.split(/[\s<>/]+/).filter((w) => w.length > 1), student.number]) expect(all, `${locale}: ${part}`).not.toContain(part);
      }
    }
    const v = view('ko', true);
    expect(v.roster.map((r) => [r.student, r.number])).toEqual([['학생 1', null], ['학생 2', null], ['학생 3', null], ['학생 4', null], ['학생 5', null]]);
    // 최유나 (2025003) is 학생 3 in the roster, on the strip plot's outlier list and in the curves.
    const [std] = presets(v);
    expect(std!.outliers[0]!.student).toBe('학생 3');
    expect(std!.curves.find((c) => c.runId === 'init-mnist-std001-run-2')!.student).toBe('학생 3');
    expect(std!.points.find((p) => p.runId === 'init-mnist-std001-run-2')!.tooltip).toContain('학생 3');
    expect(view('en', true).roster[0]!.student).toBe('Student 1');
  });

  it('the roster: a row per student with what they did, sortable, and their runs to open', () => {
    const rows = view('ko').roster;
    expect(rows.map((r) => r.student)).toEqual(STUDENTS.map((s) => s.name));
    expect(rows[2]).toMatchObject({ number: '2025003', stepsText: '2/2', answersText: '2/4', runIds: ['init-mnist-std001-run-2', 'init-mnist-xavier-run-2'] });
    expect(rows[4]!.handedInText).toBe('제출 없음');
    expect(sortRoster(rows, 'steps', 'descending').map((r) => r.number)).toEqual(['2025003', '2025002', '2025010', '2025001', '2025004']);
    expect(sortRoster(rows, 'handedIn', 'ascending')[0]!.number).toBe('2025010');
    expect(sortRoster(rows, 'number', 'descending')[0]!.number).toBe('2025010');
    expect(sortRoster(rows, 'student', 'ascending').map((r) => r.student)).toEqual(['Ana Kim', 'Ben <b>Lee</b>', 'Dana', '박서준', '최유나']);
    expect(rows[0]!.handedInText).toMatch(/^12월 \d+일 \d\d:\d\d$/); // local time, 24-hour
    expect(sortRoster(rows, 'answers', 'descending').map((r) => r.answered)).toEqual([4, 3, 2, 1, 0]);
  });

  it('a pack nobody has handed in for is empty', () => {
    const summary = classFixture();
    summary.students = [];
    summary.presets = summary.presets.map((g) => ({ ...g, points: [], curves: [] }));
    expect(view('ko', false, summary).empty).toBe(true);
  });
});
