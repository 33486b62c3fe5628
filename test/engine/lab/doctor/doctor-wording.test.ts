import { describe, expect, it } from 'vitest';
import type { DoctorFinding } from '../../../../engine/api/doctor-findings';
import {
  DOCTOR_TITLES,
  findingPlace,
  findingWords,
  formatValue,
  HEALTHY_WORDS,
  layerName,
  patchWords,
  remedyLabel,
  remedyWords,
  sheetTitle,
} from '../../../../engine/lab/doctor/training-doctor';

/** The doctor's sentences in both languages: numbers, 1-based layers, particles after the words that vary. */

const vanishing: DoctorFinding = {
  code: 'vanishing-gradient',
  layer: 0,
  step: 99,
  evidence: { measure: 'gradient-ratio', ratio: 1.7e-6, gradNorm: 7.85e-7, referenceLayer: 10, referenceGradNorm: 0.4597, threshold: 1e-3, snapshots: 3 },
  remedy: {
    id: 'relu-he',
    sheet: '03-vanishing-gradient',
    patch: [0, 1, 2].flatMap((i) => [
      { op: 'replace' as const, path: `/layers/${i}/activation`, value: 'relu' },
      { op: 'replace' as const, path: `/layers/${i}/init`, value: 'he' },
    ]),
  },
};

describe('doctor wording', () => {
  it('names layers as the builder does (hidden layers counted from 1, the last one the output layer) and writes numbers readably', () => {
    expect(layerName(0, 11, 'ko')).toBe('은닉층 1');
    expect(layerName(9, 11, 'en')).toBe('hidden layer 10');
    expect(layerName(10, 11, 'ko')).toBe('출력층');
    expect(layerName(10, 11, 'en')).toBe('output layer');
    expect(layerName(10, null, 'en')).toBe('hidden layer 11');
    expect(formatValue(7.85e-7)).toBe('7.9e-7');
    expect(formatValue(1.386e8)).toBe('1.4e8');
    expect(formatValue(1e-5)).toBe('1e-5');
    expect(formatValue(2.4431)).toBe('2.44');
    expect(formatValue(0.06871)).toBe('0.0687');
    expect(formatValue(0)).toBe('0');
    expect(findingPlace(vanishing, 11)).toEqual({ ko: '은닉층 1 · 99단계', en: 'hidden layer 1 · step 99' });
    expect(findingPlace({ layer: 3, step: 5 }, 4)).toEqual({ ko: '출력층 · 5단계', en: 'output layer · step 5' });
    expect(findingPlace({ step: 1234 }, 11)).toEqual({ ko: '1,234단계', en: 'step 1,234' });
  });

  it('vanishing gradient: the ratio as a fraction, the layers and the sustained count', () => {
    expect(DOCTOR_TITLES['vanishing-gradient']).toEqual({ ko: '기울기 소실', en: 'Vanishing gradient' });
    const words = findingWords(vanishing, 11);
    // The reference is the last layer measured: the output layer, also where the caller does not know the count.
    expect(findingWords(vanishing, null)).toEqual(words);
    expect(words.ko).toBe('은닉층 1의 기울기(7.9e-7)가 출력층(0.46)의 1/590,000밖에 되지 않습니다. 최근 진단 3번 모두 1/1,000보다 작았습니다: 앞쪽 층이 거의 배우지 못합니다.');
    expect(words.en).toBe('Hidden layer 1’s gradient (7.9e-7) is 1/590,000 of the output layer’s (0.46), below 1/1,000 in each of the last 3 diagnostics: the first layers barely learn.');
  });

  it('particles follow the final sound of the number or word before them', () => {
    const dead = (fraction: number): DoctorFinding => ({
      code: 'dead-relu',
      layer: 1,
      step: 49,
      evidence: { measure: 'dead-fraction', fraction, layers: 1, threshold: 0.5, snapshots: 3 },
      remedy: { id: 'lower-lr', sheet: 'backprop', patch: [{ op: 'add', path: '/optimizer/lr', value: 1 }] },
    });
    // 100% and 70% are read 퍼센트: a vowel, so 가.
    expect(findingWords(dead(1), 3).ko).toMatch(/^은닉층 2 ReLU 뉴런의 100%가 죽었습니다/);
    expect(findingWords(dead(0.7), 3).en).toMatch(/^70 % of hidden layer 2’s ReLU units are dead/);
    // 1 (일) ends in ㄹ: 로; 0.01 (영 점 영일) too; 3 (삼) takes 으로; 1e-5 (오) 로.
    const lr = (value: number, id: 'lower-lr' | 'raise-lr' = 'lower-lr') => remedyWords({ id, patch: [{ op: 'add', path: '/optimizer/lr', value }] }).ko;
    expect(lr(1)).toBe('학습률을 1로 낮춥니다(지금의 1/10).');
    expect(lr(0.01)).toBe('학습률을 0.01로 낮춥니다(지금의 1/10).');
    expect(lr(3)).toBe('학습률을 3으로 낮춥니다(지금의 1/10).');
    expect(lr(1e-5, 'raise-lr')).toBe('학습률을 1e-5로 높입니다(지금의 10배).');
    expect(remedyWords({ id: 'add-dropout', patch: [{ op: 'replace', path: '/layers/0/dropout', value: 0.2 }] }).ko).toBe('은닉층에 드롭아웃 0.2를 넣습니다.');
    expect(remedyWords({ id: 'add-dropout', patch: [{ op: 'replace', path: '/layers/0/dropout', value: 0.5 }] }).ko).toBe('은닉층에 드롭아웃 0.5를 넣습니다.');
    expect(remedyWords({ id: 'add-dropout', patch: [{ op: 'replace', path: '/layers/0/dropout', value: 0.3 }] }).ko).toBe('은닉층에 드롭아웃 0.3을 넣습니다.');
  });

  it('overfitting: both losses, both accuracies and the gap (규제 for regularization)', () => {
    const finding: DoctorFinding = {
      code: 'overfitting',
      step: 300,
      evidence: { measure: 'test-loss-rising', bestStep: 30, bestTestLoss: 1.1239, testLoss: 1.7318, trainLossAtBest: 0.06872, trainLoss: 1.79e-4, trainAccuracy: 1, testAccuracy: 0.646, gap: 0.354 },
      remedy: { id: 'add-l2', sheet: '05-overfitting', patch: [{ op: 'replace', path: '/regularization/l2', value: 0.1 }] },
    };
    expect(findingWords(finding, 3).ko).toBe(
      '시험 손실이 30단계의 최저 1.12에서 1.73으로 올랐는데, 훈련 손실은 0.0687에서 1.8e-4로 계속 줄었습니다. 훈련 정확도 100%, 시험 정확도 65%로 차이가 35%p입니다.',
    );
    expect(findingWords(finding, 3).en).toBe(
      'The test loss rose from its lowest 1.12 (step 30) to 1.73 while the training loss kept falling, 0.0687 → 1.8e-4. Training accuracy 100 %, test accuracy 65 %: a gap of 35 points.',
    );
    expect(remedyLabel(finding.remedy)).toEqual({ ko: 'L2 규제 λ = 0.1', en: 'L2 λ = 0.1' });
    expect(remedyWords(finding.remedy).ko).toBe('L2 규제(가중치 감소, λ = 0.1)를 더합니다.');
    expect(`${remedyWords(finding.remedy).ko}${JSON.stringify(DOCTOR_TITLES)}`).not.toContain('정규화');
  });

  it('every other measure has a sentence in both languages with its numbers', () => {
    const cases: DoctorFinding['evidence'][] = [
      { measure: 'divergence', message: 'training diverged at step 3: the loss became Infinity' },
      { measure: 'loss-blow-up', initialLoss: 2.443, peakLoss: 1.386e8, threshold: 1e3 },
      { measure: 'non-finite-gradient' },
      { measure: 'saturated-fraction', fraction: 0.9556, layers: 3, initialLoss: 2.415, recentLoss: 2.24, threshold: 0.6, snapshots: 3 },
      { measure: 'loss-peak', initialLoss: 0.7588, peakLoss: 11.34, threshold: 3 },
      { measure: 'loss-rising', initialLoss: 2.3, bestLoss: 0.3, bestStep: 120, recentLoss: 0.95, threshold: 1.5 },
      { measure: 'flat-loss', initialLoss: 2.443, recentLoss: 2.453, updateRatio: 1.38e-7, threshold: 1e-4, snapshots: 3 },
    ];
    const texts = cases.map((evidence) => findingWords({ code: 'lr-too-high', layer: 2, step: 9, evidence, remedy: { id: 'lower-lr', sheet: 'backprop', patch: [] } }, 5));
    expect(texts.map((t) => t.ko)).toEqual([
      '9단계에서 손실이 NaN 또는 무한대가 되어 학습이 발산했습니다: 가중치가 폭주했습니다.',
      '9단계 무렵 손실이 처음 값 2.44의 5.7e7배인 1.4e8까지 치솟았습니다: 가중치가 폭주했습니다.',
      '9단계에서 은닉층 3의 기울기가 NaN 또는 무한대가 되었습니다: 가중치가 폭주했습니다.',
      '은닉층 3 활성화 값의 96%가 포화 구간(sigmoid는 0이나 1, tanh는 −1이나 1 근처)에 있습니다. 최근 진단 3번 모두 60% 이상이었고(이런 은닉층이 3개), 손실은 아직 처음 값 2.42의 절반 아래로 내려가지 않았습니다(최근 2.24): 포화된 뉴런은 기울기를 거의 전달하지 못합니다.',
      '9단계 무렵 손실이 처음 값 0.759의 15배인 11.3까지 올라갔습니다: 갱신 폭이 너무 커서 최솟값을 지나칩니다.',
      '손실이 120단계 무렵 최저 0.3에서 최근 0.95로 다시 올랐습니다: 갱신 폭이 너무 크면 손실이 내려가다 다시 튀어 오릅니다.',
      '손실이 처음 값 2.44에서 거의 줄지 않았습니다(최근 2.45). 모든 층의 가중치 갱신 비율 ‖ΔW‖/‖W‖가 1.4e-7 이하로, 알맞은 크기(약 1e-3)보다 훨씬 작습니다: 가중치가 거의 움직이지 않습니다.',
    ]);
    for (const text of texts) expect(text.en).toMatch(/^[A-Z0-9].*[.:a-z)]$/);
    expect(texts[3]!.en).toContain('96 % of hidden layer 3’s activations');
  });

  it('the remedy, its sheet and its patch', () => {
    expect(remedyLabel(vanishing.remedy)).toEqual({ ko: 'ReLU + He 초기화', en: 'ReLU + He' });
    expect(remedyWords(vanishing.remedy).ko).toBe('은닉층의 sigmoid/tanh를 ReLU로 바꾸고 He 초기화를 씁니다.');
    expect(sheetTitle('03-vanishing-gradient').ko).toContain('기울기 소실');
    expect(sheetTitle('no-such-sheet')).toEqual({ ko: 'no-such-sheet', en: 'no-such-sheet' });
    expect(patchWords(vanishing.remedy.patch, 'ko', 11)).toBe('은닉층 1–3: 활성화 함수 → ReLU, 가중치 초기화 → He');
    expect(patchWords(vanishing.remedy.patch, 'en', 11)).toBe('hidden layers 1–3: activation → relu, init → he');
    expect(patchWords(vanishing.remedy.patch, 'ko', 3)).toBe('은닉층 1–2, 출력층: 활성화 함수 → ReLU, 가중치 초기화 → He');
    expect(patchWords(vanishing.remedy.patch, 'en', 3)).toBe('hidden layers 1–2, output layer: activation → relu, init → he');
    expect(
      patchWords(
        [
          { op: 'replace', path: '/layers/0/init', value: 'he' },
          { op: 'replace', path: '/layers/2/init', value: 'xavier' },
          { op: 'add', path: '/optimizer/lr', value: 0.01 },
        ],
        'en',
        4,
      ),
    ).toBe('hidden layer 1: init → he; hidden layer 3: init → xavier; optimizer.lr → 0.01');
    // The Korean UI shows no spec paths: fields and values in Korean words, numbers as measured values are written.
    expect(
      patchWords(
        [
          { op: 'replace', path: '/layers/0/init', value: { name: 'normal', std: 0.01 } },
          { op: 'replace', path: '/layers/2/dropout', value: 0.5 },
          { op: 'add', path: '/optimizer/lr', value: 0.01 },
        ],
        'ko',
        4,
      ),
    ).toBe('은닉층 1: 가중치 초기화 → 정규분포(표준편차 0.01); 은닉층 3: 드롭아웃 비율 → 0.5; 학습률 → 0.01');
    expect(HEALTHY_WORDS.ko).toBe('진단에서 문제를 찾지 못했습니다.');
  });
});
