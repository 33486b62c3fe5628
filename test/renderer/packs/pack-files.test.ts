import { describe, expect, it } from 'vitest';
import { PACK_FILE_LIMITS } from '../../../engine/history/lab-pack-file';
import { dueState, localDay } from '../../../renderer/src/lib/packs/due-date';
import { carriesFiles, dropAction } from '../../../renderer/src/lib/packs/file-drop';
import { fileNamePart, handInFileName, packFileName } from '../../../renderer/src/lib/packs/hand-in-name';
import { PACK_FILE_MAX_BYTES } from '../../../renderer/src/lib/packs/pack-limits';
import { packMessage } from '../../../renderer/src/lib/packs/pack-text';
import { localText } from '../../../renderer/src/lib/packs/pack-text-choice';

describe('due dates', () => {
  it('is on time through the due day, past from the next day, none without one', () => {
    expect(dueState(null, '2025-03-14')).toBe('none');
    expect(dueState('2025-03-15', '2025-03-14')).toBe('upcoming');
    expect(dueState('2025-03-14', '2025-03-14')).toBe('today');
    expect(dueState('2025-03-13', '2025-03-14')).toBe('past');
    expect(dueState('2024-12-31', '2025-01-01')).toBe('past');
  });

  it('takes today in this computer’s calendar', () => {
    expect(localDay(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});

describe('file names', () => {
  it('names a hand-in after the pack and the student number, as a runs file (.nnlab) the teacher imports', () => {
    expect(handInFileName('lab-04', '20231234')).toBe('lab-04_20231234.nnlab');
    expect(handInFileName('4주차 실습: 초기화/He', '2023 1234')).toBe('4주차-실습-초기화-He_2023-1234.nnlab');
    expect(handInFileName('...', '')).toBe('lab.nnlab');
    expect(handInFileName('a\u202eb', '1')).toBe('a-b_1.nnlab');
  });

  it('keeps a name part short and free of what file systems refuse', () => {
    expect(fileNamePart('x'.repeat(100))).toHaveLength(60);
    expect(fileNamePart('con<>:"|?*')).toBe('con');
    expect(packFileName('4주차 실습')).toBe('4주차-실습.nnlabpack');
  });
});

describe('dropped files', () => {
  it('offers every file to openPack (content decides), refusing only folders, empty files and more than a pack may be', () => {
    expect(dropAction({ name: 'week4.nnlabpack', size: 2000, type: '' })).toEqual({ action: 'open' });
    expect(dropAction({ name: 'kim_2023.nnlab', size: 2000, type: '' })).toEqual({ action: 'open' });
    expect(dropAction({ name: 'big.nnlabpack', size: PACK_FILE_MAX_BYTES + 1, type: '' })).toEqual({ action: 'refuse', reason: 'too-large' });
    expect(dropAction({ name: 'handins', size: 0, type: '' })).toEqual({ action: 'refuse', reason: 'folder' });
    expect(dropAction({ name: 'e.nnlabpack', size: 0, type: '' })).toEqual({ action: 'refuse', reason: 'empty' });
  });

  it('caps at the engine’s pack file cap', () => {
    expect(PACK_FILE_MAX_BYTES).toBe(PACK_FILE_LIMITS.maxCompressedBytes);
  });

  it('shows the overlay only for a drag that carries files', () => {
    expect(carriesFiles(['Files'])).toBe(true);
    expect(carriesFiles(['text/plain'])).toBe(false);
    expect(carriesFiles(null)).toBe(false);
  });

  it('says in Korean what a runs file or a hand-in dropped as a pack is and where it goes', () => {
    expect(packMessage('this is a hand-in, not a lab pack: a teacher imports it with "Import runs" (nnlab runs import)', 'ko')).toMatch(/^학생의 제출 파일입니다.*가져오기/);
    expect(packMessage('this is a runs file, not a lab pack: import it with "Import runs" (nnlab runs import)', 'ko')).toMatch(/^실행 파일입니다/);
    expect(packMessage('this file is damaged or was edited (x)', 'ko')).toMatch(/체크섬/);
    expect(packMessage('this is a runs file, not a lab pack: x', 'en')).toBe('this is a runs file, not a lab pack: x');
  });
});

describe('a teacher’s text', () => {
  it('shows the UI’s language, else the one written', () => {
    expect(localText({ ko: '한국어', en: 'English' }, 'en')).toBe('English');
    expect(localText({ ko: '한국어' }, 'en')).toBe('한국어');
    expect(localText({ en: 'only', ko: '  ' }, 'ko')).toBe('only');
  });
});
