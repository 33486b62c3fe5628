import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from './fixtures';
import { startHost, type StartedHost } from './start-host';

/**
 * The app without a mouse, on a history of its own: a network built, trained and two runs
 * compared with Tab, Enter, Space, arrows and typing only; and every dialog takes focus on
 * opening, keeps Tab and Shift+Tab inside, closes on Escape and gives focus back to its opener.
 */

let dir: string;
let host: StartedHost;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-e2e-keyboard-'));
  host = await startHost(['--db', join(dir, 'keyboard.db')]);
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The data-testid of the element that has focus ('' for none). */
const focusedId = async (page: Page): Promise<string> => String(await page.evaluate("document.activeElement?.getAttribute('data-testid') ?? ''"));

/** Whether the element that has focus is inside `container`. */
const hasFocusInside = (container: Locator) => container.evaluate((element) => element.contains(element.ownerDocument.activeElement));

/** Presses Tab (or Shift+Tab) until the element with this test id has focus, as a keyboard user does; fails after `limit` presses. */
async function tabTo(page: Page, testId: string, { back = false, limit = 400 } = {}): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await focusedId(page)) === testId) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${limit} presses of ${back ? 'Shift+Tab' : 'Tab'} did not reach [data-testid="${testId}"]`);
}

/** Replaces a focused field's text by typing. */
async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  await tabTo(page, testId);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Tabs through `presses` elements inside `dialog` and back, checking after each press that focus never left it. */
async function expectFocusKeptIn(page: Page, dialog: Locator, presses: number): Promise<void> {
  const inside = () => hasFocusInside(dialog);
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < presses; i++) {
      await page.keyboard.press(key);
      expect(await inside(), `focus left the dialog after ${i + 1} × ${key}`).toBe(true);
    }
  }
}

test('build, train and compare two networks with the keyboard alone', async ({ page }) => {
  const problems: string[] = [];
  await openApp(page, host.url, problems);

  // Build: one more hidden layer, tanh in the first, 3 epochs; start.
  await tabTo(page, 'add-layer');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('layer-card-2')).toBeVisible();
  await tabTo(page, 'activation-0');
  const before = await page.getByTestId('activation-0').inputValue();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('activation-0')).not.toHaveValue(before);
  await typeInto(page, 'epochs', '3');
  await tabTo(page, 'start');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-state')).toHaveText('완료', { timeout: 90_000 });

  // A second run, started the same way after going back up to the epochs.
  await typeInto(page, 'epochs', '2');
  await tabTo(page, 'start');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-tab')).toHaveCount(2);
  await expect(page.getByTestId('run-state')).toHaveText('완료', { timeout: 90_000 });
  // The runs' buttons are reachable, and choosing one shows it.
  await tabTo(page, 'run-tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-tab').first()).toHaveAttribute('aria-current', 'true');

  // Compare: to the history, tick both runs with Space, press Compare.
  await tabTo(page, 'nav-runs', { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    await tabTo(page, 'select-run');
    if (i === 1) {
      // The second box: Tab on from the first one.
      await page.keyboard.press('Tab');
      await tabTo(page, 'select-run');
    }
    await page.keyboard.press('Space');
  }
  await expect(page.getByTestId('selection-count')).toHaveText('2개 선택됨');
  await tabTo(page, 'compare-selected', { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByTestId('compare-run-card').first()).toBeVisible();
  expect(problems, 'the page logged errors').toEqual([]);
});

test('each dialog takes focus, keeps Tab inside, closes on Escape and gives focus back', async ({ page }) => {
  const problems: string[] = [];
  await openApp(page, host.url, problems);

  // The probe dialog, from the header.
  await tabTo(page, 'open-probe');
  await page.keyboard.press('Enter');
  const probe = page.getByTestId('probe-dialog');
  await expect(probe).toBeVisible();
  await expect.poll(() => hasFocusInside(probe)).toBe(true);
  await expectFocusKeptIn(page, probe, 25);
  await page.keyboard.press('Escape');
  await expect(probe).toHaveCount(0);
  await expect(page.getByTestId('open-probe')).toBeFocused();

  // The pack dialog, from the lab sheets; its first field is a Tab away from its close button.
  await tabTo(page, 'nav-labs');
  await page.keyboard.press('Enter');
  await tabTo(page, 'pack-make');
  await page.keyboard.press('Enter');
  const pack = page.getByTestId('pack-dialog');
  await expect(pack).toBeVisible();
  await expect.poll(() => hasFocusInside(pack)).toBe(true);
  await tabTo(page, 'pack-title', { limit: 5 });
  await expectFocusKeptIn(page, pack, 60);
  await page.keyboard.press('Escape');
  await expect(pack).toHaveCount(0);
  await expect(page.getByTestId('pack-make')).toBeFocused();

  // The student's name and number: focus starts in the name field.
  await tabTo(page, 'student-badge', { back: true });
  await page.keyboard.press('Enter');
  const student = page.getByTestId('identity-dialog');
  await expect(student).toBeVisible();
  await expect(page.getByTestId('identity-name')).toBeFocused();
  await expectFocusKeptIn(page, student, 8);
  await page.keyboard.press('Escape');
  await expect(student).toHaveCount(0);
  await expect(page.getByTestId('student-badge')).toBeFocused();

  // Deleting a run asks first: focus on Cancel; Escape keeps the run and returns to Delete.
  await tabTo(page, 'nav-build', { back: true });
  await page.keyboard.press('Enter');
  await typeInto(page, 'epochs', '1');
  await tabTo(page, 'start');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-state')).toHaveText('완료', { timeout: 90_000 });
  await tabTo(page, 'nav-runs', { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-row')).not.toHaveCount(0);
  const rows = await page.getByTestId('run-row').count();
  await tabTo(page, 'run-more');
  await page.keyboard.press('Enter');
  await tabTo(page, 'delete-run');
  await page.keyboard.press('Enter');
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toBeVisible();
  await expect(page.getByTestId('confirm-cancel')).toBeFocused();
  await expectFocusKeptIn(page, confirm, 4);
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('delete-run')).toBeFocused();
  await expect(page.getByTestId('run-row')).toHaveCount(rows);
  expect(problems, 'the page logged errors').toEqual([]);
});
