import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import { configDiff } from '../../../engine/api/config-diff';
import { configFieldLabel, diffRows, formatConfigNumber, formatConfigValue } from '../../../renderer/src/lib/compare/config-diff-format';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { compareMessages } from '../../../renderer/src/lib/i18n/messages/compare';
import { circleSpec } from '../../engine/train/run-helpers';

const ko = translator(compareMessages, 'ko');
const en = translator(compareMessages, 'en');

describe('config diff table', () => {
  // Two stored specs as the history keeps them (defaults filled in) that differ in a few knobs.
  const tanh = parseRunSpec(circleSpec({ name: 'tanh', optimizer: { name: 'sgd', lr: 0.1 } }));
  const sigmoid = parseRunSpec(
    circleSpec({
      name: 'sigmoid',
      layers: [
        { units: 8, activation: 'sigmoid', init: { name: 'normal', std: 0.01 } },
        { units: 2, activation: 'softmax' },
      ],
      optimizer: { name: 'adam', lr: 0.003 },
      regularization: { l1: 0, l2: 0.0001 },
      training: { batchSize: 10, epochs: 3, shuffle: false },
    }),
  );
  const differences = configDiff([tanh, sigmoid]);

  it('shows only the fields that differ, named for people, with readable values (the run name left out)', () => {
    expect(diffRows(differences, ko, 2)).toEqual([
      { field: 'layers[0].activation', label: '은닉층 1 활성화 함수', values: ['tanh', 'sigmoid'] },
      { field: 'layers[0].init', label: '은닉층 1 가중치 초기화', values: ['Xavier (표준편차 1/√n)', '정규분포 (표준편차 0.01)'] },
      { field: 'optimizer.name', label: '최적화 기법', values: ['SGD', 'Adam'] },
      { field: 'optimizer.lr', label: '학습률', values: ['0.1', '0.003'] },
      { field: 'regularization.l2', label: 'L2 규제 λ₂ (가중치 감소)', values: ['0', '0.0001'] },
      { field: 'training.shuffle', label: '에폭마다 섞기', values: ['켬', '끔'] },
    ]);
    expect(diffRows(differences, en, 2).map((row) => row.label)).toEqual(['Hidden layer 1 activation', 'Hidden layer 1 weight initialization', 'Optimizer', 'Learning rate', 'L2 penalty λ₂ (weight decay)', 'Shuffle each epoch']);
  });

  it('names the output layer and a layer only one run has, whose fields are absent in the other', () => {
    const deeper = parseRunSpec(circleSpec({ layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }] }));
    const rows = diffRows(configDiff([tanh, deeper]), ko);
    expect(rows[0]).toEqual({ field: 'layers[1].units', label: '은닉층 2 뉴런 수', values: ['2', '8'] });
    expect(rows.find((row) => row.field === 'layers[2].units')).toEqual({ field: 'layers[2].units', label: '은닉층 3 뉴런 수', values: ['없음', '2'] });
    expect(configFieldLabel('layers[1].dropout', ko, 2)).toBe('출력층 드롭아웃 비율');
    expect(configFieldLabel('layers[3].init.std', en)).toBe('Hidden layer 4 initialization std');
  });

  it('formats every kind of value a spec holds', () => {
    expect(formatConfigNumber(60000)).toBe('60,000');
    expect(formatConfigNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatConfigNumber(1e-7)).toBe('1e-7');
    expect(formatConfigValue(undefined, en)).toBe('none');
    expect(formatConfigValue(true, en)).toBe('on');
    expect(formatConfigValue('he', ko, 'layers[0].init')).toBe('He (표준편차 √(2/n))');
    expect(formatConfigValue({ name: 'uniform', limit: 0.5 }, en, 'layers[0].init')).toBe('Uniform (±0.5)');
    expect(formatConfigValue({ name: 'constant', value: 0.1 }, ko, 'layers[0].init')).toBe('상수 0.1');
    expect(formatConfigValue({ name: 'values', weights: [[1, 2, 3], [4, 5, 6]] }, en, 'layers[0].init')).toBe('Explicit values (2×3)');
    expect(formatConfigValue('glorot_uniform', en, 'layers[1].init.name')).toBe('Glorot uniform');
    expect(formatConfigValue('softmax_cross_entropy', ko, 'loss')).toBe('소프트맥스 교차 엔트로피');
    expect(formatConfigValue('epoch', en, 'training.sampling')).toBe('Every sample once per epoch');
    expect(formatConfigValue([[0, 1], [1, 0], [1, 1]], en, 'dataset.x')).toBe('3×2 matrix');
    expect(formatConfigValue([0, 1, 1], en, 'dataset.y')).toBe('0, 1, 1');
    expect(formatConfigValue({ patience: 5, minDelta: 0 }, en, 'training.earlyStopping')).toBe('patience: 5, minDelta: 0');
    expect(configFieldLabel('dataset.x', ko)).toBe('직접 넣은 데이터');
    expect(configFieldLabel('something.new', ko)).toBe('something.new');
  });

  it('shows nothing when only the name differs', () => {
    expect(diffRows(configDiff([tanh, { ...tanh, name: 'again' }]), ko)).toEqual([]);
  });
});
