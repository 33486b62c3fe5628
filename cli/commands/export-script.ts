import { parseRunSpec } from '../../engine/api/parse-run-spec';
import type { RunSpec } from '../../engine/api/run-spec';
import { messageOf } from '../../engine/api/error-message';
import { EXPORT_SCRIPT_FORMATS, exportScript, type ExportScriptFormat } from '../../engine/lab/export-script';
import { findPreset } from '../../engine/lab/presets';
import { DB_HELP, DB_OPTION, withHistory } from '../cli-history';
import { UsageError, type CliIO } from '../cli-io';
import { koreanField } from '../error-lines';
import { LANG_HELP, languageOf, type Lang, type Localized } from '../cli-language';
import { parseOptions } from '../parse-options';
import { readSpecArgument } from '../standard-streams';
import type { Command } from './command';
import { writeAtomically } from '../write-atomically';
import { counted } from '../../engine/lab/counted-words';
import { withParticle } from '../../engine/lab/claims/wording/korean-particles';
import { koreanByRules, PROBLEM_KOREAN_RULES } from '../../engine/lab/problem-words';

const HELP: Localized = {
  en: `Usage: nnlab export-script (--spec FILE | --preset ID | --run ID [--db PATH]) [--format pytorch|notebook] [--lang ko|en] --out FILE

Writes a run as a program that reproduces it with PyTorch: the same network, initial weights,
data, minibatches, dropout masks, loss, optimizer and L1/L2, so its step losses are NN Lab's
(to 1e-6 relative in float64, to float32 rounding in float32). Needs only torch and numpy.
Run it as "python3 FILE --json" for one JSON object per line (step and loss, then the
evaluations, with the field names of "nnlab train --json"); an MNIST run reads the IDX files
from the folder given with --mnist-dir DIR.

Options:
  --spec FILE        the RunSpec to export (JSON, version 1; "-" reads it from standard input)
  --preset ID        a lab preset (list them with "nnlab presets")
  --run ID           a stored run (its id or a unique prefix, see "nnlab runs list")
${DB_HELP.en}
  --format F         pytorch (default: one Python file) or notebook (a Jupyter notebook:
                     explained cells, the training loop, the loss curve and each layer's
                     gradient norms with matplotlib); an --out name ending in .ipynb means notebook
  --lang ko|en       ${LANG_HELP.en}
  --out FILE         where to write; "-" writes to standard output
  -h, --help         show this help`,
  ko: `사용법: nnlab export-script (--spec FILE | --preset ID | --run ID [--db PATH]) [--format pytorch|notebook] [--lang ko|en] --out FILE

실행을 PyTorch로 똑같이 재현하는 프로그램으로 씁니다: 같은 신경망, 초기 가중치, 데이터, 미니배치,
드롭아웃 마스크, 손실, 최적화 기법, L1/L2 규제를 써서 단계마다 손실이 NN Lab과 같습니다
(float64에서 상대 오차 1e-6까지, float32에서 float32 반올림까지). torch와 numpy만 있으면 됩니다.
"python3 FILE --json"으로 실행하면 한 줄에 JSON 객체 하나씩 씁니다 (단계와 손실, 그다음 평가;
필드 이름은 "nnlab train --json"과 같습니다); MNIST 실행은 --mnist-dir DIR로 준 폴더에서 IDX 파일을 읽습니다.

옵션:
  --spec FILE        내보낼 설정 파일 (JSON, 버전 1; "-"이면 표준 입력에서 읽습니다)
  --preset ID        강의 프리셋 ("nnlab presets"로 목록을 볼 수 있습니다)
  --run ID           저장된 실행 (ID나 겹치지 않는 앞부분, "nnlab runs list" 참고)
${DB_HELP.ko}
  --format F         pytorch (기본값: 파이썬 파일 하나) 또는 notebook (Jupyter 노트북: 설명이 붙은
                     셀, 학습 반복문, matplotlib로 그린 손실 곡선과 층별 기울기 크기); --out 이름이
                     .ipynb로 끝나면 notebook
  --lang ko|en       ${LANG_HELP.ko}
  --out FILE         쓸 파일; "-"이면 표준 출력에 씁니다
  -h, --help         이 도움말을 보여 줍니다`,
};

const OPTIONS = {
  spec: { type: 'string' },
  preset: { type: 'string' },
  run: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  out: { type: 'string' },
  ...DB_OPTION,
} as const;

/** `nnlab export-script`: a spec, preset or stored run as a PyTorch script or a Jupyter notebook. */
export const exportScriptCommand: Command = {
  summary: { en: 'write a run as a PyTorch script or a Jupyter notebook that reproduces it', ko: '실행을 재현하는 PyTorch 코드나 Jupyter 노트북을 씁니다' },
  help: HELP,
  run: runExportScript,
};

async function runExportScript(args: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions('export-script', args, OPTIONS);
  const sources = [values.spec, values.preset, values.run].filter((value) => value !== undefined).length;
  if (sources !== 1) throw new UsageError(
      'nnlab export-script: give exactly one of --spec FILE, --preset ID or --run ID (see "nnlab export-script --help")',
      'nnlab export-script: --spec FILE, --preset ID, --run ID 중 하나를 주세요 ("nnlab export-script --help" 참고)',
    );
  if (values.db !== undefined && values.run === undefined) throw new UsageError('nnlab export-script: --db goes with --run (a spec or a preset needs no history)', 'nnlab export-script: --db는 --run과 함께 씁니다 (설정 파일이나 프리셋에는 기록이 필요 없습니다)');
  if (values.out === undefined) throw new UsageError('nnlab export-script: give the file to write with --out FILE (or --out - for standard output)', 'nnlab export-script: 쓸 파일을 --out FILE로 주세요 (표준 출력은 --out -)');
  const format = formatOption(values.format, values.out);
  const lang = languageOf(io);

  const { spec, source: from } = await readSpec(values, io);
  const source = from[lang];
  let text: string;
  try {
    text = exportScript(spec, format, lang);
  } catch (error) {
    // "layers[0].units: the output layer has 3 units but …": the field named as the screens name it, the problem in Korean.
    const message = messageOf(error);
    const [, field, problem = message] = /^(?:([^:]*): )?(.*)$/s.exec(message) ?? [];
    const korean = koreanByRules(problem, PROBLEM_KOREAN_RULES);
    throw new UsageError(`cannot export ${from.en}: ${message}`, korean === null ? undefined : `${withParticle(from.ko, '을/를')} 내보낼 수 없습니다: ${field === undefined ? '' : `${koreanField(field)}: `}${korean}`);
  }
  if (values.out === '-') {
    io.out(text.replace(/\n$/, ''));
    return 0;
  }
  const data = Buffer.from(text, 'utf8');
  writeAtomically(values.out, data);
  const what = format === 'notebook' ? 'Jupyter notebook' : 'PyTorch script';
  const mnist = spec.dataset.name === 'mnist' ? ' --mnist-dir DIR' : '';
  const run = format === 'pytorch' ? `python3 ${values.out} --json${mnist}` : '';
  if (lang === 'ko') io.out(`${withParticle(source, '을/를')} ${format === 'notebook' ? 'Jupyter 노트북으로' : 'PyTorch 코드로'} ${values.out}에 썼습니다 (${counted(data.length, 'byte', 'ko')})${run ? `; 실행: ${run}` : ''}`);
  else io.out(`wrote ${source} as a ${what} to ${values.out} (${data.length} bytes)${run ? `; run it with: ${run}` : ''}`);
  return 0;
}

function formatOption(format: string | undefined, out: string): ExportScriptFormat {
  if (format === undefined) return out.toLowerCase().endsWith('.ipynb') ? 'notebook' : 'pytorch';
  if (!(EXPORT_SCRIPT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format: "${format}" is not a format here (use ${EXPORT_SCRIPT_FORMATS.join(' or ')})`, `--format: ${withParticle(`"${format}"`, '은/는')} 여기서 쓰는 형식이 아닙니다 (${EXPORT_SCRIPT_FORMATS.join(' 또는 ')})`);
  }
  return format as ExportScriptFormat;
}

/** The spec to export and where it came from, in both languages ("spec a.json" / "설정 파일 a.json"). */
async function readSpec(values: { spec?: string; preset?: string; run?: string; db?: string }, io: CliIO): Promise<{ spec: RunSpec; source: Record<Lang, string> }> {
  if (values.spec !== undefined) {
    // The path as the user wrote it, so an error names the file they gave.
    const { spec } = await readSpecArgument('spec', values.spec, io);
    if (values.spec === '-') return { spec, source: { ko: '표준 입력의 설정', en: 'the spec from standard input' } };
    return { spec, source: { ko: `설정 파일 ${values.spec}`, en: `spec ${values.spec}` } };
  }
  if (values.preset !== undefined) {
    const preset = findPreset(values.preset);
    if (preset === undefined) throw new UsageError(`unknown preset "${values.preset}" (run "nnlab presets" to see the preset ids)`, `알 수 없는 프리셋 "${values.preset}" ("nnlab presets"로 프리셋 ID를 볼 수 있습니다)`);
    if (preset.kind !== 'train') throw new UsageError(`preset "${values.preset}" is a probe (no training to export): choose a training preset`, `프리셋 ${withParticle(`"${values.preset}"`, '은/는')} 초기화 실험입니다 (내보낼 학습이 없습니다): 학습 프리셋을 고르세요`);
    return { spec: parseRunSpec(preset.spec), source: { ko: `프리셋 ${preset.id}`, en: `preset ${preset.id}` } };
  }
  const runId = values.run!;
  return withHistory(values.db, (history) => {
    const run = history.getRun(runId);
    return { spec: run.spec, source: { ko: `실행 ${run.id.slice(0, 8)}`, en: `run ${run.id.slice(0, 8)}` } };
  });
}
