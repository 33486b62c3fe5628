import { describe, expect, it } from 'vitest';
import { MAX_RUNS_PER_CALL } from '../../../engine/api/lab-api';
import {
  NO_SELECTION,
  countText,
  exportReadiness,
  keepExisting,
  offsetOfPage,
  pagePosition,
  selectedNewestFirst,
  withRuns,
} from '../../../renderer/src/lib/history/run-selection';

const key = (id: string, createdAt: string) => ({ id, createdAt });

describe('the selection', () => {
  it('adds and removes runs without changing the selection it was given', () => {
    const one = withRuns(NO_SELECTION, [key('a', '2025-03-01'), key('b', '2025-03-02')], true);
    const two = withRuns(one, [key('a', '2025-03-01')], false);
    expect([...one.keys()]).toEqual(['a', 'b']);
    expect([...two.keys()]).toEqual(['b']);
    expect(NO_SELECTION.size).toBe(0);
  });

  it('lists newest first whatever the order picked; runs made at once by id', () => {
    const picked = withRuns(NO_SELECTION, [key('old', '2025-03-01T09:00:00.000Z'), key('new', '2025-03-03T09:00:00.000Z'), key('b', '2025-03-02T09:00:00.000Z'), key('a', '2025-03-02T09:00:00.000Z')], true);
    expect(selectedNewestFirst(picked)).toEqual(['new', 'b', 'a', 'old']);
  });

  it('keeps the selected runs that still exist (the same selection when all do)', () => {
    const selection = withRuns(NO_SELECTION, [key('a', '1'), key('gone', '2'), key('c', '3')], true);
    expect([...keepExisting(selection, [key('c', '3'), key('b', '0'), key('a', '1')]).keys()]).toEqual(['a', 'c']);
    expect(keepExisting(selection, [key('a', '1'), key('gone', '2'), key('c', '3')])).toBe(selection);
  });

  it('10,000 selected runs are one map, listed newest first', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => key(`id-${i}`, new Date(Date.UTC(2025, 2, 1) + i * 60_000).toISOString()));
    const all = withRuns(NO_SELECTION, keys, true);
    expect(all.size).toBe(10_000);
    expect(selectedNewestFirst(all).slice(0, 2)).toEqual(['id-9999', 'id-9998']);
  });

  it('exports up to the service’s limit at once', () => {
    expect([0, 1, MAX_RUNS_PER_CALL, MAX_RUNS_PER_CALL + 1, 10_000].map(exportReadiness)).toEqual(['none', 'ok', 'ok', 'too-many', 'too-many']);
  });
});

describe('pages', () => {
  it('say which page of how many, and which runs they show', () => {
    expect(pagePosition(0, 50, 50, 10_000)).toEqual({ page: 1, pages: 200, from: 1, to: 50 });
    expect(pagePosition(9_950, 50, 50, 10_000)).toEqual({ page: 200, pages: 200, from: 9_951, to: 10_000 });
    expect(pagePosition(100, 50, 7, 107)).toEqual({ page: 3, pages: 3, from: 101, to: 107 });
    expect(pagePosition(0, 50, 0, 0)).toEqual({ page: 1, pages: 1, from: 0, to: 0 });
  });

  it('a page number typed past either end goes to the first or last page', () => {
    expect(offsetOfPage(2, 50, 10_000)).toBe(50);
    expect(offsetOfPage(999, 50, 10_000)).toBe(9_950);
    expect(offsetOfPage(0, 50, 10_000)).toBe(0);
    expect(offsetOfPage(-3, 25, 0)).toBe(0);
    expect(offsetOfPage(2.6, 25, 100)).toBe(50);
  });

  it('counts are grouped the same in both languages', () => {
    expect(countText(10_000)).toBe('10,000');
    expect(countText(7)).toBe('7');
  });
});
