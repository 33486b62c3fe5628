import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../../engine/api/lab-api';
import type { RunDetail } from '../../../engine/api/runs';
import { findLabSheet, type LabPrediction } from '../../../engine/lab/lab-sheets';
import { findPreset } from '../../../engine/lab/presets';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { reportMessages } from '../../../renderer/src/lib/i18n/messages/labs';
import { buildLabReportHtml } from '../../../renderer/src/lib/labs/lab-report';
import { assembleReport, type ReportSource } from '../../../renderer/src/lib/labs/report-data';

const sheet = findLabSheet('04-initialization')!;
const PNG = 'data:image/png;base64,AAAA';

function detail(id: string, presetId: string, init: unknown, testAccuracy: number): RunDetail {
  const preset = findPreset(presetId)!;
  return {
    id,
    name: preset.title.en,
    status: 'completed',
    architecture: '784-100×4-10',
    activation: 'relu',
    init: JSON.stringify(init),
    regularization: '',
    final: { train: { loss: 0.2, accuracy: testAccuracy + 0.01 }, test: { loss: 0.25, accuracy: testAccuracy } },
    durationMs: 90_000,
    spec: { layers: [{}, {}, {}, {}, {}] },
    steps: { step: [0, 1, 2], epoch: [0, 0, 0], loss: [2.3, 2.2, 2.1], dataLoss: [2.3, 2.2, 2.1] },
    evals: { step: [0, 2], epoch: [0, 0], trainLoss: [2.3, 2.1], testLoss: [2.3, 2.15], trainAccuracy: [0.1, 0.3], testAccuracy: [0.1, 0.28] },
  } as unknown as RunDetail;
}

describe('assembling a lab report', () => {
  it('puts the predictions beside the checks, the answers, the runs, their differing settings and charts', async () => {
    const runs: Record<string, RunDetail> = {
      'init-mnist-std001': detail('11111111-0000-4000-8000-000000000001', 'init-mnist-std001', { name: 'normal', std: 0.01 }, 0.11),
      'init-mnist-he': detail('11111111-0000-4000-8000-000000000002', 'init-mnist-he', 'he', 0.95),
    };
    const predictions: Record<string, LabPrediction> = { 'init-which-learns': { choice: 'all', predictedAt: '2025-03-04T05:00:00.000Z' } };
    const source: ReportSource = {
      sheet,
      studentName: '이학생',
      prediction: (id) => predictions[id] ?? null,
      answer: (id) => (id === 'goal-of-init' ? '너무 크지도 작지도 않게' : ''),
      comparisonCheck: (c) => (c.id === 'init-which-learns' ? { verdict: 'not-yet', message: { ko: '먼저 실행하세요: Xavier', en: 'run Xavier first' }, judged: [] } : null),
      presetCheck: (id) => (id === 'init-mnist-he' ? { verdict: 'reproduced', message: { ko: 'He가 학습합니다', en: 'He learns' }, judged: [] } : null),
      runOf: (id) => (runs[id] ? { id: runs[id].id, name: runs[id].name } : null),
    };
    const asked: string[][] = [];
    const api = {
      appInfo: async () => ({ appVersion: '9.9.9', engineVersion: 'e', dbPath: '', transport: 'browser' as const, poolSize: 2, notices: [] }),
      getRun: async (id: string) => Object.values(runs).find((r) => r.id === id)!,
      compareRuns: async (ids: string[]) => {
        asked.push(ids);
        return { runs: [], differences: [{ field: 'layers[0].init', values: [{ name: 'normal', std: 0.01 }, 'he'] }, { field: 'name', values: ['a', 'b'] }], series: null };
      },
    } satisfies Pick<LabApi, 'appInfo' | 'getRun' | 'compareRuns'>;
    const charts: unknown[] = [];
    const report = await assembleReport(source, api, 'ko', async (option) => (charts.push(option), PNG), new Date('2025-03-04T06:00:00.000Z'));

    expect(asked).toEqual([[runs['init-mnist-std001']!.id, runs['init-mnist-he']!.id]]);
    expect(charts).toHaveLength(2);
    expect(report.appVersion).toBe('9.9.9');
    // The run's name is in every column's heading already: only real settings are rows.
    expect(report.configRows.map((row) => row.field)).toEqual(['layers[0].init']);
    expect(report.configRows[0]!.label).toContain('층 1');
    expect(report.configRows[0]!.values[0]).toBe('정규분포 (표준편차 0.01)');
    expect(report.configRows[0]!.values[1]).toMatch(/^He/);
    const which = report.comparisons.find((c) => c.prompt.startsWith('ReLU 신경망'))!;
    expect(which.prediction).toBe('셋 모두');
    expect(which.expected).toContain('Xavier와 He');
    expect(which.outcome).toEqual({ verdict: 'not-yet', message: '먼저 실행하세요: Xavier' });
    expect(which.runs.map((r) => r.check?.verdict ?? null)).toEqual([null, 'reproduced']);

    const html = buildLabReportHtml(report, translator(reportMessages, 'ko'));
    expect(html).toContain('이학생');
    expect(html).toContain('<strong>내 예측:</strong> 셋 모두');
    expect(html).toContain('예측과 다릅니다');
    expect(html).toContain('너무 크지도 작지도 않게');
    expect(html).toContain('<td class="num">95.0%</td>');
    expect(html).toContain('정규분포 (표준편차 0.01)');
    expect(html).not.toContain('<span class="field">name</span>');
  });
});
