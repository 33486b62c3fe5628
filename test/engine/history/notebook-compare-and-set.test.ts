import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryError } from '../../../engine/history/history-error';
import { openTemp, tempDir } from './history-helpers';

/**
 * Two windows or tabs editing the same answer: a save says what it expects the key to hold, and
 * the store refuses it (answering with the stored text) when another one saved meanwhile.
 * Two histories open the same SQLite file, as two Electron windows or a browser host and a CLI do.
 */

const SHEET = '04-initialization';
const KEY = 'answer:goal-of-init';

describe('saving a notebook entry only if it is unchanged', () => {
  it('saves a first answer and each next one that expects the one before', () => {
    const history = openTemp();
    expect(history.setNotebookEntryIfUnchanged(SHEET, KEY, '입력', { stored: false })).toEqual({ saved: true });
    expect(history.setNotebookEntryIfUnchanged(SHEET, KEY, '입력값', { stored: true, value: '입력' })).toEqual({ saved: true });
    // Sent right behind a save still in flight, expecting it: the same page's texts follow each other.
    expect(history.setNotebookEntryIfUnchanged(SHEET, KEY, '입력값이 커지지 않게', { stored: true, value: '입력값' })).toEqual({ saved: true });
    expect(history.getNotebook(SHEET)).toEqual({ [KEY]: '입력값이 커지지 않게' });
  });

  it('refuses a save based on an older text, answering with the newer stored one and its time; nothing is written', () => {
    const path = join(tempDir(), 'shared.sqlite');
    const clock = { now: Date.parse('2025-03-14T09:00:00Z') };
    const first = openTemp({ now: () => clock.now }, path);
    const second = openTemp({ now: () => clock.now }, path);
    first.setNotebookEntry(SHEET, KEY, 'both read this');

    clock.now += 5000;
    expect(second.setNotebookEntryIfUnchanged(SHEET, KEY, 'the second window typed this', { stored: true, value: 'both read this' })).toEqual({ saved: true });
    const refused = first.setNotebookEntryIfUnchanged(SHEET, KEY, 'the first window typed this', { stored: true, value: 'both read this' });
    expect(refused).toEqual({ saved: false, stored: 'the second window typed this', updatedAt: '2025-03-14T09:00:05.000Z' });
    expect(first.getNotebook(SHEET)).toEqual({ [KEY]: 'the second window typed this' });

    // Having seen it, the first window may keep both: a save expecting the newer text goes through.
    expect(first.setNotebookEntryIfUnchanged(SHEET, KEY, 'the second window typed this\n\nthe first window typed this', { stored: true, value: 'the second window typed this' })).toEqual({ saved: true });
    expect(second.getNotebook(SHEET)).toEqual({ [KEY]: 'the second window typed this\n\nthe first window typed this' });
  });

  it('refuses a first answer when another window saved one already', () => {
    const path = join(tempDir(), 'shared.sqlite');
    const first = openTemp({}, path);
    const second = openTemp({}, path);
    second.setNotebookEntryIfUnchanged(SHEET, KEY, 'from the second', { stored: false });
    expect(first.setNotebookEntryIfUnchanged(SHEET, KEY, 'from the first', { stored: false })).toMatchObject({ saved: false, stored: 'from the second' });
    expect(first.getNotebook(SHEET)).toEqual({ [KEY]: 'from the second' });
  });

  it('compares whole JSON values, and checks the key and value as a plain save does', () => {
    const history = openTemp();
    const prediction = { choice: 'xavier-and-he', predictedAt: '2025-03-14T09:00:00.000Z' };
    history.setNotebookEntry(SHEET, 'prediction:init-which-learns', prediction);
    expect(history.setNotebookEntryIfUnchanged(SHEET, 'prediction:init-which-learns', { ...prediction, choice: 'zeros' }, { stored: true, value: { ...prediction } })).toEqual({ saved: true });
    expect(history.setNotebookEntryIfUnchanged(SHEET, 'prediction:init-which-learns', prediction, { stored: true, value: prediction })).toMatchObject({ saved: false });
    expect(() => history.setNotebookEntryIfUnchanged(SHEET, '__proto__', 'x', { stored: false })).toThrow(HistoryError);
    expect(() => history.setNotebookEntryIfUnchanged(SHEET, KEY, 'x'.repeat(30_000), { stored: false })).toThrow(/at most 20480 bytes/);
    expect(history.getNotebook(SHEET)).toEqual({ 'prediction:init-which-learns': { ...prediction, choice: 'zeros' } });
  });
});
