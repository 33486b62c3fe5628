import { expect, test, waitForEnd } from './fixtures';

/**
 * Issue 15, "The screen survives reload and Back": the screen lives in the address's fragment,
 * Back and Forward move between the app's screens, a reload opens the same one, and an address
 * the app cannot read opens the builder without an error (the fixture fails on any).
 */

test('build → history → replay; Back returns to each screen inside the app, Forward comes back, a reload keeps the screen', async ({ app }) => {
  await expect(app).toHaveURL(/#\/build$/);
  expect(new URL(app.url()).searchParams.get('token'), 'the launch token stays out of the address').toBeNull();
  await app.getByTestId('epochs').fill('1');
  await expect(app.getByTestId('estimate')).toContainText('단계');
  await app.getByTestId('start').click();
  await waitForEnd(app);

  await app.getByTestId('nav-runs').click();
  await expect(app).toHaveURL(/#\/runs$/);
  const newest = app.getByTestId('run-row').first();
  const runId = (await newest.getAttribute('data-run-id'))!;
  const name = (await newest.getByTestId('run-name').textContent())!;
  await newest.getByTestId('open-run').click();
  await expect(app.getByTestId('replay-name')).toHaveText(name);
  await expect(app).toHaveURL(new RegExp(`#/replay/${runId}$`));

  await app.goBack();
  await expect(app.getByTestId('history-search')).toBeVisible();
  await expect(app).toHaveURL(/#\/runs$/);
  await app.goBack();
  await expect(app.getByTestId('start')).toBeVisible();
  await app.goForward();
  await expect(app.getByTestId('history-search')).toBeVisible();
  await app.goForward();
  await expect(app.getByTestId('replay-name')).toHaveText(name);

  await app.reload();
  await expect(app.getByTestId('replay-name')).toHaveText(name);
  await expect(app).toHaveURL(new RegExp(`#/replay/${runId}$`));
  await app.getByTestId('nav-labs').click();
  await app.getByTestId('open-sheet-backprop').click();
  await expect(app).toHaveURL(/#\/labs\/backprop$/);
  await app.reload();
  await expect(app.getByTestId('sheet-questions')).toBeVisible();
  await app.goBack();
  await expect(app.getByTestId('open-sheet-backprop')).toBeVisible();
});

test('an address the app cannot read opens the builder, with no error', async ({ app }) => {
  const base = app.url().split('#')[0]!;
  for (const hash of ['#/nowhere', '#/replay/not-a-run', '#/labs/../../etc', '#%E0%A4%A']) {
    await app.goto(`${base}${hash}`);
    await app.reload();
    await expect(app.getByTestId('start')).toBeVisible();
    await expect(app).toHaveURL(/#\/build$/);
  }
});
