import { describe, expect, it } from 'vitest';
import { translator } from '../../renderer/src/lib/i18n/locale';
import { builderMessages } from '../../renderer/src/lib/i18n/messages/builder';
import { counted } from '../../renderer/src/lib/i18n/plural';

describe('counted messages', () => {
  it('English takes the singular for 1 and the plural for the rest (Intl.PluralRules)', () => {
    const t = translator(builderMessages, 'en');
    expect(counted(t, 'en', 'units', 1)).toBe('1 neuron');
    expect(counted(t, 'en', 'units', 2)).toBe('2 neurons');
    expect(counted(t, 'en', 'units', 0)).toBe('0 neurons');
    expect(counted(t, 'en', 'inputs', 1)).toBe('1 input');
    expect(counted(t, 'en', 'pixels', 784)).toBe('784 pixels');
  });

  it('counts only messages that have both forms (a type error otherwise)', () => {
    const t = translator(builderMessages, 'en');
    // @ts-expect-error: hiddenLayer has no One/Other forms
    const uncounted = () => counted(t, 'en', 'hiddenLayer', 1);
    expect(uncounted).toThrow();
  });

  it('Korean keeps its counter word for every count', () => {
    const t = translator(builderMessages, 'ko');
    expect(counted(t, 'ko', 'units', 1)).toBe('뉴런 1개');
    expect(counted(t, 'ko', 'units', 2)).toBe('뉴런 2개');
  });
});

describe('every count the screens show takes its English form', () => {
  const catalogues = import.meta.glob<Record<string, unknown>>('../../renderer/src/lib/i18n/messages/*.ts', { eager: true });
  const pairs = Object.entries(catalogues).flatMap(([file, module]) =>
    Object.entries(module).flatMap(([name, value]) => {
      if (value === null || typeof value !== 'object' || !('en' in value) || !('ko' in value)) return [];
      const { ko, en } = value as { ko: Record<string, string>; en: Record<string, string> };
      return Object.keys(en)
        .filter((key) => key.endsWith('One') && `${key.slice(0, -3)}Other` in en)
        .map((key) => ({ where: `${file} ${name}.${key.slice(0, -3)}`, ko, en, stem: key.slice(0, -3) }));
    }),
  );

  it('Korean says both forms alike (so a helper without the language may pick by the English rule)', () => {
    expect(pairs.length).toBeGreaterThan(30);
    expect(pairs.filter(({ ko, stem }) => ko[`${stem}One`] !== ko[`${stem}Other`]).map((p) => p.where)).toEqual([]);
  });

  it('history, compare, replay, the builder and packs count in the singular for 1 and with a thousands separator', async () => {
    const { historyMessages } = await import('../../renderer/src/lib/i18n/messages/history');
    const { compareMessages } = await import('../../renderer/src/lib/i18n/messages/compare');
    const { packMessages } = await import('../../renderer/src/lib/i18n/messages/packs');
    const h = translator(historyMessages, 'en');
    const c = translator(compareMessages, 'en');
    const b = translator(builderMessages, 'en');
    const p = translator(packMessages, 'en');
    expect(counted(h, 'en', 'count', 1, { shown: '1' })).toBe('1 of 1 run');
    expect(counted(h, 'en', 'count', 10_000, { shown: '50' })).toBe('50 of 10,000 runs');
    expect(counted(h, 'en', 'everyAllSelected', 1)).toBe('The 1 run is selected.');
    expect(counted(h, 'en', 'selectEvery', 10_000)).toBe('Select all 10,000 runs');
    expect(counted(h, 'en', 'speedSteps', 1)).toBe('1 step/s');
    expect(counted(h, 'en', 'pageSizeOption', 50)).toBe('50 rows');
    expect(counted(h, 'en', 'imported', 1)).toBe('Imported 1 run');
    expect(counted(c, 'en', 'runCount', 1)).toBe('1 run');
    expect(c('runGroupCount', { runs: counted(c, 'en', 'runCount', 11), groups: counted(c, 'en', 'groupCount', 1) })).toBe('11 runs · 1 group');
    expect(c('cardSteps', { steps: counted(c, 'en', 'steps', 1), time: 'under 1 s' })).toBe('1 step · under 1 s');
    expect(b('csvLoaded', { file: 'a.csv', points: counted(b, 'en', 'csvPoints', 1), classes: counted(b, 'en', 'csvClasses', 1) })).toBe('a.csv: 1 point, 1 class');
    expect(p('handedInHolds', { runs: counted(p, 'en', 'handedInRuns', 1), entries: counted(p, 'en', 'handedInEntries', 2) })).toBe('It holds 1 run and 2 answers and predictions.');
    const k = translator(historyMessages, 'ko');
    expect(counted(k, 'ko', 'everyAllSelected', 10_000)).toBe('기록의 10,000개를 모두 선택했습니다.');
  });
});

describe('the screens count with the CLI\'s words (engine/lab/counted-words.ts)', () => {
  it('a catalogue pair of a noun in the table is the table\'s, in both languages and with separators', async () => {
    const { counted: engineCounted } = await import('../../engine/lab/counted-words');
    const { compareMessages } = await import('../../renderer/src/lib/i18n/messages/compare');
    for (const locale of ['ko', 'en'] as const) {
      const c = translator(compareMessages, locale);
      const b = translator(builderMessages, locale);
      for (const n of [0, 1, 2, 60_000]) {
        expect(counted(c, locale, 'runCount', n)).toBe(engineCounted(n, 'run', locale));
        expect(counted(c, locale, 'steps', n)).toBe(engineCounted(n, 'step', locale));
        expect(counted(b, locale, 'units', n)).toBe(engineCounted(n, 'neuron', locale));
      }
    }
    const korean = translator(compareMessages, 'ko');
    expect(counted(korean, 'ko', 'steps', 60_000)).toBe('60,000단계');
  });
});
