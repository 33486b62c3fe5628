import { describe, expect, it } from 'vitest';
import { latinWordsOutsideGlossary } from '../../../engine/lab/glossary';
import { koreanTexts } from './korean-texts';

describe('no English in the Korean UI', () => {
  it('no Korean text holds a Latin word outside the accepted terms (ReLU, Xavier, MNIST, L2, CSV, NN Lab, units, math)', () => {
    const offending = koreanTexts().flatMap(({ where, text }) => latinWordsOutsideGlossary(text).map((word) => `${where}: "${word}" in "${text}"`));
    expect(offending).toEqual([]);
  });

  it('names the words it does not accept, and lets the lecture terms, placeholders, tags and math through', () => {
    expect(latinWordsOutsideGlossary('sigmoid, 표준편차 0.01(Naïve한 방법)')).toEqual(['Naïve']);
    expect(latinWordsOutsideGlossary('layers[0].init: normal')).toEqual(['layers', 'init', 'normal']);
    expect(latinWordsOutsideGlossary('{name}의 ReLU, He, Adam, L2 규제, 7e−23, w1과 h2<br>CSV 12 MB')).toEqual([]);
  });
});
