import { describe, expect, it } from 'vitest';
import { RUN_COLORS, RUN_DASHES, RUN_MARKER_GLYPHS, RUN_SYMBOLS, RUN_TEXT_COLORS, runStyle, runStyleOf } from '../../../renderer/src/lib/compare/run-colors';
import { VERDICT_COLORS } from '../../../renderer/src/lib/class/class-charts';
import { COLORS, MUTED_COLOR, TEXT_COLOR } from '../../../renderer/src/lib/charts/chart-style';
import { colorDistance, contrastRatio, type Deficiency } from './color-vision';

/** Below about 10 ΔE00 two thin lines of a chart are easily taken for one; 18 leaves a clear margin. */
const MIN_DISTANCE = 18;
const SIGHTS: (Deficiency | undefined)[] = [undefined, 'protanopia', 'deuteranopia', 'tritanopia'];
/** The app's panel and ground colours (renderer/src/styles/app.css --panel, --ground). */
const BACKGROUNDS = ['#ffffff', '#f3f5f8'];

function closestPair(colors: readonly string[], sight: Deficiency | undefined): { distance: number; pair: string } {
  let closest = { distance: Infinity, pair: '' };
  for (let i = 0; i < colors.length; i++) {
    for (let j = i + 1; j < colors.length; j++) {
      const distance = colorDistance(colors[i]!, colors[j]!, sight);
      if (distance < closest.distance) closest = { distance, pair: `${colors[i]} / ${colors[j]}` };
    }
  }
  return closest;
}

describe('run palette', () => {
  it('measures colour difference and contrast as published', () => {
    // Sharma, Wu & Dalal's CIEDE2000 test pair 1, and WCAG's black on white.
    expect(colorDistance('#000000', '#000000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    // The two Okabe–Ito colours the issue names as too light for text.
    expect(contrastRatio('#D55E00', '#ffffff')).toBeCloseTo(3.86, 1);
    expect(contrastRatio('#009E73', '#ffffff')).toBeCloseTo(3.42, 1);
  });

  it.each(SIGHTS.map((sight) => [sight ?? 'normal vision', sight] as const))('keeps six runs pairwise apart with %s', (_name, sight) => {
    const { distance, pair } = closestPair(RUN_COLORS, sight);
    expect(distance, `${pair} are ${distance.toFixed(1)} ΔE00 apart`).toBeGreaterThanOrEqual(MIN_DISTANCE);
  });

  it("draws runs' lines and swatches with at least 3:1 contrast, and writes their names with at least 4.5:1", () => {
    // Charts and swatches sit on white panels.
    for (const color of RUN_COLORS) expect(contrastRatio(color, '#ffffff'), color).toBeGreaterThanOrEqual(3);
    for (const background of BACKGROUNDS) {
      for (const color of RUN_TEXT_COLORS) expect(contrastRatio(color, background), `${color} on ${background}`).toBeGreaterThanOrEqual(4.5);
      for (const color of [TEXT_COLOR, MUTED_COLOR]) expect(contrastRatio(color, background)).toBeGreaterThanOrEqual(4.5);
    }
    // A text colour is its run's colour, only darker where needed: it still reads as that run.
    RUN_COLORS.forEach((color, i) => expect(colorDistance(color, RUN_TEXT_COLORS[i]!)).toBeLessThan(15));
  });

  it('gives every run its own dash and marker as a second channel', () => {
    expect(new Set(RUN_DASHES.map((dash) => JSON.stringify(dash))).size).toBe(RUN_COLORS.length);
    expect(new Set(RUN_SYMBOLS).size).toBe(RUN_COLORS.length);
    expect(new Set(RUN_MARKER_GLYPHS).size).toBe(RUN_COLORS.length);
    expect(runStyle(7)).toEqual(runStyle(1));
    expect(runStyleOf(RUN_COLORS[3]!.toLowerCase())).toEqual(runStyle(3));
    expect(runStyleOf('#123456')).toMatchObject({ color: '#123456', dash: 'solid' });
  });

  it("keeps the class view's verdicts and the live charts' train and test lines apart for every colour vision", () => {
    for (const sight of SIGHTS) {
      expect(colorDistance(VERDICT_COLORS.reproduced, VERDICT_COLORS['not-reproduced'], sight)).toBeGreaterThanOrEqual(MIN_DISTANCE);
      expect(colorDistance(COLORS.train, COLORS.test, sight)).toBeGreaterThanOrEqual(MIN_DISTANCE);
    }
  });
});
