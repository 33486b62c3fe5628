import type { Page } from '@playwright/test';
import type { TrainingEvent } from '../../engine/api/events';
import type { LabPush } from '../../engine/api/lab-api';
import { decodeMessage } from '../../engine/api/socket-codec';
import { expect, screenshot, test } from './fixtures';
import { connectService, type ServiceClient } from './service-client';

/**
 * Issue 7, "Renderer reload during training: training continues; the UI resyncs from the
 * service". The page is reloaded while a run trains. Training lives in the service, not in the
 * page: it must go on, end `completed` with every step recorded, and the reloaded page must pick
 * the run up again.
 *
 * The run: the lecture's He + ReLU MNIST network (784-100×4-10) on 2,000 images for ITERATIONS
 * steps, a few seconds of training (a 2-D run does ~15,000 steps a second: too quick to catch).
 * The test asks the service itself, on a WebSocket of its own (service-client.ts), for the truth
 * the page is checked against.
 */
const ITERATIONS = 4000;

/** Steps done, as the live view's progress line says: "12/4000 단계 · 에폭 0" (-1 when there is none). */
async function stepsShown(page: Page): Promise<number> {
  const controls = page.getByTestId('run-controls');
  if ((await controls.count()) === 0) return -1;
  const match = /(\d+)\/\d+ 단계/.exec((await controls.textContent()) ?? '');
  return match ? Number(match[1]) : -1;
}

/** Seconds of training the live view's progress line shows: "경과 1분 05초" (0 for "1초 미만", -1 when there is none). */
async function secondsShown(page: Page): Promise<number> {
  const line = page.getByTestId('run-controls').getByText(/^경과 /);
  if ((await line.count()) === 0) return -1;
  const text = (await line.textContent()) ?? '';
  if (text.includes('미만')) return 0;
  const match = /경과 (?:(\d+)분 )?(\d+)초/.exec(text);
  return match ? Number(match[1] ?? 0) * 60 + Number(match[2]) : -1;
}

/** Starts the MNIST run from the build screen; resolves with its id (the service's one new active run). */
async function startLongRun(app: Page, service: ServiceClient): Promise<string> {
  const before = new Set((await service.call('activeRuns')).map((run) => run.runId));
  await app.getByTestId('preset-select').selectOption('init-mnist-he');
  await app.getByTestId('mnist-train-size').fill('2000');
  await app.getByLabel('시험 이미지 수').fill('500');
  await app.getByTestId('iterations').fill(String(ITERATIONS));
  await expect(app.getByTestId('estimate')).toContainText(`${ITERATIONS}단계`);
  await app.getByTestId('start').click();
  let runId: string | undefined;
  await expect
    .poll(async () => {
      runId = (await service.call('activeRuns')).find((run) => !before.has(run.runId))?.runId;
      return runId;
    })
    .toBeTruthy();
  // Well under way in the live view (and far from the end) before the reload.
  await expect(app.getByTestId('run-state')).toHaveText('학습 중');
  await expect.poll(() => stepsShown(app), { intervals: [100] }).toBeGreaterThan(50);
  return runId!;
}

/** The service's word on a run: its stored status and steps, and its state if it is still active. */
async function serviceView(service: ServiceClient, runId: string): Promise<{ status: string; stepsDone: number; active: string | null }> {
  const summary = await service.call('getRun', runId);
  const active = (await service.call('activeRuns')).find((run) => run.runId === runId);
  return { status: summary.status, stepsDone: summary.stepsDone, active: active?.state ?? null };
}

/** Reloads the page; resolves with the run's pushes its new WebSocket receives from then on. */
async function reloadRecordingPushes(app: Page, runId: string): Promise<LabPush[]> {
  const pushes: LabPush[] = [];
  app.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      const message = decodeMessage(typeof payload === 'string' ? payload : payload.toString('utf8')) as { push?: LabPush };
      if (message.push && 'runId' in message.push && message.push.runId === runId) pushes.push(message.push);
    });
  });
  await app.reload();
  await expect(app.getByTestId('start')).toBeVisible();
  return pushes;
}

/** Highest step in the run-events pushes received. */
function lastPushedStep(pushes: readonly LabPush[]): number {
  let last = -1;
  for (const push of pushes) {
    if (push.type !== 'run-events') continue;
    for (const event of push.events) if (event.type === 'step') last = Math.max(last, event.step + 1);
  }
  return last;
}

test('a reload mid-training: training goes on in the service and ends completed with all its steps recorded', async ({ app }) => {
  const service = await connectService();
  try {
    const runId = await startLongRun(app, service);
    const beforeReload = await serviceView(service, runId);
    expect(beforeReload).toMatchObject({ status: 'running', active: 'running' });
    expect(beforeReload.stepsDone).toBeLessThan(ITERATIONS / 2);

    const pushes = await reloadRecordingPushes(app, runId);
    // Still training after the reload, and getting further.
    const afterReload = await serviceView(service, runId);
    expect(afterReload).toMatchObject({ status: 'running', active: 'running' });
    expect(afterReload.stepsDone).toBeGreaterThanOrEqual(beforeReload.stepsDone);
    await expect.poll(async () => (await serviceView(service, runId)).stepsDone).toBeGreaterThan(afterReload.stepsDone);
    // The reloaded page is subscribed again: the run's new steps reach its WebSocket.
    await expect.poll(() => lastPushedStep(pushes)).toBeGreaterThan(afterReload.stepsDone);

    // The history shows it running, then completed.
    await app.getByTestId('nav-runs').click();
    const row = app.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
    await expect(row.getByTestId('status-badge')).toHaveAttribute('data-status', 'running');
    await expect(row.getByTestId('status-badge')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    await expect.poll(() => pushes.some((push) => push.type === 'run-state' && push.state === 'ended')).toBe(true);

    // Every step is in the history: the stored summary, the recorded events, the replay.
    const ended = await service.call('getRun', runId);
    expect(ended).toMatchObject({ status: 'completed', stepsDone: ITERATIONS, totalSteps: ITERATIONS, message: null });
    const events: TrainingEvent[] = await service.call('recordedEvents', runId);
    const steps = events.filter((event) => event.type === 'step').map((event) => event.step);
    expect(steps).toHaveLength(ITERATIONS);
    expect(steps.every((step, i) => step === i), 'steps 0…N-1, each once, in order').toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'end', status: 'completed', steps: ITERATIONS });
    await row.getByTestId('open-run').click();
    await expect(app.getByTestId('replay-progress')).toContainText(`${ITERATIONS}/${ITERATIONS} 단계`);
    await expect(app.getByTestId('digit-grid').locator('li')).toHaveCount(32);
  } finally {
    await service.close();
  }
});

test('after a reload mid-training, the live view picks the run up again from the service', async ({ app }) => {
  const service = await connectService();
  let runId: string | undefined;
  try {
    runId = await startLongRun(app, service);
    const before = await stepsShown(app);

    const pushes = await reloadRecordingPushes(app, runId);
    // The run trains on and the reloaded page receives its events: what the live view needs is there.
    await expect.poll(() => lastPushedStep(pushes)).toBeGreaterThan(before);
    expect((await serviceView(service, runId)).active).toBe('running');
    await screenshot(app, 'reload-01-live-view-after-reload');

    // The run's tab and its controls are back, running, and the counter climbs on from where it was.
    await expect(app.getByTestId('run-tab'), 'the run’s tab after the reload').toHaveCount(1, { timeout: 3_000 });
    await expect(app.getByTestId('run-state')).toHaveText('학습 중');
    await expect.poll(() => stepsShown(app)).toBeGreaterThan(before);
    const resumed = await stepsShown(app);
    await expect.poll(() => stepsShown(app)).toBeGreaterThan(resumed);
    await expect(app.getByTestId('chart-loss').locator('canvas').first()).toBeVisible();
    await expect(app.getByTestId('run-state')).toHaveText('완료', { timeout: 60_000 });
    expect(await stepsShown(app)).toBe(ITERATIONS);
    await screenshot(app, 'reload-02-live-view-completed');
  } finally {
    // Leave nothing training for the next test.
    if (runId && (await serviceView(service, runId)).active) await service.call('stopRun', runId);
    await service.close();
  }
});

test('after a reload mid-training, the builder shows the running run\'s spec, not the defaults, and its elapsed time goes on from before the reload', async ({ app }) => {
  const service = await connectService();
  // The circle network for 5,000 epochs (a million steps): quick to start, still training well after the reload (stopped at the end).
  const epochs = '5000';
  let runId: string | undefined;
  try {
    await app.getByTestId('epochs').fill(epochs);
    await expect(app.getByTestId('estimate')).toContainText('단계');
    await app.getByTestId('start').click();
    await expect(app.getByTestId('run-state')).toHaveText('학습 중');
    runId = (await service.call('activeRuns')).find((run) => run.state === 'running')?.runId;
    expect(runId).toBeTruthy();
    await expect.poll(() => secondsShown(app), { intervals: [100] }).toBeGreaterThanOrEqual(2);
    const secondsBefore = await secondsShown(app);

    await reloadRecordingPushes(app, runId!);
    await expect(app.getByTestId('epochs')).toHaveValue(epochs);
    // Read once, as soon as it shows: a clock restarted at zero would only catch up later.
    await expect.poll(() => secondsShown(app), { intervals: [50] }).toBeGreaterThanOrEqual(0);
    expect(await secondsShown(app)).toBeGreaterThanOrEqual(secondsBefore);
    expect((await serviceView(service, runId!)).active).toBe('running');
    await screenshot(app, 'reload-03-builder-after-reload');
  } finally {
    if (runId && (await serviceView(service, runId)).active) await service.call('stopRun', runId);
    await service.close();
  }
});
