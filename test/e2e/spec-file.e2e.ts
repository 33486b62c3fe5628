import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCREENSHOTS, expect, test } from './fixtures';

/**
 * Issue 16, "conventions of a desktop app": the builder saves its spec as a file, opens one (chosen
 * or dropped on it) and copies the `nnlab` command that trains it. A bad file is refused with its
 * reason and leaves the draft as it was.
 */

const scratch = mkdtempSync(join(tmpdir(), 'nnlab-spec-e2e-'));
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Clicks Save and returns the downloaded file's name and text. */
async function save(page: Page): Promise<{ name: string; text: string; path: string }> {
  const download = page.waitForEvent('download');
  await page.getByTestId('spec-save').click();
  const file = await download;
  const path = join(scratch, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
}

/** Chooses a file in the Open dialog. */
async function open(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('spec-open-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** A spec another student saved: XOR, 6-3 ReLU, Adam. */
const XOR_SPEC = {
  version: 1,
  name: '친구의 XOR',
  seed: 7,
  dataset: { name: 'xor', samples: 300, noise: 0.05, testFraction: 0.3 },
  layers: [
    { units: 6, activation: 'relu', init: 'he' },
    { units: 3, activation: 'relu', init: 'he' },
    { units: 2, activation: 'softmax' },
  ],
  optimizer: { name: 'adam', lr: 0.005 },
  training: { batchSize: 16, epochs: 4 },
};

test('save the spec (the CLI trains the file), copy the nnlab command, open a file, refuse bad ones with the draft unchanged, drop a file', async ({ app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.getByTestId('epochs').fill('3');
  await app.getByTestId('learning-rate').fill('0.05');
  await app.screenshot({ path: `${SCREENSHOTS}/spec-file-builder-1366-ko.png` });

  // Save: the download is the spec, and `nnlab train --spec FILE` trains it.
  const saved = await save(app);
  expect(saved.name).toMatch(/\.nnlab-spec\.json$/);
  const spec = JSON.parse(saved.text) as { training: { epochs: number }; optimizer: { lr: number }; dataset: { name: string } };
  expect(spec).toMatchObject({ version: 1, dataset: { name: 'circle' }, optimizer: { name: 'sgd', lr: 0.05 }, training: { epochs: 3 } });
  await expect(app.getByTestId('spec-file-notice')).toHaveText(`${saved.name}을 저장했습니다`);
  const cli = execFileSync(process.execPath, ['bin/nnlab.mjs', 'train', '--spec', saved.path, '--json'], { encoding: 'utf8', timeout: 120_000 });
  expect(cli.trim().split('\n').at(-1)).toMatch(/"type":"end".*"status":"completed"/);

  // Copy: a bash here-document holding exactly the saved file.
  await app.getByTestId('spec-copy-command').click();
  await expect(app.getByTestId('spec-file-notice')).toHaveText('명령을 복사했습니다. 터미널에 붙여 넣으세요');
  const command = (await app.evaluate('navigator.clipboard.readText()')) as string;
  expect(command).toBe(`nnlab train --spec - <<'NNLAB_SPEC'\n${saved.text}NNLAB_SPEC\n`);

  // Bad files: each refused with its reason; the draft saves exactly as before.
  await open(app, 'broken.json', '{\n  "version": 1,\n  "seed": 1\n  "dtype": "float32"\n}');
  await expect(app.getByTestId('spec-file-notice')).toHaveText('broken.json을 열지 못했습니다: 사양 파일 형식이 아닙니다 (4번째 줄 3번째 글자). 지금 설정은 그대로입니다');
  await open(app, '학습률.json', JSON.stringify({ ...XOR_SPEC, optimizer: { name: 'adam', lr: -1 } }));
  await expect(app.getByTestId('spec-file-notice')).toHaveText(/^학습률.json을 열지 못했습니다: 학습률: .+\. 지금 설정은 그대로입니다$/);
  await expect(app.getByTestId('spec-file-notice')).toHaveAttribute('role', 'alert');
  expect((await save(app)).text).toBe(saved.text);

  // A good file replaces the draft.
  await open(app, 'xor.nnlab-spec.json', JSON.stringify(XOR_SPEC));
  await expect(app.getByTestId('spec-file-notice')).toHaveText('xor.nnlab-spec.json을 불러왔습니다');
  await expect(app.getByTestId('dataset-xor')).toHaveAttribute('aria-checked', 'true');
  await expect(app.getByTestId('learning-rate')).toHaveValue('0.005');
  await expect(app.getByTestId('units-0')).toHaveValue('6');
  expect(JSON.parse((await save(app)).text)).toMatchObject({ name: '친구의 XOR', seed: 7, optimizer: { name: 'adam', lr: 0.005 } });

  // Dropped on the builder: the builder claims it (no lab pack overlay) and opens it.
  const dropped = { ...XOR_SPEC, name: '끌어다 놓은 사양', optimizer: { name: 'sgd', lr: 0.2 } };
  const transfer = await app.evaluateHandle((text) => {
    // The page's own DataTransfer and File (this callback runs in the browser).
    const page = globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } }; File: new (parts: string[], name: string, options: { type: string }) => unknown };
    const transfer = new page.DataTransfer();
    transfer.items.add(new page.File([text], 'dropped.json', { type: 'application/json' }));
    return transfer;
  }, JSON.stringify(dropped));
  await app.dispatchEvent('[data-testid="builder"]', 'dragover', { dataTransfer: transfer });
  await expect(app.getByTestId('drop-overlay')).toHaveCount(0);
  await app.screenshot({ path: `${SCREENSHOTS}/spec-file-drop-1366-ko.png` });
  await app.dispatchEvent('[data-testid="builder"]', 'drop', { dataTransfer: transfer });
  await expect(app.getByTestId('spec-file-notice')).toHaveText('dropped.json을 불러왔습니다');
  await expect(app.getByTestId('learning-rate')).toHaveValue('0.2');
  await expect(app.getByTestId('drop-overlay')).toHaveCount(0);

  // English.
  await app.getByTestId('language').click();
  await expect(app.getByTestId('spec-file-notice')).toHaveText('Opened dropped.json');
  await expect(app.getByTestId('spec-save')).toHaveText('Save spec');
  await app.screenshot({ path: `${SCREENSHOTS}/spec-file-builder-1366-en.png` });
});
