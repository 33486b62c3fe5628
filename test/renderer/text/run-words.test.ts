import { describe, expect, it } from 'vitest';
import { activationListText, initListText, regularizationText, splitSeedName } from '../../../engine/lab/run-names';
import { tagLabel } from '../../../renderer/src/lib/history/tag-label';

describe('what a run is, in the UI language', () => {
  it('names activations, initializations and regularization as the lecture does', () => {
    expect(activationListText('relu, tanh', 'ko')).toBe('ReLU, tanh');
    expect(activationListText('linear', 'ko')).toBe('선형');
    expect(initListText('values', 'ko')).toBe('직접 입력한 값');
    expect(initListText('xavier, normal', 'ko')).toBe('Xavier, 정규분포');
    expect(initListText('xavier, normal', 'en')).toBe('Xavier, normal');
    expect(regularizationText('L2 0.1, dropout 0.2, batch norm', 'ko')).toBe('L2 0.1, 드롭아웃 0.2, 배치 정규화');
  });

  it('shows the app’s own tags by the preset’s or sheet’s title, a typed tag as typed', () => {
    expect(tagLabel('preset:optimizer-momentum', 'ko')).toBe('최적화 기법 비교: 모멘텀');
    expect(tagLabel('preset:optimizer-momentum', 'en')).toBe('Optimizer comparison: Momentum');
    expect(tagLabel('lab:03-vanishing-gradient', 'ko')).toBe('실습지 03 기울기 소실 문제와 방지 기법');
    expect(tagLabel('preset:no-such-preset', 'ko')).toBe('preset:no-such-preset');
    expect(tagLabel('1주차', 'ko')).toBe('1주차');
  });

  it('reads a seed group run’s name in either language', () => {
    expect(splitSeedName('원, tanh (시드 3)')).toEqual({ base: '원, tanh', seed: 3 });
    expect(splitSeedName('circle, tanh (seed 12)')).toEqual({ base: 'circle, tanh', seed: 12 });
    expect(splitSeedName('my run')).toBeNull();
  });
});
