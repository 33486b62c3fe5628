import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { glossaryBreaches } from '../../../engine/lab/glossary';
import { koreanTexts } from './korean-texts';

describe('the Korean glossary: one word per idea', () => {
  const texts = koreanTexts();

  it('finds the texts (every message catalogue, the sheets, presets, claims, doctor)', () => {
    const sources = new Set(texts.map((t) => t.where.replace(/[ (.].*$/, '')));
    // Every catalogue on disk, so a new one is read as soon as it exists.
    const catalogues = readdirSync(fileURLToPath(new URL('../../../renderer/src/lib/i18n/messages', import.meta.url))).map((file) => file.replace(/\.ts$/, ''));
    expect(catalogues.length).toBeGreaterThan(15);
    const engine = ['sheet', 'preset', 'presetTitle', 'presetClaimTexts', 'comparisonClaimTexts', 'doctor', 'RUN_STATUS_WORDS', 'rules', 'layerWords', 'csvProblemText', 'problemText', 'countedWords'];
    expect(sources).toEqual(new Set([...catalogues.map((c) => `messages/${c}`), ...engine]));
    expect(texts.length).toBeGreaterThan(1000);
  });

  it('no Korean text uses a forbidden variant', () => {
    const offending = texts.flatMap(({ where, text }) => glossaryBreaches(text).map((b) => `${where}: "${b.found}" in "${text}" (${b.why})`));
    expect(offending).toEqual([]);
  });

  it('names the variant and the reason', () => {
    expect(glossaryBreaches('L2 정규화와 배치 정규화')).toEqual([{ found: '정규화', why: expect.stringContaining('규제') }]);
    expect(glossaryBreaches('가져오고 멈춥니다; 멈춤')).toHaveLength(2);
    expect(glossaryBreaches('대기')).toHaveLength(1);
    expect(glossaryBreaches('대기 중 · 일시정지 · 중지됨')).toEqual([]);
    expect(glossaryBreaches('층 3의 기울기가 층 {n}보다')).toHaveLength(2);
    // One word per idea between the counting table, the packs screen and the builder's menu.
    expect(glossaryBreaches('예제 2개, RunSpec 2개').map((b) => b.found)).toEqual(['예제', 'RunSpec']);
    expect(glossaryBreaches('프리셋 2개, 설정 2개')).toEqual([]);
    expect(glossaryBreaches('은닉층 3의 기울기가 출력층보다 작고, 층 {layers}개, 층 5개짜리 신경망의 층별 분포, 가로축: 모든 층 0 ~ 1')).toEqual([]);
  });
});
