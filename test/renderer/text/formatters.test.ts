import { describe, expect, it } from 'vitest';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { builderMessages } from '../../../renderer/src/lib/i18n/messages/builder';
import { reportMessages, sheetMessages } from '../../../renderer/src/lib/i18n/messages/labs';
import { seedMessages } from '../../../renderer/src/lib/i18n/messages/seeds';
import { trainMessages } from '../../../renderer/src/lib/i18n/messages/train';
import { buildLabReportHtml, type LabReport, type ReportRun } from '../../../renderer/src/lib/labs/lab-report';
import { durationText } from '../../../renderer/src/lib/text/duration-text';
import { lossText } from '../../../renderer/src/lib/text/loss-text';
import { formatPercent } from '../../../renderer/src/lib/text/percent-text';

/** The lab report with one run, for reading its table cells. */
function reportRow(run: Partial<ReportRun>, locale: 'ko' | 'en' = 'ko'): string {
  const report: LabReport = {
    locale,
    studentName: '',
    createdAt: '2025-03-04T05:06:07.000Z',
    appVersion: '0.1.0',
    sheetTitle: 's',
    goal: 'g',
    observe: [],
    comparisons: [],
    questions: [],
    groups: [
      {
        title: null,
        runs: [{ name: 'r', status: 's', architecture: 'a', activation: 'relu', init: 'he', regularization: '', trainAccuracy: null, testAccuracy: null, trainLoss: null, testLoss: null, durationMs: null, color: '#0072B2', ...run }],
        configRows: null,
        charts: [],
      },
    ],
  };
  const html = buildLabReportHtml(report, translator(reportMessages, locale));
  return [...html.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]).join(' | ');
}

describe('formatPercent', () => {
  it('writes what the histogram headings wrote (the % sign is in their message): one decimal, no sign', () => {
    expect(formatPercent(0.1234)).toBe('12.3');
    expect(formatPercent(0)).toBe('0.0');
    expect(formatPercent(0.00049)).toBe('0.0');
    expect(formatPercent(1)).toBe('100.0');
    for (const missing of [null, undefined, Number.NaN, Infinity]) expect(formatPercent(missing)).toBe('–');
  });

  it('writes what the run table, cards, probe dialog and lab sheet wrote: one decimal and the sign', () => {
    expect(formatPercent(0.965, { sign: true })).toBe('96.5%');
    expect(formatPercent(0.96512, { sign: true })).toBe('96.5%');
    expect(formatPercent(0, { sign: true })).toBe('0.0%');
    expect(formatPercent(1, { sign: true })).toBe('100.0%');
    expect(formatPercent(null, { sign: true })).toBe('–');
    expect(formatPercent(undefined, { sign: true })).toBe('–');
  });

  it('writes what the lab report wrote: one decimal and the sign, "–" when missing or not finite', () => {
    expect(reportRow({ trainAccuracy: 0.1123, testAccuracy: 0.948 }).split(' | ').slice(0, 2)).toEqual(['11.2%', '94.8%']);
    expect(reportRow({ trainAccuracy: null, testAccuracy: Number.NaN }).split(' | ').slice(0, 2)).toEqual(['–', '–']);
  });
});

describe('durationText', () => {
  it('writes what the live view, run table and cards wrote: under a second, seconds, minutes with two-digit seconds', () => {
    expect(durationText(0, 'ko')).toBe('1초 미만');
    expect(durationText(999, 'en')).toBe('under 1 s');
    expect(durationText(1000, 'ko')).toBe('1초');
    expect(durationText(12_400, 'en')).toBe('12 s');
    expect(durationText(59_499, 'ko')).toBe('59초');
    expect(durationText(59_500, 'ko')).toBe('1분 00초');
    expect(durationText(125_000, 'ko')).toBe('2분 05초');
    expect(durationText(125_000, 'en')).toBe('2 min 05 s');
    expect(durationText(3_600_000, 'ko')).toBe('60분 00초');
  });

  it('writes an estimate as "약 12초" / "about 12 s", and under a second only "1초 미만": never "약 1초 미만"', () => {
    expect(durationText(12_400, 'ko', { approximate: true })).toBe('약 12초');
    expect(durationText(125_000, 'en', { approximate: true })).toBe('about 2 min 05 s');
    expect(durationText(400, 'ko', { approximate: true })).toBe('1초 미만');
    const estimates = (locale: 'ko' | 'en', ms: number) => {
      const time = durationText(ms, locale, { approximate: true });
      return [
        translator(builderMessages, locale)('estimate', { time, steps: 30 }),
        translator(sheetMessages, locale)('estimate', { time }),
        translator(seedMessages, locale)('groupEstimate', { time, n: 3, pool: 2 }),
        translator(trainMessages, locale)('eta', { time }),
      ];
    };
    expect(estimates('ko', 400)).toEqual(['예상 시간 1초 미만 · 30단계', '1초 미만', '3개 시드 · 한 번에 2개씩 · 1초 미만', '남은 시간 1초 미만']);
    expect(estimates('ko', 12_000)).toEqual(['예상 시간 약 12초 · 30단계', '약 12초', '3개 시드 · 한 번에 2개씩 · 약 12초', '남은 시간 약 12초']);
    expect(estimates('en', 400)).toEqual(['Takes under 1 s · 30 steps', 'under 1 s', '3 seeds · 2 at a time · under 1 s', 'under 1 s left']);
  });

  it('writes "–" for a missing duration, as the run table and cards did before calling it', () => {
    expect(durationText(null, 'ko')).toBe('–');
    expect(durationText(undefined, 'en')).toBe('–');
  });

  it('writes what the lab report wrote: seconds as a plain number, rounded below a second too', () => {
    const prose = { padSeconds: false, underASecond: false };
    expect(durationText(65_000, 'ko', prose)).toBe('1분 5초');
    expect(durationText(65_000, 'en', prose)).toBe('1 min 5 s');
    expect(durationText(400, 'ko', prose)).toBe('0초');
    expect(durationText(600, 'en', prose)).toBe('1 s');
    expect(durationText(null, 'ko', prose)).toBe('–');
    expect(reportRow({ durationMs: 61_000 }).split(' | ')[4]).toBe('1분 1초');
    expect(reportRow({ durationMs: 61_000 }, 'en').split(' | ')[4]).toBe('1 min 1 s');
    expect(reportRow({ durationMs: null }).split(' | ')[4]).toBe('–');
  });
});

describe('lossText', () => {
  it('writes 4 significant digits, exponent form when tiny or huge, "–" when missing', () => {
    expect(lossText(0.12345)).toBe('0.1235');
    expect(lossText(2.301)).toBe('2.301');
    expect(lossText(2.5e-5)).toBe('2.50e-5');
    expect(lossText(123_456)).toBe('1.23e+5');
    expect(lossText(null)).toBe('–');
    expect(lossText(undefined)).toBe('–');
  });

  it('shows a diverged loss as itself in the app, and as "–" in the lab report', () => {
    expect(lossText(Number.NaN)).toBe('NaN');
    expect(reportRow({ trainLoss: 2.3012, testLoss: Number.NaN }).split(' | ').slice(2, 4)).toEqual(['2.301', '–']);
  });
});
