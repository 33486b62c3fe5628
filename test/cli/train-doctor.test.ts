import { describe, expect, it } from 'vitest';
import type { EndEvent } from '../../engine/api/events';
import { circleSpec as healthyCircle, SICK_SPECS } from '../engine/lab/doctor/doctor-specs';
import { events, nnlab, specFile as writeSpec, useTempFolder } from './train-helpers';

/** `nnlab train` and the training doctor: the end event's findings, and the report's gradient table and findings. */

const tempFolder = useTempFolder();
const specFile = (spec: unknown): string => writeSpec(tempFolder(), spec);

describe('nnlab train and the training doctor', () => {
  it('--json: the end event carries findings, vanishing-gradient at layer index 0 for 10 sigmoid layers', async () => {
    const run = await nnlab(['train', '--spec', specFile(SICK_SPECS.sigmoidDeepCircle), '--json', '--no-db']);
    expect(run.code).toBe(0);
    const end = events(run.out).at(-1) as EndEvent;
    expect(end.findings).toHaveLength(1);
    expect(end.findings![0]).toMatchObject({
      code: 'vanishing-gradient',
      layer: 0,
      evidence: { measure: 'gradient-ratio', referenceLayer: 10 },
      remedy: { id: 'relu-he', sheet: '03-vanishing-gradient' },
    });
    // The raw line has them too, as JSON (not only the parsed event).
    expect(JSON.parse(run.out.at(-1)!).findings[0].code).toBe('vanishing-gradient');
  });

  it('--json: findings is [] for a healthy run', async () => {
    const run = await nnlab(['train', '--spec', specFile(healthyCircle()), '--json', '--no-db']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out.at(-1)!)).toMatchObject({ type: 'end', status: 'completed', findings: [] });
  });

  it('the readable report ends with each layer’s gradient norm and the findings, in Korean by default', async () => {
    const run = await nnlab(['train', '--spec', specFile(SICK_SPECS.sigmoidDeepCircle), '--no-db']);
    expect(run.code).toBe(0);
    const text = run.out.join('\n');
    expect(text).toMatch(/\n층별 기울기 크기 ‖∂L\/∂W‖ \(마지막 진단, 419단계\)\n {2}층 {2}뉴런 {2}활성화 {3}기울기 크기\n {3}1 {5}8 {2}sigmoid /);
    expect(run.out.filter((line) => /^ {2}\s*\d+ {2}\s*\d+ {2}(sigmoid|softmax)/.test(line))).toHaveLength(11);
    expect(text).toContain('학습 진단: 발견 1개\n  ✗ 기울기 소실 (은닉층 1 · 419단계)\n    은닉층 1의 기울기(');
    expect(text).toContain('    → ReLU + He 초기화: 은닉층의 sigmoid/tanh를 ReLU로 바꾸고 He 초기화를 씁니다.');
    expect(text).toContain('      실습지: 03 기울기 소실');
    expect(text).toContain('      바꿀 설정: 은닉층 1–10: 활성화 함수 → ReLU, 가중치 초기화 → He');
  });

  it('--lang en, and a healthy run says so', async () => {
    const sick = await nnlab(['train', '--spec', specFile(SICK_SPECS.lr1e6Circle), '--no-db', '--lang', 'en']);
    const text = sick.out.join('\n');
    expect(text).toContain('gradient norm ‖∂L/∂W‖ per layer (last diagnostics, step 419)\n  layer  units  activation  gradNorm\n      1      8  tanh');
    expect(text).toContain('training doctor: 1 finding\n  ✗ Learning rate too low (step 419)\n    The loss has hardly moved');
    expect(text).toContain('    → Learning rate 1e-5: Raise the learning rate to 1e-5 (ten times now).');
    expect(text).toContain('      spec change: optimizer.lr → 1e-5');
    const healthy = await nnlab(['train', '--spec', specFile(healthyCircle()), '--no-db', '--lang', 'en']);
    expect(healthy.out.at(-1)).toBe('training doctor: The doctor found nothing wrong.');
    const korean = await nnlab(['train', '--spec', specFile(healthyCircle()), '--no-db']);
    expect(korean.out.at(-1)).toBe('학습 진단: 진단에서 문제를 찾지 못했습니다.');
  });

  it('a run too short to tell says so', async () => {
    const run = await nnlab(['train', '--spec', specFile({ ...healthyCircle(), training: { batchSize: 10, iterations: 12 } }), '--no-db']);
    expect(run.out.at(-1)).toBe('학습 진단: 진단하기에는 짧은 실행입니다(진단 3번과 30단계가 필요합니다). 찾은 문제는 없습니다.');
  });

  it('refuses a language it does not have', async () => {
    const run = await nnlab(['train', '--spec', specFile(healthyCircle()), '--no-db', '--lang', 'fr']);
    expect(run.code).toBe(2);
    // The system's language here is Korean (LANG=C.UTF-8 names none), so the line is.
    expect(run.stderr).toContain('--lang: "fr"는 여기서 쓰는 언어가 아닙니다 (ko 또는 en)');
  });
});
