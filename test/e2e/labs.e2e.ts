import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCREENSHOTS, expect, screenshot, test } from './fixtures';

test('the backprop walkthrough shows the slide numbers, steps back to ∂L/∂w6 and recomputes on edit', async ({ app }) => {
  await app.getByTestId('nav-walkthrough').click();
  const diagram = app.getByTestId('walkthrough-diagram');
  // The slide's numbers on first open: h1 = 0.73, h2 = 0.5, output z = 0.23 → y = 0.55.
  await expect(app.getByTestId('value-h1')).toHaveText('0.7311');
  await expect(app.getByTestId('value-h2')).toHaveText('0.5');
  await expect(app.getByTestId('z-y')).toHaveText('z = 0.2311');
  await expect(app.getByTestId('value-y')).toHaveText('0.5575');
  await expect(app.getByTestId('walkthrough-banner')).toContainText('h1 = 0.73, h2 = 0.5, 출력 z = 0.23 → y = 0.55');
  await expect(app.getByTestId('step-title')).toContainText('순전파');
  // Opened from the header, not from a sheet: nothing is held back and there is no sheet to go back to.
  await expect(app.getByTestId('phase-update')).toBeEnabled();
  await expect(app.getByTestId('walkthrough-back-to-sheet')).toHaveCount(0);
  await screenshot(app, 'labs-01-walkthrough-forward');

  // Forward h1, h2, y, the loss, then backward: ∂L/∂y, ∂y/∂z, δ, ∂L/∂w5, ∂L/∂w6.
  for (let i = 0; i < 8; i++) await app.getByTestId('step-next').click();
  await expect(app.getByTestId('step-title')).toContainText('∂L/∂w6');
  await expect(app.getByTestId('step-formula')).toHaveText(/∂L\/∂w6\s*=\s*δy × h2\s*=\s*\(−0\.1092\) × 0\.5\s*=\s*−0\.05458/);
  await expect(app.getByTestId('edge-w6')).toContainText('∂L/∂w6 = −0.05458');
  await expect(app.getByTestId('phase-backward')).toHaveClass(/current/);
  await screenshot(app, 'labs-02-walkthrough-dw6');

  // The arrow keys step too.
  await app.keyboard.press('ArrowLeft');
  await expect(app.getByTestId('step-title')).toContainText('∂L/∂w5');
  await app.keyboard.press('ArrowRight');

  // Click the w6 edge: its field is focused; type 2 and the output changes at once.
  await app.getByTestId('edge-w6').click();
  await expect(app.getByTestId('param-w6')).toBeFocused();
  await app.getByTestId('param-w6').fill('2');
  await expect(app.getByTestId('value-y')).toHaveText('0.8495');
  await expect(app.getByTestId('edge-w6')).toContainText('w6 = 2');
  await expect(app.getByTestId('walkthrough-banner')).toContainText('값을 바꾼');
  await screenshot(app, 'labs-03-walkthrough-w6-2');

  // The update and the loss after it.
  await app.getByTestId('phase-update').click();
  await expect(app.getByTestId('step-title')).toContainText('가중치 갱신');
  await expect(app.getByTestId('step-formula')).toContainText('w6′ = w6 − η × ∂L/∂w6');
  await screenshot(app, 'labs-04a-walkthrough-update');
  await app.getByTestId('step-next').click();
  await expect(app.getByTestId('step-note')).toContainText('오차가 줄었습니다');
  await screenshot(app, 'labs-04-walkthrough-after');

  // The saturated neuron: σ′(51) ≈ 7e−23, "the gradient is 0.00…01".
  await app.getByTestId('example-saturated').click();
  await expect(app.getByTestId('z-y')).toContainText('z = 51');
  await app.getByTestId('phase-backward').click();
  await app.getByTestId('step-next').click();
  await expect(app.getByTestId('step-note')).toContainText('0.000000000000000000000071');
  await screenshot(app, 'labs-05-walkthrough-saturated');

  await app.getByTestId('language').click();
  await expect(app.getByTestId('step-title')).toContainText('the activation’s slope');
  await expect(diagram).toBeVisible();
  await screenshot(app, 'labs-06-walkthrough-en');
});

test('a student follows the backprop lab sheet: walks the backward pass, predicts before the update is shown, runs, sees the verdict, answers, exports the report', async ({ app, browser }) => {
  // A lab PC's screen.
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.getByTestId('nav-labs').click();
  await expect(app.getByTestId('lab-sheets')).toBeVisible();
  await screenshot(app, 'labs-10-sheet-list');
  await app.getByTestId('open-sheet-backprop').click();
  await expect(app.getByTestId('sheet-goal')).toContainText('2-2-1');
  const sheet = app.getByTestId('lab-sheet-backprop');
  // What the update does to the error is what step 4 asks to predict: nowhere on the sheet yet.
  for (const outcome of ['목표값 1 쪽으로 움직입니다', '오차가 줄었', '오차가 줄어듭니다']) await expect(sheet).not.toContainText(outcome);

  // Steps 1–3: the walkthrough, forward then backward; opened from the sheet, it stops before the update.
  await app.getByTestId('step-0-walkthrough').click();
  await expect(app.getByTestId('step-title')).toContainText('순전파');
  await expect(app.getByTestId('phase-update')).toBeDisabled();
  await app.getByTestId('phase-backward').click();
  await expect(app.getByTestId('step-title')).toContainText('∂L/∂y');
  for (let i = 0; i < 14; i++) await app.getByTestId('step-next').click();
  await expect(app.getByTestId('step-title')).toContainText('∂L/∂w4');
  await expect(app.getByTestId('step-next')).toBeDisabled();
  await app.keyboard.press('ArrowRight');
  await expect(app.getByTestId('step-title')).toContainText('∂L/∂w4');
  await expect(app.getByTestId('step-count')).toHaveText('19 / 21 단계');
  await expect(app.getByTestId('walkthrough-held')).toContainText('실습지 4단계에서 먼저 예측하세요');
  const walkthrough = app.getByTestId('walkthrough');
  for (const outcome of ['오차가 줄었', '갱신 후: 같은 입력', 'w1′']) await expect(walkthrough).not.toContainText(outcome);
  await screenshot(app, 'labs-11a-walkthrough-held');
  // Its button goes back to the sheet's step 4, where the prediction is asked.
  await app.getByTestId('walkthrough-predict').click();
  await expect(app.getByTestId('sheet-step-3')).toBeInViewport();

  // The run waits for a prediction; the button shows how long the preset takes.
  const runStep = app.getByTestId('run-step-3');
  await expect(app.getByTestId('estimate-step-3')).toContainText('1초 미만');
  await expect(runStep).toBeDisabled();
  // What to observe tells the outcome: it waits for the prediction.
  await expect(app.getByTestId('observe-locked')).toContainText('예측을 기록하면 여기에 관찰할 점이 나타납니다');
  await expect(app.getByTestId('observe-list')).toHaveCount(0);
  await expect(sheet).not.toContainText('목표값 1 쪽으로 움직입니다');
  await app.screenshot({ path: `${SCREENSHOTS}/labs-11b-sheet-predict.png` });
  await app.getByTestId('choice-backprop-one-update-smaller').check();
  await app.getByTestId('save-prediction-backprop-one-update').click();
  await expect(app.getByTestId('prediction-backprop-one-update')).toContainText('줄어든다');
  await expect(runStep).toBeEnabled();
  await expect(app.getByTestId('observe-list')).toContainText('갱신 후 출력이 목표값 1 쪽으로 움직입니다');
  await expect(app.getByTestId('observe-locked')).toHaveCount(0);
  await screenshot(app, 'labs-11-sheet-predicted');

  await runStep.click();
  await expect(app.getByTestId('sheet-run-status-backprop-lecture-network')).toHaveText('완료', { timeout: 60_000 });
  const verdict = app.getByTestId('verdict-backprop-one-update');
  await expect(verdict).toContainText('재현됨 ✔');
  await expect(verdict).toContainText('갱신 전 손실 0.0979');
  await expect(app.getByTestId('outcome-prediction-backprop-one-update')).toContainText('줄어든다');
  await expect(app.getByTestId('outcome-prediction-backprop-one-update')).toContainText('예측이 맞았습니다');
  // The prediction is kept as it was once the run has started.
  await expect(app.getByTestId('prediction-backprop-one-update').getByRole('button', { name: '바꾸기' })).toHaveCount(0);

  // Step 5: the walkthrough opens at the update, now that the prediction is recorded, and explains the run.
  await app.getByTestId('step-4-walkthrough').click();
  await expect(app.getByTestId('step-title')).toContainText('가중치 갱신');
  await expect(app.getByTestId('phase-update')).toBeEnabled();
  await expect(app.getByTestId('walkthrough-held')).toHaveCount(0);
  await app.getByTestId('step-next').click();
  await expect(app.getByTestId('step-note')).toContainText('오차가 줄었습니다: L = 0.0979 → 0.08595');
  await app.screenshot({ path: `${SCREENSHOTS}/labs-11c-walkthrough-after.png` });
  await app.getByTestId('walkthrough-back-to-sheet').click();
  await expect(app.getByTestId('sheet-step-4')).toBeInViewport();

  // Answers are saved as they are typed (no save button), the student's name too.
  const answer = 'h2 = 0.5는 w6에 곱해지는 입력이라 ∂L/∂w6 = δ × h2 에 들어갑니다. <b>진짜</b> & "따옴표"';
  await app.getByTestId('answer-w6-needs').fill(answer);
  await expect(app.getByTestId('answer-state-w6-needs')).toContainText('저장됨');
  await app.getByTestId('student-name').fill('김학생 <2025001>');
  await app.getByTestId('answer-w1-factors').click();
  await screenshot(app, 'labs-12-sheet-verdict');

  // Reload: the answer, the name and the prediction come back from the run history.
  await app.waitForTimeout(1_000);
  await app.reload();
  await app.getByTestId('nav-labs').click();
  await app.getByTestId('open-sheet-backprop').click();
  await expect(app.getByTestId('answer-w6-needs')).toHaveValue(answer);
  await expect(app.getByTestId('student-name')).toHaveValue('김학생 <2025001>');
  await expect(app.getByTestId('verdict-backprop-one-update')).toContainText('재현됨 ✔');
  await expect(app.getByTestId('sheet-run-status-backprop-lecture-network')).toHaveText('완료');

  // Export the report: a self-contained HTML file with the prediction, the verdict, the answer (escaped) and the run.
  const downloading = app.waitForEvent('download');
  await app.getByTestId('export-report').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^nnlab-report-backprop-김학생-_2025001_-\d{4}-\d{2}-\d{2}\.html$/);
  const html = readFileSync((await download.path()), 'utf8');
  expect(html).toContain('<td class="student">김학생 &lt;2025001&gt;</td>');
  expect(html).toContain('<strong>내 예측:</strong> 줄어든다');
  expect(html).toContain('예측이 맞았습니다');
  expect(html).toContain('✔ 재현됨');
  expect(html).toContain('h2 = 0.5는 w6에 곱해지는 입력이라 ∂L/∂w6 = δ × h2 에 들어갑니다. &lt;b&gt;진짜&lt;/b&gt; &amp; &quot;따옴표&quot;');
  // The preset's run under the preset's Korean title (its spec names it "Lecture 2-2-1 network").
  expect(html).toContain('역전파 되짚어보기: 강의의 2-2-1 신경망');
  expect(html).not.toContain('Lecture 2-2-1 network');
  expect(html).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/]+=*" alt="평가 손실/);
  expect(html).not.toMatch(/<script/i);
  // Its font inside it: a subset of Pretendard in two weights.
  expect(html.match(/@font-face \{ font-family: 'NN Lab Report'; font-style: normal; font-weight: (400|700); font-display: block; src: url\(data:font\/woff;base64,/g)).toHaveLength(2);
  writeFileSync(`${SCREENSHOTS}/labs-report.html`, html);

  // Opened as a file with JavaScript off (as the desktop app's PDF window opens it) in a browser
  // with no Korean font of its own: the report's font loads and draws it.
  const reader = await browser.newContext({ javaScriptEnabled: false });
  const file = await reader.newPage();
  await file.goto(pathToFileURL(resolve(SCREENSHOTS, 'labs-report.html')).href);
  const fonts = await file.evaluate("document.fonts.ready.then(() => [...document.fonts].map((face) => `${face.family} ${face.weight} ${face.status}`))");
  expect(fonts).toEqual(['NN Lab Report 400 loaded', 'NN Lab Report 700 loaded']);
  await file.screenshot({ path: `${SCREENSHOTS}/labs-15-report-file.png`, fullPage: true });
  await reader.close();

  // The preview prints the report alone (the browser's "Save as PDF").
  await app.getByTestId('preview-report').click();
  await expect(app.getByTestId('report-document')).toBeVisible();
  await app.screenshot({ path: `${SCREENSHOTS}/labs-13-report-preview.png` });
  await app.emulateMedia({ media: 'print' });
  await expect(app.locator('header').first()).toBeHidden();
  await screenshot(app, 'labs-14-report-print');
  await app.emulateMedia({ media: 'screen' });
  await app.getByTestId('report-close').click();
  await expect(app.getByTestId('report-preview')).toHaveCount(0);
  // Only the desktop app prints the PDF itself; here the preview's Print is the way.
  await expect(app.getByTestId('export-report')).toBeEnabled();
  await expect(app.getByTestId('export-report-pdf')).toHaveCount(0);

  // The sheet list shows the progress; the run opens in replay from the sheet.
  await app.getByTestId('replay-backprop-one-update').click();
  await expect(app.getByTestId('nav-runs')).toHaveAttribute('aria-current', 'page');
  await app.getByTestId('nav-labs').click();
  await expect(app.getByTestId('sheet-card-backprop')).toContainText('예측 1/1 · 답 1/3');
  await expect(app.getByTestId('open-sheet-backprop')).toContainText('이어서 하기');
});

test('an MNIST lab sheet asks every prediction before its runs, holds back what they will show until then, and opens the probe', async ({ app }) => {
  // A lab PC's screen.
  await app.setViewportSize({ width: 1366, height: 768 });
  const openSheet = async () => {
    await app.getByTestId('nav-labs').click();
    await app.getByTestId('open-sheet-04-initialization').click();
    await expect(app.getByTestId('lab-sheet-04-initialization')).toBeVisible();
    await expect(app.getByTestId('sheet-goal')).toBeVisible();
  };
  await openSheet();
  const sheet = app.getByTestId('lab-sheet-04-initialization');

  // Before any prediction: nothing to observe, and no text tells which initialization learns or is fastest.
  await expect(app.getByTestId('observe-locked')).toContainText('예측을 기록하면 여기에 관찰할 점이 나타납니다');
  await expect(app.getByTestId('observe-list')).toHaveCount(0);
  for (const outcome of ['가장 빨리', '2.30에서 움직이지', 'Xavier가 부적합', '0 쪽으로 좁아집니다']) await expect(sheet).not.toContainText(outcome);
  await app.screenshot({ path: `${SCREENSHOTS}/labs-20-sheet-before-prediction.png` });

  // A probe step opens the activation histograms of its preset; what they show is written under the step once seen
  // (the preset's lecture claim waits for the predictions).
  await expect(app.getByTestId('step-4-revealed')).toHaveCount(0);
  await app.getByTestId('step-4-probe').click();
  await expect(app.getByRole('dialog')).toBeVisible();
  await expect(app.getByRole('dialog')).toContainText('ReLU, Xavier');
  await expect(app.getByRole('dialog')).not.toContainText('맞지 않습니다');
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog')).toBeHidden();
  await expect(app.getByTestId('step-4-revealed')).toContainText('층을 거칠수록 분포가 0 쪽으로 좁아집니다');

  // The choices come in this PC's own order, the same after a reload.
  const choiceOrder = async () => Promise.all((await app.getByTestId('prediction-init-which-learns').locator('input[type=radio]').all()).map((input) => input.getAttribute('value')));
  const order = await choiceOrder();
  expect(order.slice().sort()).toEqual(['all', 'he-only', 'std001-only', 'xavier-and-he']);
  await app.reload();
  await openSheet();
  expect(await choiceOrder()).toEqual(order);

  // Step 7 runs the three initializations; it asks for both of its comparisons' predictions first.
  const run = app.getByTestId('run-step-6');
  await expect(run).toContainText('3개 함께 실행');
  await expect(app.getByTestId('estimate-step-6')).toContainText(/약 \d+(분 \d+)?초/);
  await expect(run).toBeDisabled();
  await app.getByTestId('sheet-step-6').scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${SCREENSHOTS}/labs-21-sheet-question.png` });
  await app.getByTestId('choice-init-which-learns-xavier-and-he').check();
  await app.getByTestId('save-prediction-init-which-learns').click();
  await expect(run).toBeDisabled();
  // Each bullet appears with its own prediction: which learn now, which is fastest not yet.
  const observed = app.getByTestId('observe-list');
  await expect(observed).toContainText('MNIST: 표준편차 0.01은 손실 2.30에서 움직이지 않음');
  await expect(observed).not.toContainText('가장 빨리');
  await expect(app.getByTestId('observe-locked')).toContainText('관찰할 점 3개가 더 있습니다');
  await app.getByTestId('choice-init-fastest-he').check();
  await app.getByTestId('save-prediction-init-fastest').click();
  await expect(run).toBeEnabled();
  await expect(observed).toContainText('MNIST: He가 가장 빨리, Xavier가 바로 뒤에서 학습');
  await expect(app.getByTestId('observe-locked')).toHaveCount(0);
  // With every prediction recorded, the probe steps' descriptions show without reopening.
  await expect(app.getByTestId('step-5-revealed')).toContainText('0으로 수렴하지 않습니다');
  await app.screenshot({ path: `${SCREENSHOTS}/labs-22-sheet-predicted.png` });
  await app.getByTestId('sheet-goal').scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${SCREENSHOTS}/labs-23-sheet-after-prediction.png` });
});
