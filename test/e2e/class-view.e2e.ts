import { test, expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainingEvent } from '../../engine/api/events';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import { loadDataset } from '../../engine/data/load-dataset';
import { nodeDataSources } from '../../engine/data/node-mnist';
import { presetTag } from '../../engine/lab/preset-tag';
import { openHistory } from '../../engine/history/run-history';
import { findPreset, type TrainPreset } from '../../engine/lab/presets';
import { createPack, importHandIn, makeHandIn, openPack } from '../../engine/service/class-files';
import { Trainer } from '../../engine/train/trainer';
import { SCREENSHOTS } from './fixtures';
import { startHost, type StartedHost } from './start-host';

/**
 * The teacher's class view of a lab pack, through the browser host on a teacher's history made
 * the way a class makes it: the teacher's pack (the backprop sheet and its one-step preset),
 * three students who each open it in their own history, run the preset, predict and answer
 * differently and hand in; the teacher imports the three hand-ins. The screen shows the roster,
 * the preset's spread, the tally beside the outcome, and projector mode hides every name.
 */
const PRESET = 'backprop-lecture-network';
const STUDENTS = [
  { name: '김하늘', number: '2026001', choice: 'smaller', answer: 'h1과 h2가 w6에 곱해지기 때문입니다' },
  { name: 'Ana Park', number: '2026002', choice: 'smaller', answer: '' },
  { name: '이도윤', number: '2026003', choice: 'larger', answer: '모르겠습니다' },
];
let dir: string;
let host: StartedHost;

/** A student's history: the pack opened, one run of the preset made for it, a prediction and an answer; their hand-in's bytes. */
function handIn(packFile: Buffer, student: (typeof STUDENTS)[number]): Buffer {
  const history = openHistory(join(dir, `${student.number}.sqlite`), { instanceId: randomUUID() });
  try {
    const { id } = openPack(history, packFile);
    history.setStudent({ name: student.name, number: student.number });
    const spec = parseRunSpec((findPreset(PRESET) as TrainPreset).spec);
    const runId = randomUUID();
    const events: TrainingEvent[] = [];
    let clock = 1_000;
    new Trainer(spec, loadDataset(spec.dataset, spec.seed, nodeDataSources()), { runId, emit: (e) => events.push(e), now: () => (clock += 7) }).runToEnd();
    history.createRun({ id: runId, spec, status: 'queued', author: history.getStudent(), packId: id });
    history.recordEvents(runId, events);
    // As the sheet tags the runs it starts.
    history.setTags(runId, ['lab:backprop', presetTag(PRESET)]);
    history.setNotebookEntry('backprop', 'prediction:backprop-one-update', { choice: student.choice, predictedAt: new Date(Date.now() - 60_000).toISOString(), runIds: [runId] });
    if (student.answer) history.setNotebookEntry('backprop', 'answer:w6-needs', student.answer);
    return makeHandIn(history, id, undefined).data;
  } finally {
    history.close();
  }
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-e2e-class-'));
  const { data } = createPack({ title: '역전파 복습', className: '딥러닝 2반', teacher: '김교수', due: '2026-12-10', sheets: ['backprop'], presets: [PRESET] });
  const files = STUDENTS.map((student) => handIn(data, student));
  const teacher = openHistory(join(dir, 'teacher.sqlite'), { instanceId: randomUUID() });
  try {
    openPack(teacher, data);
    for (const file of files) expect(importHandIn(teacher, file).handIn?.status).toBe('new');
  } finally {
    teacher.close();
  }
  host = await startHost(['--db', join(dir, 'teacher.sqlite')]);
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function openClassView(page: Page): Promise<void> {
  await page.getByTestId('class-results').click();
  await expect(page.getByTestId('class-results-pack')).toHaveText('역전파 복습 · 딥러닝 2반');
  await page.getByTestId('class-results-pack').click();
  await expect(page.getByTestId('class-title')).toHaveText('역전파 복습');
}

test('the class view: roster, the preset across the class, the tally beside the outcome, projector mode without names', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await openClassView(page);

  // The header and the roster: three students, each with their number, sortable.
  await expect(page.getByTestId('class-handed-in')).toHaveText('3명 제출');
  const rows = page.getByTestId('roster-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.getByTestId('roster-open')).toHaveText(STUDENTS.map((s) => s.name));
  await expect(rows.nth(1)).toContainText('2026002');
  await page.getByTestId('roster-sort-number').click();
  await expect(rows.first()).toContainText('2026003');
  await screenshot(page, 'class-view-roster');

  // The preset: one dot per student, every curve, verdict counts; the comparison: the tally's sentence.
  await page.getByTestId('class-tab').first().click();
  await expect(page.getByTestId('class-preset')).toBeVisible();
  await expect(page.getByTestId('class-strip').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('class-curves').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('class-preset').getByTestId('verdict-counts').first()).toHaveAttribute('aria-label', /^재현 \d · 재현 안 됨 \d/);
  await screenshot(page, 'class-view-preset');
  await page.getByTestId('class-tab').last().click();
  await expect(page.getByTestId('class-tally-sentence')).toHaveText('3명 중 2명이 ‘줄어든다’를 예측했습니다');
  await expect(page.getByTestId('class-tally-bar')).toHaveCount(3);
  await expect(page.getByTestId('class-tally-bar').first()).toContainText('기대한 답');
  await screenshot(page, 'class-view-comparison');

  // Projector mode: stand-ins everywhere, no name or number on the screen, kept across a reload of the page.
  await page.getByTestId('class-projector').click();
  await page.getByTestId('class-tab-roster').click();
  await expect(rows.getByTestId('roster-open')).toHaveText(['학생 1', '학생 2', '학생 3']);
  const noNames = async () => {
    const text = await page.locator('body').innerText();
    const titles = await page.locator('[title], [aria-label]').evaluateAll((elements) => elements.map((e) => `${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`).join('\n'));
    for (const student of STUDENTS) for (const part of [student.name, student.number]) expect(`${text}\n${titles}`).not.toContain(part);
  };
  await noNames();
  await screenshot(page, 'class-view-projector-roster');
  for (const tab of await page.getByTestId('class-tab').all()) {
    await tab.click();
    await noNames();
  }
  await page.getByTestId('class-tab').first().click();
  await screenshot(page, 'class-view-projector-preset');
  await page.reload();
  await openClassView(page);
  await expect(page.getByTestId('class-projector')).toHaveAttribute('aria-pressed', 'true');
  await expect(rows.getByTestId('roster-open').first()).toHaveText('학생 1');

  // One click from a student to their run.
  await rows.getByTestId('roster-open').first().click();
  await expect(page.getByTestId('replay-back')).toBeVisible();
  expect(problems, 'the page logged errors').toEqual([]);
});

test('a pack nobody has handed in for says what to do', async ({ page }) => {
  // A second pack in the same history, with no hand-ins.
  const { data } = createPack({ title: '빈 실습', className: '딥러닝 2반', sheets: ['backprop'] });
  const teacher = openHistory(join(dir, 'teacher.sqlite'), { instanceId: randomUUID() });
  try {
    openPack(teacher, data);
  } finally {
    teacher.close();
  }
  await page.goto(host.url);
  await page.getByTestId('class-results').click();
  await page.getByTestId('class-results-pack').filter({ hasText: '빈 실습' }).click();
  await expect(page.getByTestId('class-empty')).toContainText('제출 파일을');
});

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}
