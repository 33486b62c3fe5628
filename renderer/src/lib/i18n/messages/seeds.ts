import { defineMessages } from '../locale';

/** Seed groups: the builder's and the lab sheet's seed count, "reproduced in k of N seeds". */
export const seedMessages = defineMessages({
  ko: {
    seeds: '시드 수',
    seedsHint: '같은 설정을 시드만 바꿔 {n}번 학습합니다 (시드 {first}–{last})',
    seedsInvalid: '시드 수는 1에서 {max} 사이의 정수여야 합니다',
    groupEstimate: '{n}개 시드 · 한 번에 {pool}개씩 · {time}',
    sheetSeedsOne: '시드 {n}개로 실행',
    sheetSeedsOther: '시드 {n}개로 실행',
    sheetSeedsHint: '각 프리셋을 시드만 바꿔 여러 번 학습하고, 주장이 몇 개의 시드에서 재현되는지 봅니다',
    seedVerdicts: '시드별 판정',
    seedN: '시드 {seed}',
    groupRuns: '{done}/{n}개 끝남',
  },
  en: {
    seeds: 'Seeds',
    seedsHint: 'Trains the same setup {n} times, only the seed changing (seeds {first}–{last})',
    seedsInvalid: 'The number of seeds must be a whole number from 1 to {max}',
    groupEstimate: '{n} seeds · {pool} at a time · {time}',
    sheetSeedsOne: 'Run with {n} seed',
    sheetSeedsOther: 'Run with {n} seeds',
    sheetSeedsHint: 'Trains each preset several times, only the seed changing, and shows on how many seeds the claim holds',
    seedVerdicts: 'Verdict per seed',
    seedN: 'seed {seed}',
    groupRuns: '{done}/{n} ended',
  },
});
