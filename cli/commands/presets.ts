import { claimExpectation } from '../../engine/lab/claim-checks';
import { findPreset, PRESETS, type LecturePart } from '../../engine/lab/presets';
import { UsageError, type CliIO } from '../cli-io';
import { parseOptions } from '../parse-options';
import type { Command } from './command';
import { LANG_HELP, languageOf, say, type Localized } from '../cli-language';
import { VERIFY_HELP, runVerify } from './presets-verify';

const HELP: Localized = {
  en: `Usage: nnlab presets [ID] [--lang ko|en] [--json]

Lists the lecture's presets, grouped by part of the lecture: one line each with its id and title.
With an ID: that preset's claim, what its check reads (at which steps), source and full RunSpec (or
probe options). Run a training preset with "nnlab train --preset ID" and a probe preset with
"nnlab probe --preset ID"; "nnlab presets verify" trains the presets over seeds and checks their claims.

Options:
  --lang ko|en   ${LANG_HELP.en}
  --json         print every preset (with its full RunSpec or probe options) as one JSON array
  -h, --help     show this help

${VERIFY_HELP.en}`,
  ko: `사용법: nnlab presets [ID] [--lang ko|en] [--json]

강의 프리셋을 강의의 부분별로 묶어 한 줄에 하나씩 ID와 제목을 보여 줍니다.
ID를 주면 그 프리셋의 주장, 판정이 읽는 것 (몇 단계에서), 출처, 전체 설정 (또는 초기화 실험의
옵션)을 보여 줍니다. 학습 프리셋은 "nnlab train --preset ID", 초기화 실험 프리셋은
"nnlab probe --preset ID"로 실행합니다; "nnlab presets verify"는 프리셋을 여러 시드로 학습해 주장을 확인합니다.

옵션:
  --lang ko|en   ${LANG_HELP.ko}
  --json         모든 프리셋을 (전체 설정이나 초기화 실험의 옵션과 함께) JSON 배열 하나로 씁니다
  -h, --help     이 도움말을 보여 줍니다

${VERIFY_HELP.ko}`,
};

const PART_TITLES: Record<LecturePart, { ko: string; en: string }> = {
  backprop: { ko: '역전파 되짚어보기', en: 'Backpropagation review' },
  'input-features': { ko: '입력 특성', en: 'Input features' },
  'vanishing-gradient': { ko: '03 기울기 소실', en: '03 Vanishing gradient' },
  initialization: { ko: '04 가중치 초기화', en: '04 Weight initialization' },
  overfitting: { ko: '05 과적합', en: '05 Overfitting' },
  'batch-norm': { ko: '배치 정규화와 초기값', en: 'Batch norm across initial scales' },
  optimizers: { ko: '최적화 기법 비교', en: 'Optimizer comparison' },
};

/** `nnlab presets`: the preset catalogue, for people (one line each) or programs (--json). */
export const presetsCommand: Command = {
  summary: { en: 'list the lecture presets (ids to use with train --preset and probe --preset)', ko: '강의 프리셋 목록 (train --preset과 probe --preset에 쓰는 ID)' },
  help: HELP,
  subcommandHelp: { verify: VERIFY_HELP },
  run: async (args: string[], io: CliIO) => {
    if (args[0] === 'verify') return runVerify(args.slice(1), io);
    const { values, positionals } = parseOptions('presets', args, { json: { type: 'boolean' } }, true);
    const lang = languageOf(io);
    if (positionals.length > 1) throw new UsageError('nnlab presets: give at most one preset id', 'nnlab presets: 프리셋 ID는 하나까지 주세요');
    if (positionals.length === 1) {
      const preset = findPreset(positionals[0]!);
      if (!preset) throw new UsageError(`unknown preset "${positionals[0]}" (run "nnlab presets" to see the ids)`, `알 수 없는 프리셋 "${positionals[0]}" ("nnlab presets"로 ID를 볼 수 있습니다)`);
      if (values.json) {
        io.out(JSON.stringify(preset, null, 2));
        return 0;
      }
      io.out(`${preset.id}: ${preset.title[lang]}`);
      io.out(`  ${lang === 'ko' ? '주장' : 'claim'}   ${preset.claim[lang]}`);
      const expectation = claimExpectation(preset.id);
      if (expectation) io.out(`  ${lang === 'ko' ? '판정' : 'checks'}  ${expectation.expects[lang]} (${lang === 'ko' ? '읽는 단계' : 'read at step'} ${expectation.checkedAtSteps.join(', ')})`);
      io.out(`  ${lang === 'ko' ? '출처' : 'source'}  ${preset.source}`);
      io.out(`  ${lang === 'ko' ? '실행' : 'run'}     nnlab ${preset.kind === 'probe' ? 'probe' : 'train'} --preset ${preset.id}`);
      io.out(JSON.stringify(preset.kind === 'probe' ? preset.probe : preset.spec, null, 2));
      return 0;
    }
    if (values.json) {
      io.out(JSON.stringify(PRESETS, null, 2));
      return 0;
    }
    const width = Math.max(...PRESETS.map((p) => p.id.length));
    let part: LecturePart | null = null;
    for (const preset of PRESETS) {
      if (preset.part !== part) {
        part = preset.part;
        io.out(`${part === PRESETS[0]!.part ? '' : '\n'}${PART_TITLES[part][lang]}`);
      }
      const kind = preset.kind === 'probe' ? say(lang, ' (초기화 실험)', ' (probe)') : '';
      io.out(`  ${preset.id.padEnd(width)}  ${preset.title[lang]}${kind}`);
    }
    return 0;
  },
};
