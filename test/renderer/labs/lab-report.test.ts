import { describe, expect, it } from 'vitest';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { reportMessages } from '../../../renderer/src/lib/i18n/messages/labs';
import { buildLabReportHtml, reportFileName, splitReportStyles, safeImageSource, type LabReport, type ReportRun, type ReportRunGroup } from '../../../renderer/src/lib/labs/lab-report';
import { escapeHtml } from '../../../renderer/src/lib/text/escape-html';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const RUNS: ReportRun[] = [
  { name: 'std 0.01', status: '완료', architecture: '784-100×4-10', activation: 'relu', init: 'normal(0.01)', regularization: '', trainAccuracy: 0.1123, testAccuracy: 0.1135, trainLoss: 2.301, testLoss: 2.3012, durationMs: 61_000, color: '#0072B2' },
  { name: 'He', status: '완료', architecture: '784-100×4-10', activation: 'relu', init: 'he', regularization: '', trainAccuracy: 0.95, testAccuracy: 0.948, trainLoss: 0.17, testLoss: 0.18, durationMs: 60_000, color: '#D55E00' },
];

function group(overrides: Partial<ReportRunGroup> = {}): ReportRunGroup {
  return {
    title: null,
    runs: RUNS,
    configRows: [{ label: '은닉층 1 초기화', field: 'layers[0].init', values: ['정규분포 (표준편차 0.01)', 'He'] }],
    charts: [{ title: '손실', image: PNG }],
    ...overrides,
  };
}

function report(overrides: Partial<LabReport> = {}): LabReport {
  return {
    locale: 'ko',
    studentName: '김학생',
    createdAt: '2025-03-04T05:06:07.000Z',
    appVersion: '0.1.0',
    sheetTitle: '04 가중치 초기화',
    goal: '활성화 함수의 입력이 너무 크거나 작지 않게',
    observe: ['He는 깊은 층에서도 분포를 유지합니다'],
    comparisons: [
      {
        prompt: '어느 초기화가 학습될까요?',
        prediction: 'Xavier와 He',
        predictedAt: '2025-03-04T05:00:00.000Z',
        expected: 'Xavier와 He',
        explanation: '표준편차 0.01이면 활성화가 0으로 줄어듭니다.',
        outcome: { verdict: 'reproduced', message: 'std 0.01: 손실 2.30 유지' },
        runs: [
          { name: 'std 0.01', check: { verdict: 'reproduced', message: '손실이 2.2 위에 머뭅니다' } },
          { name: 'He', check: { verdict: 'not-reproduced', message: '손실이 1.0 아래로 내려가지 않았습니다' } },
          { name: 'Xavier', check: null },
        ],
      },
    ],
    questions: [
      { question: '가중치 초기화의 목표는?', answer: '입력을 적당한 범위로\n유지하는 것' },
      { question: 'ReLU에는?', answer: '' },
    ],
    groups: [group()],
    ...overrides,
  };
}

describe('lab report', () => {
  const ko = translator(reportMessages, 'ko');

  it('holds the name, the goal, the predictions with their verdicts, the answers and the config table', () => {
    const html = buildLabReportHtml(report(), ko);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<td class="student">김학생</td>');
    expect(html).toContain('활성화 함수의 입력이 너무 크거나 작지 않게');
    expect(html).toContain('<strong>내 예측:</strong> Xavier와 He');
    expect(html).toContain('예측이 맞았습니다');
    expect(html).toContain('✔ 재현됨');
    expect(html).toContain('✘ 재현되지 않음');
    expect(html).toContain('손실이 1.0 아래로 내려가지 않았습니다');
    expect(html).toContain('… 아직 결과 없음');
    expect(html).toContain('입력을 적당한 범위로\n유지하는 것');
    expect(html).toContain('답을 쓰지 않았습니다.');
    expect(html).toContain('<td>정규분포 (표준편차 0.01)</td><td>He</td>');
    expect(html).toContain('layers[0].init');
    expect(html).toContain('<td class="num">11.2%</td>');
    expect(html).toContain(`<img src="${PNG}" alt="손실">`);
    expect(html).toContain('@media print');
  });

  it('is self-contained: no script, no external address', () => {
    const html = buildLabReportHtml(report(), ko);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:|\/\/)/i);
    expect(html).not.toMatch(/@import|url\(/);
    // With its font, the only URLs are the font's own data.
    const withFont = buildLabReportHtml(report({ fonts: [{ weight: 400, source: 'data:font/woff;base64,d09GRgABAAA=' }] }), ko);
    expect(withFont.match(/url\([^)]*\)/g)).toEqual(['url(data:font/woff;base64,d09GRgABAAA=)']);
    expect(withFont).not.toMatch(/@import|(src|href)="(https?:|\/\/)/i);
  });

  it('escapes what students type: no HTML injection', () => {
    const attack = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quoted" \'single\'';
    const html = buildLabReportHtml(
      report({
        studentName: attack,
        questions: [{ question: 'Q', answer: attack }],
        comparisons: [{ ...report().comparisons[0]!, prediction: attack }],
        groups: [group({ runs: [{ ...RUNS[0]!, name: attack, color: 'red;background:url(https://x)' }, RUNS[1]!] })],
      }),
      ko,
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quoted&quot; &#39;single&#39;');
    expect(html).not.toContain('url(https://x)');
    expect(html).toContain('예측과 다릅니다');
  });

  it('drops chart images that are not inline PNG/SVG data', () => {
    const html = buildLabReportHtml(report({ groups: [group({ charts: [{ title: 'x', image: 'https://example.com/a.png' }, { title: 'y', image: 'data:image/png;base64,AAA" onerror="alert(1)' }] })] }), ko);
    expect(html).not.toContain('example.com');
    expect(html).not.toContain('onerror');
    expect(safeImageSource(PNG)).toBe(PNG);
    expect(safeImageSource('javascript:alert(1)')).toBeNull();
  });

  it('says so when there is no name, no prediction or no difference', () => {
    const html = buildLabReportHtml(
      report({ studentName: '  ', comparisons: [{ ...report().comparisons[0]!, prediction: null, predictedAt: null, outcome: null }], groups: [group({ configRows: [] })] }),
      translator(reportMessages, 'en'),
    );
    expect(html).toContain('No name');
    expect(html).toContain('No prediction was recorded.');
    expect(html).toContain('The runs’ settings are all the same.');
  });

  it('escapes every HTML special character and names files safely', () => {
    expect(escapeHtml('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    expect(reportFileName('04-initialization', '홍 길동', '2025-03-04T05:06:07.000Z')).toBe('nnlab-report-04-initialization-홍-길동-2025-03-04.html');
    expect(reportFileName('backprop', 'a/b:c*?', '2025-03-04T05:06:07.000Z')).toBe('nnlab-report-backprop-a_b_c__-2025-03-04.html');
    expect(reportFileName('04-initialization', '홍 길동', '2025-03-04T05:06:07.000Z', 'pdf')).toBe('nnlab-report-04-initialization-홍-길동-2025-03-04.pdf');
  });

  it('splits into its stylesheet and the rest for the in-app preview (whose CSP refuses <style> elements), even with a student writing </style>', () => {
    const html = buildLabReportHtml({ ...report(), studentName: '</style><style>*{color:red}</style>' }, ko);
    const { css, html: rest } = splitReportStyles(html);
    expect(css).toContain('@media print');
    expect(css).not.toContain('color:red');
    expect(rest).not.toMatch(/<style\b/);
    expect(rest).toContain('&lt;/style&gt;&lt;style&gt;*{color:red}&lt;/style&gt;');
    expect(rest).toContain('<td class="student">');
  });
});
