import { describe, expect, it } from 'vitest';
import { koreanFieldName } from '../../../engine/lab/claims/wording/spec-field-words';
import { layerListWords, layerWord } from '../../../engine/lab/layer-words';

describe('layer names: as the builder names them, in both languages', () => {
  it('hidden layers counted from 1, the last one the output layer', () => {
    expect([0, 1, 2, 3].map((layer) => layerWord(layer, 4, 'ko'))).toEqual(['은닉층 1', '은닉층 2', '은닉층 3', '출력층']);
    expect([0, 3].map((layer) => layerWord(layer, 4, 'en'))).toEqual(['hidden layer 1', 'output layer']);
    expect(layerWord(3, null, 'ko')).toBe('은닉층 4');
  });

  it('lists layers with runs folded and the output layer by its name', () => {
    expect(layerListWords([5, 0, 1, 2], 11, 'ko')).toBe('은닉층 1–3, 6');
    expect(layerListWords([0, 1, 3], 4, 'en')).toBe('hidden layers 1–2, output layer');
    expect(layerListWords([1], 4, 'en')).toBe('hidden layer 2');
    expect(layerListWords([3], 4, 'ko')).toBe('출력층');
  });

  it('a claim names the fields where a run differs from its preset the same way', () => {
    expect(koreanFieldName('layers[0–9].activation', 11)).toBe('은닉층 1–10 활성화 함수');
    expect(koreanFieldName('layers[10].units', 11)).toBe('출력층 뉴런 수');
    expect(koreanFieldName('layers[0,2,10].init', 11)).toBe('은닉층 1, 3, 출력층 가중치 초기화');
    expect(koreanFieldName('optimizer.lr', 11)).toBe('학습률');
  });
});
