import type { Page } from '@playwright/test';
import { SCREENSHOTS, expect, test } from './fixtures';

/**
 * Issue 15's one screen, read closely at a lab PC's 1366 px: in the layer table, one column or
 * two (ten layers), every activation and initialisation name can be read whole, and so can every
 * choice of the training settings (loss, optimizer, length).
 */

const LAB_PC = { width: 1366, height: 768 };

/**
 * Every name each layer-table and training-settings select can show fits inside it. Chromium draws its own arrow inside
 * the select's padding box beside the text (about 16 px); a select drawn without it
 * (appearance: none) keeps its padding for its own arrow.
 */
async function expectLayerNamesWhole(page: Page, where: string): Promise<void> {
  // (The page's own script, as text: these tests are type-checked without the DOM's types.)
  const cut = await page.evaluate(`(() => {
    const context = document.createElement('canvas').getContext('2d');
    const NATIVE_ARROW = 16;
    return [...document.querySelectorAll('[data-testid^="layer-card-"] select, section.settings select')].flatMap((select) => {
      const style = getComputedStyle(select);
      context.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - (style.appearance === 'none' ? 0 : NATIVE_ARROW);
      return [...select.options]
        .filter((option) => context.measureText(option.text).width > room + 0.5)
        .map((option) => select.dataset.testid + ': "' + option.text + '" needs ' + Math.ceil(context.measureText(option.text).width) + ' px of ' + Math.floor(room));
    });
  })()`);
  expect(cut, `${where}: names cut off`).toEqual([]);
}

test('at 1366 px the layer table shows each activation and initialisation whole, one column or two, in Korean and English', async ({ app }) => {
  await app.setViewportSize(LAB_PC);
  await expectLayerNamesWhole(app, 'two layers, Korean');
  for (let i = 0; i < 8; i++) await app.getByTestId('add-layer').click();
  await expect(app.getByTestId('activation-9')).toBeVisible();
  await expectLayerNamesWhole(app, 'ten layers, Korean');
  // A chosen std goes under the name, not beside it.
  await app.getByTestId('init-3').selectOption('normal');
  await expect(app.getByTestId('init-param-3')).toBeVisible();
  await expectLayerNamesWhole(app, 'ten layers, one with a std, Korean');
  await app.screenshot({ path: `${SCREENSHOTS}/layer-table-1366-10-layers-ko.png` });
  await app.getByTestId('language').click();
  await expect(app.getByTestId('start')).toHaveText(/Start/);
  await expectLayerNamesWhole(app, 'ten layers, English');
  await app.screenshot({ path: `${SCREENSHOTS}/layer-table-1366-10-layers-en.png` });
});
