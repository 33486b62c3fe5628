import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../cli/cli-io';
import { main } from '../../cli/nnlab';
import { glossaryBreaches, latinWordsOutsideGlossary } from '../../engine/lab/glossary';
import { COMMANDS } from '../../cli/commands';
import { displayWidth } from '../../cli/commands/runs/run-text';
import { openHistory } from '../../engine/history/run-history';
import { createPack } from '../../engine/service/class-files';
import { SHEET, handIn, prediction } from '../engine/service/class-helpers';
import { nnlabJson } from './cli-harness';
import { circleSpec, specFile, useTempFolder } from './train-helpers';

const dir = useTempFolder();

/** `nnlab … --lang LANG` in this process, with no language in the environment. */
async function nnlabIn(lang: 'ko' | 'en', args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (line) => out.push(line), err: (line) => err.push(line), env: {} };
  const code = await main([...args, '--lang', lang], io);
  return { code, out, err, text: [...out, ...err].join('\n') };
}

/**
 * Words a Korean line may hold besides the glossary's: what is typed on the command line or
 * stored in a spec (the data set's id, option values, commands), as it is typed.
 */
const TYPED = new Set([
  'ID', 'FILE', 'circle', 'sgd', 'name', 'optimizer', 'lr', 'runs', 'list', 'show', 'compare', 'train', 'preset', 'presets', 'step', 'epoch', 'normal', 'uniform', 'relu', 'swish', 'lecture', 'saturated', 'export', 'script', 'pytorch', 'notebook',
  // values the help lists for an option, and the spec's number types
  'ko', 'en', 'xavier', 'he', 'zeros', 'summary', 'float64', 'float32',
  // numbers that are not finite, as they are printed
  'Infinity', 'NaN',
  // keys and the programs an exported script needs, as they are typed
  'Ctrl', 'torch', 'numpy', 'matplotlib',
  // a lab sheet's id, shown after its title
  'backprop',
  // the commands and subcommands, as the command list names them
  ...Object.entries(COMMANDS).flatMap(([name, command]) => [...name.split('-'), ...Object.keys(command.subcommandHelp ?? {})]),
]);

/**
 * Latin words in Korean output that are neither glossary terms nor typed: run ids (uuids and
 * their 8-character prefixes), options, paths, spec field paths ("training.batchSize:"), quoted
 * input, lists of the values an option takes ("(lecture, saturated)", "ko|en", "relu, tanh,
 * elu"), ids ("overfit-l2", "leaky_relu"), usage placeholders and environment variables (FILE,
 * $NNLAB_LANG), the commands a help shows ("nnlab runs list") and JSON shapes ({groupId, seeds})
 * are left out.
 */
function englishIn(text: string): string[] {
  const typedLeftOut = text
    .replace(/\b[0-9a-f]{8}(?:-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?\b/g, ' ')
    .replace(/\bnnlab(?: [a-z][a-z-]*)+/g, ' ')
    .replace(/--[a-z-]+/g, ' ')
    .replace(/\S*\/\S*/g, ' ')
    .replace(/\{[^{}]*\}/g, ' ')
    .replace(/\$?\b[A-Z][A-Z0-9_]+\b/g, ' ')
    .replace(/\b\w+(?:\|\w+)+/g, ' ')
    .replace(/\b[a-z][\w-]*(?:, [a-z][\w-]*){2,}/g, ' ')
    .replace(/\b[a-z]\w*(?:[-_][a-z0-9]+)+\b/g, ' ')
    .replace(/[\w-]*\.(?:json|db|nnlab|nnlabpack|py|ipynb|csv)\b/g, ' ')
    .replace(/"[^"]*"|‘[^’]*’/g, ' ')
    .replace(/\b\w+(?:\.\w+|\[\d+\])+(?=[:)])/g, ' ')
    .replace(/\((?:[\w-]+, )+[\w-]+/g, ' ');
  return latinWordsOutsideGlossary(typedLeftOut).filter((word) => !TYPED.has(word));
}

const hangulIn = (text: string) => text.match(/\p{Script=Hangul}+/gu) ?? [];

describe('every command prints in the language chosen: Korean without English words, English without Hangul', () => {
  let db: string;
  let ids: string[];

  beforeAll(async () => {
    db = join(dir(), 'runs.db');
    for (const [name, lr] of [['α', 0.5], ['β', 0.1]] as const) {
      const trained = await nnlabIn('en', ['train', '--spec', specFile(dir(), circleSpec({ name, optimizer: { name: 'sgd', lr } })), '--db', db, '--json']);
      expect(trained.code, trained.err.join('\n')).toBe(0);
    }
    const listed = await nnlabIn('en', ['runs', 'list', '--db', db, '--json']);
    ids = (JSON.parse(listed.out.join('\n')) as { id: string }[]).map((run) => run.id);
  }, 60_000);

  const commands: Record<string, () => string[]> = {
    'runs list': () => ['runs', 'list', '--db', db],
    'runs show': () => ['runs', 'show', ids[0]!.slice(0, 8), '--db', db],
    'runs compare': () => ['runs', 'compare', ids[0]!, ids[1]!, '--db', db],
    'runs compare --by step': () => ['runs', 'compare', ids[0]!, ids[1]!, '--by', 'step', '--db', db],
    probe: () => ['probe', '--activation', 'relu', '--std', '0.01', '--samples', '200'],
    'probe sigmoid per layer': () => ['probe', '--activation', 'sigmoid', '--samples', '200', '--per-layer-range'],
    walkthrough: () => ['walkthrough'],
    'walkthrough saturated': () => ['walkthrough', '--network', 'saturated'],
  };

  for (const [name, args] of Object.entries(commands)) {
    it(`${name}: Korean under --lang ko, English under --lang en`, async () => {
      const ko = await nnlabIn('ko', args());
      expect(ko.code, ko.err.join('\n')).toBe(0);
      expect(hangulIn(ko.text).length).toBeGreaterThan(3);
      expect(englishIn(ko.text)).toEqual([]);
      const en = await nnlabIn('en', args());
      expect(en.code).toBe(0);
      expect(hangulIn(en.text)).toEqual([]);
    });
  }

  it('runs list and show: the status and the table in Korean words, aligned by terminal columns', async () => {
    const list = await nnlabIn('ko', ['runs', 'list', '--db', db]);
    expect(list.out[0]).toMatch(/^ID +이름 +상태 +만든 때 +신경망 +활성화 함수 +최종 손실 \/ 정확도 +걸린 시간 +태그$/);
    expect(list.out[1]).toMatch(/^[0-9a-f]{8} {2}β {5}완료 {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}2-4-1 {3}tanh {9}훈련 \d\.\d{4}/);
    // Columns line up on a terminal, where a Hangul syllable takes two: 상태 and 완료 start at one column.
    const column = (line: string, word: string) => displayWidth(line.slice(0, line.indexOf(word)));
    expect(column(list.out[1]!, '완료')).toBe(column(list.out[0]!, '상태'));
    expect(column(list.out[1]!, '훈련')).toBe(column(list.out[0]!, '최종'));
    const show = await nnlabIn('ko', ['runs', 'show', ids[0]!, '--db', db]);
    expect(show.out).toContain('  상태       완료');
    expect(show.out.find((line) => line.startsWith('  최적화'))).toBe('  최적화     SGD 학습률 0.1, 배치 10, 시드 3');
    expect(show.out.find((line) => line.startsWith('  만든 때'))).toMatch(/, 9단계 중 9단계$/);
  });

  it('counts read with thousands separators in both languages', async () => {
    const ko = await nnlabIn('ko', ['probe', '--activation', 'tanh', '--samples', '20000', '--units', '10', '--layers', '1']);
    expect(ko.out[1]).toBe('뉴런 10개짜리 은닉층 1개, a = tanh(x·W), 편향 없음; 표준정규분포 입력 샘플 20,000개; 시드 0');
    const en = await nnlabIn('en', ['probe', '--activation', 'tanh', '--samples', '20000', '--units', '1', '--layers', '1']);
    expect(en.out[1]).toBe('1 layer × 1 unit, a = tanh(x·W), no bias; standard-normal 20,000 input samples; seed 0');
  }, 30_000);
});

describe('bad input is one line in the language chosen', () => {
  const cases: { args: string[]; ko: string; en: string }[] = [
    { args: ['runs', 'show', 'ffffffff', '--db', ':db'], ko: '오류: ffffffff로 시작하는 실행 ID가 없습니다', en: 'error: no run id starts with ffffffff' },
    { args: ['runs', 'show', '--db', ':db'], ko: '오류: nnlab runs show: 실행 ID를 하나 주세요 ("nnlab runs list"로 볼 수 있습니다)', en: 'error: nnlab runs show: give one run id (see "nnlab runs list")' },
    { args: ['runs', 'list', '--limit', '0', '--db', ':db'], ko: '오류: --limit: 1 이상의 정수여야 합니다 (받은 값 0)', en: 'error: --limit: must be a whole number of at least 1 (got 0)' },
    { args: ['runs', 'list', '--sort', 'speed', '--db', ':db'], ko: '오류: --sort: "speed"는 정렬할 수 있는 필드가 아닙니다', en: 'error: --sort: "speed" is not a field to sort by' },
    { args: ['runs', 'list', '--bogus', '--db', ':db'], ko: '오류: nnlab runs list: 알 수 없는 옵션 --bogus', en: "error: nnlab runs list: Unknown option '--bogus'" },
    { args: ['runs', 'compare', 'abcdefgh', '--db', ':db'], ko: '오류: nnlab runs compare: 실행 ID를 두 개 이상 주세요', en: 'error: nnlab runs compare: give at least two run ids' },
    { args: ['runs', 'frobnicate'], ko: '오류: nnlab runs: 알 수 없는 하위 명령 "frobnicate"', en: 'error: nnlab runs: unknown subcommand "frobnicate"' },
    { args: ['probe', '--activation', 'swish'], ko: '오류: --activation swish: 알 수 없는 활성화 함수입니다 (sigmoid, tanh,', en: 'error: --activation swish: unknown activation (expected one of sigmoid, tanh,' },
    { args: ['probe', '--activation', 'relu', '--units', '0'], ko: '오류: --units 0: 1 이상이어야 합니다', en: 'error: --units 0: must be at least 1' },
    { args: ['probe', '--activation', 'relu', '--std', 'many'], ko: '오류: --std: "many"는 숫자가 아닙니다', en: 'error: --std: "many" is not a number' },
    { args: ['probe', '--activation', 'relu', '--init', 'normal'], ko: '오류: --init normal에는 --std S가 필요합니다 (예: --std 0.01)', en: 'error: --init normal needs --std S (e.g. --std 0.01)' },
    { args: ['probe', '--preset', 'nope'], ko: '오류: --preset: 프리셋 "nope"가 없습니다', en: 'error: --preset: no preset "nope"' },
    { args: ['walkthrough', '--x', '1,2,3'], ko: '오류: --x: 쉼표로 나눈 숫자 2개가 필요합니다 (입력마다 하나), 받은 수 3개', en: 'error: --x: needs 2 comma-separated numbers (one per input), got 3' },
    { args: ['walkthrough', '--x', '1,oops'], ko: '오류: --x: "1,oops"의 "oops"는 숫자가 아닙니다', en: 'error: --x: "oops" in "1,oops" is not a number' },
    { args: ['walkthrough', '--lr', '-1'], ko: '오류: --lr: 0 이상이어야 합니다', en: 'error: --lr: must be 0 or more' },
    { args: ['walkthrough', '--w', 'w7=1'], ko: '오류: --w: 이름이 "w7"인 가중치나 편향이 없습니다', en: 'error: --w: no weight or bias labelled "w7"' },
    { args: ['walkthrough', '--network', 'resnet'], ko: '오류: --network: 알 수 없는 신경망 "resnet" (lecture 또는 saturated)', en: 'error: --network: unknown network "resnet" (expected lecture or saturated)' },
    { args: ['train', '--spec', ':missing'], ko: '오류: 설정 파일 ', en: 'error: cannot read spec file ' },
    { args: ['train', '--spec', ':bad-json', '--no-db'], ko: '오류: 올바른 JSON이 아닙니다 (15번째 글자)', en: 'error: not valid JSON (' },
    { args: ['train', '--spec', ':bad-spec', '--no-db'], ko: '오류: 배치 크기(training.batchSize): 1 이상이어야 합니다', en: 'error: training.batchSize: must be at least 1' },
    { args: ['train', '--spec', ':bad-layer', '--no-db'], ko: '오류: 은닉층 1 뉴런 수(layers[0].units): 정수여야 합니다', en: 'error: layers[0].units: must be a whole number' },
    { args: ['train', '--preset', 'nope', '--no-db'], ko: '오류: 알 수 없는 프리셋 "nope"', en: 'error: unknown preset "nope"' },
    { args: ['train', '--no-db'], ko: '오류: nnlab train: --spec FILE.json과 --preset ID 중 하나를 주세요', en: 'error: nnlab train: give exactly one of --spec FILE.json or --preset ID' },
    { args: ['train', '--preset', 'overfit-l2', '--seeds', '1', '--no-db'], ko: '오류: --seeds: 2부터 20까지의 정수여야 합니다', en: 'error: --seeds: must be a whole number from 2 to 20' },
    { args: ['export-script', '--preset', 'overfit-l2', '--format', 'keras', '--out', '-'], ko: '오류: --format: "keras"는 여기서 쓰는 형식이 아닙니다 (pytorch 또는 notebook)', en: 'error: --format: "keras" is not a format here' },
    { args: ['export-script', '--preset', 'overfit-l2'], ko: '오류: nnlab export-script: 쓸 파일을 --out FILE로 주세요', en: 'error: nnlab export-script: give the file to write with --out FILE' },
    { args: ['presets', 'nope'], ko: '오류: 알 수 없는 프리셋 "nope"', en: 'error: unknown preset "nope"' },
  ];

  for (const { args, ko, en } of cases) {
    it(`nnlab ${args.filter((a) => !a.startsWith(':')).join(' ')}`, async () => {
      const files: Record<string, string> = {
        ':db': join(dir(), 'empty.db'),
        ':missing': join(dir(), 'no-such-spec.json'),
        ':bad-json': specFile(dir(), '{"version": 1,'),
        ':bad-spec': specFile(dir(), circleSpec({ training: { batchSize: 0, epochs: 1 } })),
        ':bad-layer': specFile(dir(), circleSpec({ layers: [{ units: 2.5, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] })),
      };
      const real = args.map((arg) => files[arg] ?? arg);
      const korean = await nnlabIn('ko', real);
      expect(korean.code).toBe(2);
      expect(korean.out).toEqual([]);
      expect(korean.err).toHaveLength(1);
      expect(korean.err[0]!.startsWith(ko), korean.err[0]).toBe(true);
      expect(englishIn(korean.err[0]!)).toEqual([]);
      const english = await nnlabIn('en', real);
      expect(english.code).toBe(2);
      expect(english.err).toHaveLength(1);
      expect(english.err[0]!.startsWith(en), english.err[0]).toBe(true);
      expect(hangulIn(english.err[0]!)).toEqual([]);
    });
  }

  it('export-script says what it wrote in the language chosen', async () => {
    const out = join(dir(), 'overfit.py');
    const ko = await nnlabIn('ko', ['export-script', '--preset', 'overfit-l2', '--out', out]);
    expect(ko.out).toEqual([expect.stringMatching(/^프리셋 overfit-l2를 PyTorch 코드로 .*overfit\.py에 썼습니다 \(\d{1,3}(,\d{3})+바이트\); 실행: python3 .*overfit\.py --json --mnist-dir DIR$/)]);
    const en = await nnlabIn('en', ['export-script', '--preset', 'overfit-l2', '--out', out]);
    expect(en.out).toEqual([expect.stringMatching(/^wrote preset overfit-l2 as a PyTorch script to .*overfit\.py \(\d+ bytes\); run it with: python3 .*overfit\.py --json --mnist-dir DIR$/)]);
  });

  it('an unknown command is said in the language chosen', async () => {
    expect((await nnlabIn('ko', ['fly'])).err[0]).toMatch(/^nnlab: 알 수 없는 명령 "fly" \(명령: train, runs/);
    expect((await nnlabIn('en', ['fly'])).err[0]).toMatch(/^nnlab: unknown command "fly" \(commands: train, runs/);
  });
});

/** Korean text that is all Korean and keeps the glossary's words; `where` names it in a failure. */
function expectKorean(where: string, text: string): void {
  expect(hangulIn(text).length, where).toBeGreaterThan(3);
  expect(englishIn(text), where).toEqual([]);
  expect(glossaryBreaches(text).map((b) => b.found), where).toEqual([]);
}

describe("every command's --help in the language chosen", () => {
  const helps: string[][] = [
    ['--help'],
    ...Object.entries(COMMANDS).flatMap(([name, command]) => [[name, '--help'], ...Object.keys(command.subcommandHelp ?? {}).map((sub) => [name, sub, '--help'])]),
  ];

  it('lists every command and subcommand with a help of its own', () => {
    expect(helps.length).toBeGreaterThan(20);
  });

  for (const args of helps) {
    it(`nnlab ${args.join(' ')}`, async () => {
      const ko = await nnlabIn('ko', args);
      expect(ko.code).toBe(0);
      expect(ko.err).toEqual([]);
      expectKorean(args.join(' '), ko.text);
      const en = await nnlabIn('en', args);
      expect(en.code).toBe(0);
      expect(hangulIn(en.text)).toEqual([]);
      expect(en.text).toMatch(/--help|Usage|nnlab/);
    });
  }

  it('the command list says what each command does in the language chosen, with --lang anywhere after --help', async () => {
    const ko = await nnlabIn('ko', ['--help']);
    expect(ko.out.join('\n')).toMatch(/^사용법: nnlab <명령> \[옵션\]$/m);
    expect(ko.out.join('\n')).toMatch(/^ {2}train +설정 파일이나 프리셋으로 신경망 하나를 학습합니다$/m);
    // A bad --lang does not keep the help back: it is shown in the fallback language.
    const out: string[] = [];
    expect(await main(['train', '--help', '--lang', 'fr'], { out: (line) => out.push(line), err: () => {}, env: { NNLAB_LANG: 'en' } })).toBe(0);
    expect(out[0]).toMatch(/^Usage: nnlab train/);
  });
});

describe('notes of runs import, train, pack and handin in the language chosen', () => {
  let db: string;
  let runFile: string;
  let handInFile: string;

  beforeAll(async () => {
    db = join(dir(), 'notes.db');
    const trained = await nnlabIn('en', ['train', '--spec', specFile(dir(), circleSpec({ name: '원' })), '--db', db, '--json']);
    expect(trained.code, trained.err.join('\n')).toBe(0);
    const [run] = (await nnlabJson<{ id: string }[]>(['runs', 'list', '--db', db]));
    const history = openHistory(db, { instanceId: 'notes-writer' });
    history.setNotebookEntry('04-initialization', 'answer:q1', '활성화 값이 0에 몰립니다');
    history.close();
    runFile = join(dir(), 'notes.nnlab');
    expect((await nnlabIn('en', ['runs', 'export', run!.id, '--with-notebook', '--out', runFile, '--db', db])).code).toBe(0);
    handInFile = join(dir(), 'hand-in.nnlab');
    writeFileSync(handInFile, handIn(createPack({ title: '3주차 실습', className: '딥러닝', sheets: [SHEET] }).data, { name: '홍길동', number: '20231234', seed: 1, runs: [], notebook: { 'prediction:vanishing-gradient-size': prediction('a') } }));
  }, 60_000);

  it('runs import: the runs it added and skipped, where the notebook went, a hand-in and its status', async () => {
    for (const lang of ['ko', 'en'] as const) {
      const into = join(dir(), `import-${lang}.db`);
      const first = await nnlabIn(lang, ['runs', 'import', runFile, handInFile, '--db', into]);
      const again = await nnlabIn(lang, ['runs', 'import', runFile, handInFile, '--db', into]);
      expect([first.code, again.code], again.err.join('\n')).toEqual([0, 0]);
      const text = `${first.text}\n${again.text}`;
      if (lang === 'ko') {
        expectKorean('runs import', text);
        expect(first.out).toContainEqual(expect.stringMatching(/notes\.nnlab: 실습 노트: 항목 \d+개를 내 노트에 섞지 않고 이 파일 \(학생 이름이 없습니다\) 아래에 따로 보관했습니다$/));
        expect(first.out).toContainEqual(expect.stringMatching(/hand-in\.nnlab: 홍길동 \(20231234\), "3주차 실습": 새 제출$/));
        expect(again.out).toContainEqual(expect.stringMatching(/notes\.nnlab: [0-9a-f]{8} "원"은 건너뛰었습니다: 같은 실행이 이미 기록에 있습니다$/));
        expect(again.out).toContainEqual(expect.stringMatching(/홍길동 \(20231234\), "3주차 실습": 같거나 더 새로운 제출이 이미 있어 그 학생의 답을 그대로 두었습니다$/));
      } else {
        expect(hangulIn(text.replace(/"[^"]*"|홍길동/g, ''))).toEqual([]);
        expect(again.out).toContainEqual(expect.stringMatching(/notes\.nnlab: skipped [0-9a-f]{8} "원": a run with this id is already in the history$/));
      }
    }
  });

  it('train: why the weights were not saved', async () => {
    const diverging = specFile(dir(), circleSpec({ layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse', optimizer: { name: 'sgd', lr: 1e6 } }));
    const weights = join(dir(), 'never.json');
    const ko = await nnlabIn('ko', ['train', '--spec', diverging, '--save-weights', weights, '--no-db']);
    expect(ko.code).toBe(1);
    expect(ko.err).toContainEqual(`가중치를 ${weights}에 저장하지 않았습니다: 실행이 발산으로 끝나서 가중치를 남기지 않습니다`);
    // The report's header shows the spec's own values (mse, linear) as the file has them; the notes are Korean.
    expectKorean('train --save-weights', ko.err.join('\n'));
    expect(ko.out).toContainEqual('  2단계에서 발산했습니다: 손실이 Infinity가 되었습니다. 학습률이나 초기 가중치의 크기를 줄여 보세요');
    const en = await nnlabIn('en', ['train', '--spec', diverging, '--save-weights', weights, '--no-db']);
    expect(en.err).toContainEqual(`weights not saved to ${weights}: the run diverged, so its weights are not worth keeping`);
    expect(hangulIn(en.text)).toEqual([]);
  }, 30_000);

  it('train --seeds --json: a seed that diverged is said on standard error', async () => {
    const diverging = specFile(dir(), circleSpec({ layers: [{ units: 8, activation: 'relu' }, { units: 1, activation: 'linear' }], loss: 'mse', optimizer: { name: 'sgd', lr: 1e6 } }));
    const ko = await nnlabIn('ko', ['train', '--spec', diverging, '--seeds', '2', '--json', '--no-db']);
    expect(ko.code).toBe(1);
    expect(ko.err).toContainEqual(expect.stringMatching(/^시드 3: 발산: \d+단계에서 발산했습니다: 손실이 /));
    expectKorean('train --seeds', ko.err.join('\n'));
    const en = await nnlabIn('en', ['train', '--spec', diverging, '--seeds', '2', '--json', '--no-db']);
    expect(en.err).toContainEqual(expect.stringMatching(/^seed 3 diverged: training diverged at step \d+/));
  }, 30_000);

  it('pack create, pack open and handin say what they did', async () => {
    const student = join(dir(), 'student.db');
    const pack = join(dir(), 'week4.nnlabpack');
    const said = { ko: [] as string[], en: [] as string[] };
    for (const lang of ['ko', 'en'] as const) {
      const created = await nnlabIn(lang, ['pack', 'create', '--title', '4주차', '--class', '딥러닝', '--preset', 'overfit-l2', '--sheet', '04-initialization', '--out', pack]);
      expect(created.code, created.err.join('\n')).toBe(0);
      const opened = await nnlabIn(lang, ['pack', 'open', pack, '--db', join(dir(), `${lang}-student.db`)]);
      const openedAgain = await nnlabIn(lang, ['pack', 'open', pack, '--db', join(dir(), `${lang}-student.db`)]);
      said[lang].push(...created.out, ...opened.out, ...openedAgain.out);
    }
    expect(said.ko[0]).toMatch(/^실습 묶음 [0-9a-f-]{36} "4주차"를 .*week4\.nnlabpack에 썼습니다 \(실습지 1개, 프리셋 1개, 설정 0개\)$/);
    expect(said.ko[1]).toMatch(/^실습 묶음 [0-9a-f-]{36} "4주차"를 열었습니다$/);
    expect(said.ko[2]).toMatch(/^실습 묶음 [0-9a-f-]{36} "4주차"는 이미 열려 있습니다; 바뀐 것이 없습니다$/);
    expectKorean('pack', said.ko.join('\n'));
    expect(said.en[0]).toMatch(/\(1 sheet, 1 preset, 0 specs\)$/);
    expect(hangulIn(said.en.join('\n').replace(/"[^"]*"/g, ''))).toEqual([]);
    const { id } = await nnlabJson<{ id: string }>(['pack', 'open', pack, '--db', student]);
    const out = join(dir(), 'my-hand-in.nnlab');
    const handedIn = await nnlabIn('ko', ['handin', '--pack', id.slice(0, 8), '--name', '홍길동', '--number', '7', '--out', out, '--db', student]);
    expect(handedIn.out).toEqual([`홍길동 (7)의 제출 파일을 ${out}에 썼습니다 (실습 묶음 ${id.slice(0, 8)}): 실행 0개, 노트 항목 0개`]);
  });
});

describe('bad input to pack, handin, presets verify and serve is one line in the language chosen', () => {
  const cases: { args: string[]; ko: string; en: string }[] = [
    { args: ['pack'], ko: '오류: nnlab pack: 하위 명령을 주세요 (create, open)', en: 'error: nnlab pack: give a subcommand (create, open)' },
    { args: ['pack', 'create', '--class', 'C', '--out', ':out'], ko: '오류: nnlab pack create: 실습 이름을 --title T로 주세요', en: "error: nnlab pack create: give the lab's title with --title T" },
    { args: ['pack', 'create', '--title', 'T', '--out', ':out'], ko: '오류: nnlab pack create: 수업을 --class C로 주세요', en: 'error: nnlab pack create: give the class with --class C' },
    { args: ['pack', 'create', '--title', 'T', '--class', 'C'], ko: '오류: nnlab pack create: 쓸 파일을 --out FILE로 주세요', en: 'error: nnlab pack create: give the file to write with --out FILE' },
    { args: ['pack', 'create', '--title', 'T', '--class', 'C', '--preset', 'nope', '--out', ':out'], ko: '오류: --preset "nope": ‘nope’ 프리셋은 이 NN Lab에 없습니다', en: 'error: --preset "nope": "nope" is not a preset of this NN Lab' },
    { args: ['pack', 'create', '--title', 'T', '--class', 'C', '--spec', ':bad-spec', '--out', ':out'], ko: '오류: --spec ', en: 'error: --spec ' },
    { args: ['pack', 'create', '--title', 'T', '--class', 'C', '--sheet-file', ':empty', '--out', ':out'], ko: '오류: nnlab pack create: 실습지 파일 ', en: 'error: nnlab pack create: the sheet file ' },
    { args: ['pack', 'open'], ko: '오류: nnlab pack open: 실습 묶음 파일을 하나 주세요', en: 'error: nnlab pack open: give one lab pack file' },
    { args: ['pack', 'open', ':missing'], ko: '오류: ', en: 'error: cannot read ' },
    { args: ['pack', 'open', ':bad-spec'], ko: '오류: NN Lab 실습 묶음 파일이 아닙니다', en: 'error: this is not an NN Lab lab pack' },
    { args: ['handin', '--name', 'N', '--number', '1', '--out', ':out'], ko: '오류: nnlab handin: 실습 묶음을 --pack PACKID로 주세요', en: 'error: nnlab handin: give the lab pack with --pack PACKID' },
    { args: ['handin', '--pack', 'abcdefgh', '--name', 'N', '--number', '1'], ko: '오류: nnlab handin: 쓸 파일을 --out FILE로 주세요', en: 'error: nnlab handin: give the file to write with --out FILE' },
    { args: ['handin', '--pack', 'abcdefgh', '--name', 'N', '--out', ':out'], ko: '오류: nnlab handin: --name과 --number를 함께 주세요', en: 'error: nnlab handin: give both --name and --number' },
    { args: ['handin', '--pack', 'abcdef12', '--out', ':out', '--db', ':db'], ko: '오류: 이 실습 묶음이 이 컴퓨터에 열려 있지 않습니다', en: 'error: no lab pack abcdef12 has been opened' },
    { args: ['handin', '--pack', '12', '--name', 'N', '--number', '1', '--out', ':out', '--db', ':db'], ko: '오류: "12"는 실습 묶음 ID가 아닙니다', en: 'error: "12" is not a lab pack id' },
    { args: ['presets', 'verify', 'nope'], ko: '오류: nnlab presets verify: 알 수 없는 프리셋이나 비교 "nope"', en: 'error: nnlab presets verify: unknown preset or comparison "nope"' },
    { args: ['presets', 'verify', 'probe-relu-he'], ko: '오류: nnlab presets verify: "probe-relu-he"는 초기화 실험 프리셋입니다', en: 'error: nnlab presets verify: "probe-relu-he" is a probe preset' },
    { args: ['serve', '--port', '70000'], ko: '오류: --port: 70000은 포트 번호가 아닙니다 (0~65535)', en: 'error: --port: 70000 is not a port (0 to 65535)' },
    { args: ['runs', 'export', ':any-id', '--out', ':no-folder', '--db', ':db'], ko: '오류: ', en: 'error: ' },
  ];

  for (const { args, ko, en } of cases) {
    it(`nnlab ${args.filter((a) => !a.startsWith(':')).join(' ')}`, async () => {
      const emptySheet = join(dir(), 'empty-sheet.txt');
      writeFileSync(emptySheet, '\n\n');
      const files: Record<string, string> = {
        ':db': join(dir(), 'empty.db'),
        ':out': join(dir(), 'never-written.out'),
        ':no-folder': join(dir(), 'no-such-folder', 'x.nnlab'),
        ':missing': join(dir(), 'no-such-pack.nnlabpack'),
        ':empty': emptySheet,
        ':any-id': 'ffffffff',
        ':bad-spec': specFile(dir(), circleSpec({ training: { batchSize: 0, epochs: 1 } })),
      };
      const real = args.map((arg) => files[arg] ?? arg);
      const korean = await nnlabIn('ko', real);
      expect(korean.code).toBe(2);
      expect(korean.err).toHaveLength(1);
      expect(korean.err[0]!.startsWith(ko), korean.err[0]).toBe(true);
      expect(englishIn(korean.err[0]!)).toEqual([]);
      const english = await nnlabIn('en', real);
      expect(english.code).toBe(2);
      expect(english.err).toHaveLength(1);
      expect(english.err[0]!.startsWith(en), english.err[0]).toBe(true);
      expect(hangulIn(english.err[0]!)).toEqual([]);
    });
  }

  it("a pack's spec problem names the file and the field as the screens do", async () => {
    const bad = specFile(dir(), circleSpec({ training: { batchSize: 0, epochs: 1 } }));
    const ko = await nnlabIn('ko', ['pack', 'create', '--title', 'T', '--class', 'C', '--spec', bad, '--out', join(dir(), 'x.nnlabpack')]);
    expect(ko.err).toEqual([`오류: --spec "${bad}": 배치 크기(training.batchSize): 1 이상이어야 합니다`]);
    const en = await nnlabIn('en', ['pack', 'create', '--title', 'T', '--class', 'C', '--spec', bad, '--out', join(dir(), 'x.nnlabpack')]);
    expect(en.err).toEqual([`error: --spec "${bad}": training.batchSize: must be at least 1`]);
  });

  it('export-script names a bad field as the screens do', async () => {
    const bad = specFile(dir(), circleSpec({ layers: [{ units: 3, activation: 'softmax' }] }));
    const ko = await nnlabIn('ko', ['export-script', '--spec', bad, '--out', '-']);
    expect(ko.err[0]).toMatch(/을 내보낼 수 없습니다: 은닉층 1 뉴런 수\(layers\[0\]\.units\): 출력층 뉴런은 3개인데/);
  });
});
