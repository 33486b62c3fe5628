import { SpecError } from '../../engine/api/spec-error';
import { LECTURE_NETWORK, runWalkthrough, SATURATED_NEURON_EXAMPLE, type WalkthroughInput } from '../../engine/lab/walkthrough';
import { withParticle } from '../../engine/lab/claims/wording/korean-particles';
import { countText } from '../../engine/lab/counted-words';
import { koreanByRules, PROBLEM_KOREAN_RULES } from '../../engine/lab/problem-words';
import { UsageError, type CliIO } from '../cli-io';
import { languageOf, type Lang, type Localized } from '../cli-language';
import { numberOption, parseOptions } from '../parse-options';
import type { Command } from './command';
import { formatNumber, joinNegativeValues, numberList } from './number-text';
import { renderWalkthrough } from './walkthrough-text';

/** The networks `--network` can walk through. */
const NETWORKS: Record<string, { title: Record<Lang, string>; input: WalkthroughInput }> = {
  lecture: { title: { en: "the lecture's 2-2-1 sigmoid network", ko: '강의의 2-2-1 sigmoid 신경망' }, input: LECTURE_NETWORK },
  saturated: { title: { en: "the lecture's saturated neuron (w = 100, b = 1, x = 0.5)", ko: '강의의 포화된 뉴런 (w = 100, b = 1, x = 0.5)' }, input: SATURATED_NEURON_EXAMPLE },
};

const OPTIONS = {
  network: { type: 'string' },
  x: { type: 'string' },
  target: { type: 'string' },
  lr: { type: 'string' },
  w: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

const HELP: Localized = {
  en: `nnlab walkthrough — one step of backpropagation by hand, every number shown

The lecture's 2-2-1 sigmoid network: x = (1, -1); h1 gets w1 = 2 (from x1) and w2 = 1 (from x2),
h2 gets w3 = 1 and w4 = 1, the output y gets w5 = 1 (from h1) and w6 = -1 (from h2); biases b1, b2,
b3 are 0. Loss L = ½ (y − t)². The slides give no target or learning rate: we use t = 1, η = 0.5.

Usage: nnlab walkthrough [--x 1,-1] [--target 1] [--lr 0.5] [--w w1=2,w6=2 …] [--json]

Options:
  --network N     lecture (default) or saturated (the w = 100 neuron whose σ'(51) ≈ 7e-23)
  --x LIST        the inputs, comma-separated (lecture: 2 values)
  --target LIST   the target output(s)
  --lr R          the learning rate η (0 or more)
  --w L=V,…       set weights or biases by label (w1…w6, b1…b3); repeatable
  --json          print the walkthrough as one JSON object

A value starting with a minus sign works as is: --x -1,1 --w w6=-2.`,
  ko: `nnlab walkthrough — 오차역전파 한 단계를 손으로 따라가기, 모든 수를 보여 줍니다

강의의 2-2-1 sigmoid 신경망: x = (1, -1); h1은 w1 = 2 (x1에서)와 w2 = 1 (x2에서), h2는 w3 = 1과
w4 = 1, 출력 y는 w5 = 1 (h1에서)과 w6 = -1 (h2에서)을 받습니다; 편향 b1, b2, b3은 0입니다.
손실 L = ½ (y − t)². 슬라이드에는 목표값과 학습률이 없어서 t = 1, η = 0.5를 씁니다.

사용법: nnlab walkthrough [--x 1,-1] [--target 1] [--lr 0.5] [--w w1=2,w6=2 …] [--json]

옵션:
  --network N     lecture (기본값) 또는 saturated (σ'(51) ≈ 7e-23인 w = 100 뉴런)
  --x LIST        입력, 쉼표로 나눕니다 (lecture: 값 2개)
  --target LIST   목표 출력
  --lr R          학습률 η (0 이상)
  --w L=V,…       이름으로 가중치나 편향을 정합니다 (w1…w6, b1…b3); 여러 번 쓸 수 있습니다
  --json          따라가기를 JSON 객체 하나로 씁니다

빼기 기호로 시작하는 값도 그대로 씁니다: --x -1,1 --w w6=-2.`,
};

/** `nnlab walkthrough`: the backprop walkthrough as readable steps or as JSON. */
export const walkthroughCommand: Command = {
  summary: { en: 'step through backpropagation on the lecture’s 2-2-1 network, one chain-rule factor at a time', ko: '강의의 2-2-1 신경망에서 오차역전파를 연쇄 법칙의 인수 하나씩 따라갑니다' },
  help: HELP,
  run: async (args: string[], io: CliIO) => {
    const { values } = parseOptions('walkthrough', joinNegativeValues(args, ['x', 'target', 'lr']), OPTIONS);
    const lang = languageOf(io);
    const networkName = values.network ?? 'lecture';
    const network = NETWORKS[networkName];
    if (!network) {
      const names = Object.keys(NETWORKS);
      throw new UsageError(`--network: unknown network "${networkName}" (expected ${names.join(' or ')})`, `--network: 알 수 없는 신경망 "${networkName}" (${names.join(' 또는 ')})`);
    }
    const { input, notes } = edited(network.input, values, lang);
    let result;
    try {
      result = runWalkthrough(input);
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      const line = (korean: boolean) => error.problems.map((p) => `${optionOfField(p.field)}: ${korean ? (koreanByRules(p.message, PROBLEM_KOREAN_RULES) ?? p.message) : p.message}`).join('; ');
      throw new UsageError(line(false), line(true));
    }
    if (values.json) io.out(JSON.stringify(result));
    else for (const line of renderWalkthrough(network.title[lang], notes, result, lang)) io.out(line);
    return 0;
  },
};

/** A copy of the example with the command line's edits, and one note per edit for the header. */
function edited(example: WalkthroughInput, values: { x?: string; target?: string; lr?: string; w?: string[] }, lang: Lang): { input: WalkthroughInput; notes: string[] } {
  const input = structuredClone(example);
  const notes: string[] = [];
  if (values.x !== undefined) input.inputs = sameCount('x', numberList('x', values.x), input.inputs.length, { en: 'input', ko: '입력' });
  if (values.target !== undefined) input.target = sameCount('target', numberList('target', values.target), input.target.length, { en: 'output', ko: '출력' });
  const lr = numberOption('lr', values.lr);
  if (lr !== undefined) input.learningRate = lr;
  for (const assignment of (values.w ?? []).flatMap((w) => w.split(','))) {
    const [label, value, ...rest] = assignment.split('=').map((s) => s.trim());
    const parsed = Number(value);
    if (!label || value === undefined || value === '' || rest.length > 0 || !Number.isFinite(parsed)) {
      throw new UsageError(`--w: "${assignment}" is not LABEL=NUMBER (e.g. --w w6=2)`, `--w: ${withParticle(`"${assignment}"`, '은/는')} 이름=숫자 꼴이 아닙니다 (예: --w w6=2)`);
    }
    setParameter(input, label, parsed);
    notes.push(`${lang === 'ko' ? '바꾼 값' : 'edited'}: ${label} = ${formatNumber(parsed)}`);
  }
  return { input, notes };
}

function sameCount(option: string, values: number[], expected: number, what: Record<Lang, string>): number[] {
  if (values.length !== expected) {
    throw new UsageError(
      `--${option}: needs ${expected} comma-separated number${expected > 1 ? 's' : ''} (one per ${what.en}), got ${values.length}`,
      `--${option}: 쉼표로 나눈 숫자 ${countText('ko', expected)}개가 필요합니다 (${what.ko}마다 하나), 받은 수 ${countText('ko', values.length)}개`,
    );
  }
  return values;
}

/** Sets the weight or bias with this label, or throws a UsageError listing the labels. */
function setParameter(input: WalkthroughInput, label: string, value: number): void {
  const labels: string[] = [];
  for (const layer of input.layers) {
    for (const [i, row] of (layer.weightLabels ?? []).entries()) {
      for (const [j, name] of row.entries()) {
        if (name === label) {
          layer.weights[i]![j] = value;
          return;
        }
        labels.push(name);
      }
    }
    for (const [j, name] of (layer.biasLabels ?? []).entries()) {
      if (name === label) {
        layer.bias[j] = value;
        return;
      }
      labels.push(name);
    }
  }
  const known = labels.sort((p, q) => p.localeCompare(q, 'en', { numeric: true })).join(', ');
  throw new UsageError(`--w: no weight or bias labelled "${label}" (labels: ${known})`, `--w: 이름이 "${label}"인 가중치나 편향이 없습니다 (이름: ${known})`);
}

/** The option that sets a walkthrough field. */
function optionOfField(field: string): string {
  if (field.startsWith('inputs')) return '--x';
  if (field.startsWith('target')) return '--target';
  if (field === 'learningRate') return '--lr';
  return `--w (${field})`;
}
