import { ACTIVATIONS } from '../../engine/api/run-spec';
import { SpecError } from '../../engine/api/spec-error';
import { findPreset } from '../../engine/lab/presets';
import type { Initializer } from '../../engine/nn/initializers';
import { parseProbeOptions, runProbe, type ProbeOptions, type ProbeOptionsInput } from '../../engine/lab/probe';
import { withParticle } from '../../engine/lab/claims/wording/korean-particles';
import { koreanByRules, PROBLEM_KOREAN_RULES } from '../../engine/lab/problem-words';
import { UsageError, type CliIO } from '../cli-io';
import { languageOf, type Localized } from '../cli-language';
import { numberOption, parseOptions } from '../parse-options';
import type { Command } from './command';
import { joinNegativeValues } from './number-text';
import { renderProbe } from './probe-text';

const HIDDEN_ACTIVATIONS = ACTIVATIONS.filter((a) => a !== 'softmax');
const INIT_NAMES = ['xavier', 'he', 'glorot_uniform', 'he_uniform', 'normal', 'uniform', 'zeros'] as const;
const NUMBER_OPTIONS = ['std', 'limit', 'layers', 'units', 'samples', 'bins', 'seed'] as const;

const OPTIONS = {
  preset: { type: 'string' },
  activation: { type: 'string' },
  init: { type: 'string' },
  std: { type: 'string' },
  limit: { type: 'string' },
  layers: { type: 'string' },
  units: { type: 'string' },
  samples: { type: 'string' },
  bins: { type: 'string' },
  seed: { type: 'string' },
  'per-layer-range': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const HELP: Localized = {
  en: `nnlab probe — activation histograms per layer for an initialization, no training

Feeds random inputs (samples × units, standard normal) through layers of equal width without bias,
a = f(x·W), as the textbook's §6.2.2 experiment, and backpropagates a random gradient from the last
layer to show each layer's weight-gradient norm.

Usage: nnlab probe --activation A [--init I] [--std S] [--limit L] [options]
       nnlab probe --preset ID [options that override the preset]

Options:
  --activation A  ${HIDDEN_ACTIVATIONS.join(', ')}
  --init I        xavier (std 1/√n), he (std √(2/n)), glorot_uniform, he_uniform, zeros,
                  normal (needs --std), uniform (needs --limit)
                  default: he for relu/leaky_relu/elu, xavier otherwise
  --std S         standard deviation of a normal init; --std alone means --init normal
  --limit L       half-width of a uniform init; --limit alone means --init uniform
  --layers N      number of layers, 1–50 (default 5)
  --units U       units per layer, 1–1000 (default 100)
  --samples M     random input samples, 1–20000 (default 1000)
  --bins B        histogram bins, 2–200 (default 30)
  --seed S        seed of the random inputs, weights and gradient (default 0)
  --preset ID     start from a probe preset (see "nnlab presets"), e.g. probe-sigmoid-std1
  --per-layer-range
                  draw each layer's histogram on its own range (default: every layer on one
                  range, sigmoid 0 … 1, tanh −1 … 1, else over all layers, as the textbook does)
  --json          print one JSON object { "layers": [ … ] } instead of the table

Examples:
  nnlab probe --activation sigmoid --std 1        (activations pile up at 0 and 1)
  nnlab probe --activation sigmoid --std 0.01     (everything ≈ 0.5)
  nnlab probe --activation relu --init he --layers 10`,
  ko: `nnlab probe — 가중치 초기화에 따른 층별 활성화 값 히스토그램 (학습 없음)

무작위 입력 (샘플 × 뉴런, 표준정규분포)을 편향 없이 너비가 같은 층들에 a = f(x·W)로 통과시키고
(교재 §6.2.2의 실험), 마지막 층에서 무작위 기울기를 역전파해 층마다 가중치 기울기의 크기를 보여 줍니다.

사용법: nnlab probe --activation A [--init I] [--std S] [--limit L] [옵션]
        nnlab probe --preset ID [프리셋을 바꿀 옵션]

옵션:
  --activation A  ${HIDDEN_ACTIVATIONS.join(', ')}
  --init I        xavier (표준편차 1/√n), he (표준편차 √(2/n)), glorot_uniform, he_uniform, zeros,
                  normal (--std 필요), uniform (--limit 필요)
                  기본값: relu/leaky_relu/elu는 he, 나머지는 xavier
  --std S         정규분포 초기화의 표준편차; --std만 주면 --init normal
  --limit L       균등분포 초기화의 범위 ±L; --limit만 주면 --init uniform
  --layers N      층 수, 1~50 (기본값 5)
  --units U       층마다 뉴런 수, 1~1000 (기본값 100)
  --samples M     무작위 입력 샘플 수, 1~20000 (기본값 1000)
  --bins B        히스토그램 구간 수, 2~200 (기본값 30)
  --seed S        무작위 입력, 가중치, 기울기의 시드 (기본값 0)
  --preset ID     초기화 실험 프리셋에서 시작합니다 ("nnlab presets" 참고), 예: probe-sigmoid-std1
  --per-layer-range
                  층마다 히스토그램을 그 층의 범위로 그립니다 (기본값: 교재처럼 모든 층을 한
                  범위로, sigmoid 0 … 1, tanh −1 … 1, 그 밖에는 모든 층에 걸친 범위)
  --json          표 대신 JSON 객체 { "layers": [ … ] } 하나를 씁니다

예:
  nnlab probe --activation sigmoid --std 1        (활성화 값이 0과 1에 몰립니다)
  nnlab probe --activation sigmoid --std 0.01     (모두 ≈ 0.5)
  nnlab probe --activation relu --init he --layers 10`,
};

/** `nnlab probe`: the forward-only initialization probe, as a table with histograms or as JSON. */
export const probeCommand: Command = {
  summary: { en: 'activation histograms and gradient norms per layer for an initialization (no training)', ko: '초기화에 따른 층별 활성화 값 히스토그램과 기울기 크기 (학습 없음)' },
  help: HELP,
  run: async (args: string[], io: CliIO) => {
    const { values } = parseOptions('probe', joinNegativeValues(args, NUMBER_OPTIONS), OPTIONS);
    const options = probeOptionsFrom(values);
    const result = runProbe(options);
    if (values.json) io.out(JSON.stringify(result));
    else for (const line of renderProbe(options, result, values['per-layer-range'] ? 'per-layer' : 'shared', languageOf(io))) io.out(line);
    return 0;
  },
};

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

/** The command line as validated probe options; bad values are UsageErrors naming the option. */
function probeOptionsFrom(values: Values): ProbeOptions {
  const text = (name: keyof typeof OPTIONS) => values[name] as string | undefined;
  const input: Partial<ProbeOptionsInput> = { ...presetOptions(text('preset')) };
  const activation = text('activation');
  if (activation !== undefined) input.activation = activation as ProbeOptionsInput['activation'];
  if (input.activation === undefined) throw new UsageError(`--activation: required (one of ${HIDDEN_ACTIVATIONS.join(', ')})`, `--activation: 활성화 함수를 주세요 (${HIDDEN_ACTIVATIONS.join(', ')} 중 하나)`);
  const init = initializerFrom(text('init'), numberOption('std', text('std')), numberOption('limit', text('limit')));
  if (init) input.init = init;
  for (const name of ['layers', 'units', 'samples', 'bins', 'seed'] as const) {
    const value = numberOption(name, text(name));
    if (value !== undefined) input[name] = value;
  }
  try {
    return parseProbeOptions(input);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    const line = (korean: boolean) =>
      error.problems
        .map((p) => {
          const option = OPTION_OF_FIELD[p.field] ?? p.field;
          const given = text(option as keyof typeof OPTIONS);
          const message = korean ? (koreanByRules(p.message, PROBLEM_KOREAN_RULES) ?? p.message) : p.message;
          return `--${option}${given !== undefined ? ` ${given}` : ''}: ${message}`;
        })
        .join('; ');
    throw new UsageError(line(false), line(true));
  }
}

/** Probe fields whose option has another name. */
const OPTION_OF_FIELD: Record<string, string> = { 'init.std': 'std', 'init.limit': 'limit' };

/** A probe preset's options, or a UsageError for an unknown or non-probe preset. */
function presetOptions(id: string | undefined): Partial<ProbeOptionsInput> {
  if (id === undefined) return {};
  const preset = findPreset(id);
  if (!preset) throw new UsageError(`--preset: no preset "${id}" (list them with "nnlab presets")`, `--preset: 프리셋 ${withParticle(`"${id}"`, '이/가')} 없습니다 ("nnlab presets"로 목록을 볼 수 있습니다)`);
  if (preset.kind !== 'probe') {
    throw new UsageError(`--preset: "${id}" is a training preset; run it with "nnlab train --preset ${id}"`, `--preset: ${withParticle(`"${id}"`, '은/는')} 학습 프리셋입니다; "nnlab train --preset ${id}"로 실행하세요`);
  }
  return { ...preset.probe };
}

/** --init with --std/--limit as an initializer; undefined when none is given. */
function initializerFrom(name: string | undefined, std: number | undefined, limit: number | undefined): Initializer | undefined {
  if (name === undefined) {
    if (std !== undefined && limit !== undefined) {
      throw new UsageError('--std and --limit: give one (--std for a normal init, --limit for a uniform one)', '--std와 --limit: 하나만 주세요 (정규분포 초기화는 --std, 균등분포 초기화는 --limit)');
    }
    if (std !== undefined) return { name: 'normal', std };
    if (limit !== undefined) return { name: 'uniform', limit };
    return undefined;
  }
  if (!(INIT_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`--init: unknown initializer "${name}" (expected one of ${INIT_NAMES.join(', ')})`, `--init: 알 수 없는 초기화 "${name}" (${INIT_NAMES.join(', ')} 중 하나)`);
  }
  if (std !== undefined && name !== 'normal') throw new UsageError(`--std: only goes with --init normal (got --init ${name})`, `--std: --init normal과만 씁니다 (받은 값 --init ${name})`);
  if (limit !== undefined && name !== 'uniform') throw new UsageError(`--limit: only goes with --init uniform (got --init ${name})`, `--limit: --init uniform과만 씁니다 (받은 값 --init ${name})`);
  if (name === 'normal') {
    if (std === undefined) throw new UsageError('--init normal needs --std S (e.g. --std 0.01)', '--init normal에는 --std S가 필요합니다 (예: --std 0.01)');
    return { name, std };
  }
  if (name === 'uniform') {
    if (limit === undefined) throw new UsageError('--init uniform needs --limit L (e.g. --limit 0.1)', '--init uniform에는 --limit L이 필요합니다 (예: --limit 0.1)');
    return { name, limit };
  }
  return { name: name as 'xavier' | 'he' | 'glorot_uniform' | 'he_uniform' | 'zeros' };
}
