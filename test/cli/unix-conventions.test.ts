import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIO, RawTerminal } from '../../cli/cli-io';
import { readWhole } from '../../cli/cli-io';
import { chooseLanguage } from '../../cli/cli-language';
import { main } from '../../cli/nnlab';
import { progressText } from '../../cli/progress-line';
import { counted } from '../../engine/lab/counted-words';
import { summary } from '../../cli/commands/train-report';
import { circleSpec, events, repoRoot, specFile, useTempFolder } from './train-helpers';

const dir = useTempFolder();
/** The erase-to-end-of-line sequence and the control characters a piped text must not hold. */
const ERASE = '\x1b[K';
const hasControl = (text: string) => text.includes('\r') || text.includes('\x1b');
/** The environment of a test that reads the English lines (Korean is the default here). */
const ENGLISH = { NNLAB_LANG: 'en' };
const packageVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** A CliIO as a terminal would give it, in process: stdin from `stdin`, stderr a TTY when `tty`, stdout bytes kept. */
function fakeTerminal(options: { stdin?: string; tty?: boolean; env?: Record<string, string> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const raw: string[] = [];
  const bytes: Buffer[] = [];
  const terminal: RawTerminal = { write: (text) => raw.push(text), columns: 80 };
  const io: CliIO = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    outBytes: (data) => bytes.push(Buffer.from(data)),
    ...(options.tty ? { errTerminal: terminal } : {}),
    readStdin: (limit) => readWhole(Readable.from([Buffer.from(options.stdin ?? '')]), limit),
    env: options.env ?? {},
  };
  return { io, out, err, raw, bytes: () => Buffer.concat(bytes) };
}

describe('one language setting for every command', () => {
  it('takes --lang, else NNLAB_LANG, else the system locale (Korean unless it names another language)', () => {
    expect(chooseLanguage('en', { NNLAB_LANG: 'ko', LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(chooseLanguage(undefined, { NNLAB_LANG: 'en', LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(chooseLanguage(undefined, { LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(chooseLanguage(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(chooseLanguage(undefined, { LC_ALL: 'de_DE.UTF-8', LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(chooseLanguage(undefined, { LC_MESSAGES: 'ko_KR', LANG: 'en_US' })).toBe('ko');
    expect(chooseLanguage(undefined, { LANG: 'C.UTF-8' })).toBe('ko');
    expect(chooseLanguage(undefined, {})).toBe('ko');
  });

  it('every command takes --lang, and a bad value (flag or NNLAB_LANG) is the same one line everywhere', async () => {
    const commands = [['train', '--preset', 'backprop-lecture-network', '--no-db'], ['presets'], ['presets', 'verify'], ['runs', 'list'], ['probe', '--activation', 'tanh'], ['walkthrough'], ['class', 'summary'], ['pack', 'open', 'x.nnlabpack'], ['handin'], ['serve']];
    for (const command of commands) {
      // The bad value cannot choose the language of its own error: NNLAB_LANG or the system's does.
      const flag = fakeTerminal({ env: { LANG: 'en_US.UTF-8' } });
      expect(await main([...command, '--lang', 'fr'], flag.io), command.join(' ')).toBe(2);
      expect(flag.err, command.join(' ')).toEqual(['error: --lang: "fr" is not a language here (use ko or en)']);
      const korean = fakeTerminal();
      expect(await main([...command, '--lang', 'fr'], korean.io), command.join(' ')).toBe(2);
      expect(korean.err, command.join(' ')).toEqual(['오류: --lang: "fr"는 여기서 쓰는 언어가 아닙니다 (ko 또는 en)']);
      const env = fakeTerminal({ env: { NNLAB_LANG: 'jp', LANG: 'en_US.UTF-8' } });
      expect(await main(command, env.io)).toBe(2);
      expect(env.err, command.join(' ')).toEqual(['error: NNLAB_LANG: "jp" is not a language here (use ko or en)']);
    }
    // Commands that had no --lang before take it now (walkthrough and probe print words too).
    const walkthrough = fakeTerminal();
    expect(await main(['walkthrough', '--lang', 'en'], walkthrough.io)).toBe(0);
    const presets = fakeTerminal({ env: { NNLAB_LANG: 'en' } });
    expect(await main(['presets', 'backprop-lecture-network'], presets.io)).toBe(0);
    expect(presets.out[1]).toMatch(/^ {2}claim /);
    const korean = fakeTerminal({ env: { LANG: 'ko_KR.UTF-8' } });
    expect(await main(['presets', 'backprop-lecture-network'], korean.io)).toBe(0);
    expect(korean.out[1]).toMatch(/^ {2}주장 /);
  });
});

describe('--spec - reads the spec from standard input', () => {
  it('trains the spec piped in, named "standard input"', async () => {
    const terminal = fakeTerminal({ stdin: JSON.stringify(circleSpec()) });
    expect(await main(['train', '--spec', '-', '--no-db', '--json'], terminal.io)).toBe(0);
    const all = events(terminal.out);
    expect(all[0]!.type).toBe('start');
    expect(all.at(-1)).toMatchObject({ type: 'end', status: 'completed', steps: 9 });
    const readable = fakeTerminal({ stdin: JSON.stringify(circleSpec()) });
    expect(await main(['train', '--spec', '-', '--no-db'], readable.io)).toBe(0);
    expect(readable.out[0]).toBe('Small circle  (standard input)');
  });

  it('empty, invalid or too large input is one line naming standard input (exit 2)', async () => {
    const empty = fakeTerminal({ stdin: ' \n', env: ENGLISH });
    expect(await main(['train', '--spec', '-', '--no-db'], empty.io)).toBe(2);
    expect(empty.err).toEqual(['error: --spec -: standard input is empty (pipe a RunSpec in, e.g. nnlab train --spec - < my-spec.json)']);
    const broken = fakeTerminal({ stdin: '{"version": 1,', env: ENGLISH });
    expect(await main(['train', '--spec', '-', '--no-db'], broken.io)).toBe(2);
    expect(broken.err).toHaveLength(1);
    expect(broken.err[0]).toMatch(/^error: standard input: not valid JSON \(/);
    const wrong = fakeTerminal({ stdin: JSON.stringify(circleSpec({ layers: [{ units: 1, activation: 'nope' as 'tanh' }] })), env: ENGLISH });
    expect(await main(['train', '--spec', '-', '--no-db'], wrong.io)).toBe(2);
    expect(wrong.err[0]).toMatch(/^error: standard input: layers\[0\]\.activation: /);
    await expect(readWhole(Readable.from([Buffer.alloc(10), Buffer.alloc(10)]), 15)).rejects.toThrow(/^standard input: more than/);
    // pack create takes --spec - too, once.
    const twice = fakeTerminal({ stdin: JSON.stringify(circleSpec()), env: ENGLISH });
    expect(await main(['pack', 'create', '--title', 'T', '--class', 'C', '--spec', '-', '--spec', '-', '--out', join(dir(), 'p.nnlabpack')], twice.io)).toBe(2);
    expect(twice.err).toEqual(['error: nnlab pack create: --spec - reads standard input, which holds one spec; give it once']);
  });
});

describe('--out - writes to standard output', () => {
  it('runs export --csv --out - writes the CSV alone, without the byte order mark; the file has it', async () => {
    const db = join(dir(), 'out.db');
    expect(await main(['train', '--spec', specFile(dir(), circleSpec()), '--db', db], fakeTerminal().io)).toBe(0);
    const list = fakeTerminal();
    await main(['runs', 'list', '--db', db, '--json'], list.io);
    const id = (JSON.parse(list.out.join('\n')) as { id: string }[])[0]!.id;
    const piped = fakeTerminal();
    expect(await main(['runs', 'export', id, '--csv', '--out', '-', '--db', db], piped.io)).toBe(0);
    expect(piped.out).toEqual([]);
    expect(piped.bytes().toString('utf8')).toMatch(/^run_id,run_name,kind,step,/);
    const file = join(dir(), 'metrics.csv');
    expect(await main(['runs', 'export', id, '--out', file, '--db', db], fakeTerminal().io)).toBe(0);
    const written = readFileSync(file);
    expect([...written.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(written.subarray(3)).toEqual(piped.bytes());
    // The run file (gzip) goes to a pipe whole, but not to a terminal; --json cannot share stdout.
    const runFile = fakeTerminal();
    expect(await main(['runs', 'export', id, '--out', '-', '--db', db], runFile.io)).toBe(0);
    expect([...runFile.bytes().subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const onTerminal = fakeTerminal({ env: ENGLISH });
    onTerminal.io.outIsTerminal = true;
    expect(await main(['runs', 'export', id, '--out', '-', '--db', db], onTerminal.io)).toBe(2);
    expect(onTerminal.err[0]).toMatch(/^error: --out -: this file is compressed \(binary\)/);
    const both = fakeTerminal({ env: ENGLISH });
    expect(await main(['runs', 'export', id, '--out', '-', '--json', '--db', db], both.io)).toBe(2);
    expect(both.err).toEqual(['error: --out - and --json both write to standard output; give --out a file name, or leave --json out']);
    // runs rerun on a terminal: the one progress line, over the stored run's steps, erased before the verdict.
    const rerun = fakeTerminal({ tty: true });
    expect(await main(['runs', 'rerun', id, '--db', db, '--lang', 'en'], rerun.io)).toBe(0);
    const drawn = rerun.raw.filter((text) => text !== '\r\x1b[K');
    expect(drawn.length).toBeGreaterThan(0);
    for (const text of drawn) expect(text.startsWith('\rrerun ') && text.includes('/9  ') && text.endsWith('\x1b[K')).toBe(true);
    expect(rerun.raw.at(-1)).toBe('\r\x1b[K');
    expect(rerun.out.at(-1)).toMatch(/^identical ✔ {2}9 steps, /);
  }, 60_000);
});

describe('progress on a terminal, nothing in a pipe', () => {
  const long = () => specFile(dir(), circleSpec({ dataset: { name: 'circle', samples: 400, testFraction: 0.5 }, training: { batchSize: 1, epochs: 3 }, diagnostics: { every: 100, bins: 5 } }));

  it('train draws one updating line on standard error (step/total, percent, ETA) and erases it at the end', async () => {
    const terminal = fakeTerminal({ tty: true });
    expect(await main(['train', '--spec', long(), '--no-db', '--lang', 'en'], terminal.io)).toBe(0);
    const drawn = terminal.raw.filter((text) => text !== '\r\x1b[K');
    expect(drawn.length).toBeGreaterThan(0);
    for (const text of drawn) {
      expect(text.endsWith(ERASE)).toBe(true);
      expect(text.slice(0, -ERASE.length)).toMatch(/^\rtrain \d+\/600 {2}\d+% {2}ETA (–|\d+(:\d\d)+)$/);
    }
    expect(terminal.raw.at(-1)).toBe('\r\x1b[K');
    // The line replaces the printed progress lines; the report itself is unchanged and has no control characters.
    expect(terminal.out.some((line) => line.includes('batch loss'))).toBe(false);
    expect(hasControl(terminal.out.join('\n'))).toBe(false);
    expect(terminal.out.some((line) => line.startsWith('completed: 600 steps in '))).toBe(true);
  }, 60_000);

  it('with --json, or when standard error is not a terminal, nothing is drawn', async () => {
    const json = fakeTerminal({ tty: true });
    expect(await main(['train', '--spec', long(), '--no-db', '--json'], json.io)).toBe(0);
    expect(json.raw).toEqual([]);
    expect(json.err).toEqual([]);
    const pipe = fakeTerminal();
    expect(await main(['train', '--spec', long(), '--no-db', '--seeds', '2', '--lang', 'en'], pipe.io)).toBe(0);
    expect(pipe.raw).toEqual([]);
    expect(pipe.err).toEqual([]);
  }, 60_000);

  it('train --seeds shows the steps of all seeds on the one line', async () => {
    const terminal = fakeTerminal({ tty: true });
    expect(await main(['train', '--spec', long(), '--no-db', '--seeds', '2', '--lang', 'ko'], terminal.io)).toBe(0);
    const drawn = terminal.raw.filter((text) => text !== '\r\x1b[K');
    expect(drawn.length).toBeGreaterThan(0);
    for (const text of drawn) {
      expect(text.endsWith(ERASE)).toBe(true);
      expect(text.slice(0, -ERASE.length)).toMatch(/^\r학습 \(시드 2개\) \d+\/1200 {2}\d+% {2}남은 시간 (–|\d+(:\d\d)+)$/);
    }
    expect(terminal.raw.at(-1)).toBe('\r\x1b[K');
  }, 60_000);

  it('presets verify: on a terminal the runs done move the one line (no line per run); in a pipe a line per run on standard error', async () => {
    const terminal = fakeTerminal({ tty: true });
    expect(await main(['presets', 'verify', 'backprop-lecture-network', '--seeds', '2', '--lang', 'en'], terminal.io)).toBe(0);
    const drawn = terminal.raw.filter((text) => text !== '\r\x1b[K');
    expect(drawn.length).toBeGreaterThan(0);
    for (const text of drawn) expect(text.startsWith('\rverify (runs) ') && text.includes('/2  ') && text.endsWith('\x1b[K')).toBe(true);
    expect(terminal.raw.at(-1)).toBe('\r\x1b[K');
    expect(terminal.err).toEqual([]);
    const pipe = fakeTerminal();
    expect(await main(['presets', 'verify', 'backprop-lecture-network', '--seeds', '2', '--lang', 'en'], pipe.io)).toBe(0);
    expect(pipe.raw).toEqual([]);
    expect(pipe.err).toHaveLength(2);
    expect(pipe.err[0]).toMatch(/^verify: 1\/2 backprop-lecture-network seed 4\d: completed, 1 step$/);
  }, 60_000);

  it('a terminal that does not say its width (columns 0, as a pty without a size) gets the whole line, cut at 79', async () => {
    const raw: string[] = [];
    const io = { ...fakeTerminal().io, errTerminal: { write: (text: string) => raw.push(text), columns: 0 } };
    expect(await main(['train', '--spec', long(), '--no-db', '--lang', 'en'], io)).toBe(0);
    const drawn = raw.filter((text) => text !== '\r\x1b[K');
    expect(drawn.length).toBeGreaterThan(0);
    for (const text of drawn) expect(text).toContain('% ');
    const narrow: string[] = [];
    const cut = { ...fakeTerminal().io, errTerminal: { write: (text: string) => narrow.push(text), columns: 20 } };
    expect(await main(['train', '--spec', long(), '--no-db', '--lang', 'en'], cut)).toBe(0);
    expect(narrow.filter((text) => text !== '\r\x1b[K').every((text) => text.length === '\r'.length + 19 + '\x1b[K'.length)).toBe(true);
  }, 60_000);

  it('progressText: the time left is the time so far scaled by what is left', () => {
    expect(progressText('train', 0, 1000, 0, 'en')).toBe('train 0/1000  0%  ETA –');
    expect(progressText('train', 250, 1000, 10_000, 'en')).toBe('train 250/1000  25%  ETA 0:30');
    expect(progressText('학습', 1, 3600, 1000, 'ko')).toBe('학습 1/3600  0%  남은 시간 59:59');
    expect(progressText('train', 1, 10_000, 1000, 'en')).toBe('train 1/10000  0%  ETA 2:46:39');
    // Too early to tell: the first step's time is mostly the worker starting.
    expect(progressText('train', 1, 4000, 30, 'en')).toBe('train 1/4000  0%  ETA –');
    expect(progressText('train', 200, 4000, 300, 'en')).toBe('train 200/4000  5%  ETA 0:06');
  });

  it('through a real pipe: stdout is exactly the JSON events, stderr empty; --version is the version alone', async () => {
    const run = (args: string[], stdin: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'cli/bin.ts', ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NNLAB_LANG: '' } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
        child.stdin.end(stdin);
      });
    const trained = await run(['train', '--spec', '-', '--no-db', '--json'], JSON.stringify(circleSpec()));
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.stdout.endsWith('\n')).toBe(true);
    const lines = trained.stdout.trimEnd().split('\n');
    expect(events(lines).map((e) => e.type)).toContain('end');
    const readable = await run(['train', '--spec', '-', '--no-db', '--lang', 'en'], JSON.stringify(circleSpec()));
    expect(readable.code).toBe(0);
    expect(readable.stderr).toBe('');
    expect(hasControl(readable.stdout)).toBe(false);
    expect(readable.stdout).toMatch(/^Small circle {2}\(standard input\)\n/);
    const version = await run(['--version'], '');
    expect(version).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: '' });
  }, 60_000);
});

describe('counts read right', () => {
  it('0, 1 and 2 of each thing, in both languages, with the counter words of the app', () => {
    const nouns = ['step', 'epoch', 'run', 'seed', 'sample', 'trainingSample', 'input', 'class', 'file', 'sheet', 'preset', 'spec', 'claim', 'finding', 'entry', 'notebookEntry', 'student', 'byte'] as const;
    const table = Object.fromEntries(nouns.map((noun) => [noun, [0, 1, 2].flatMap((n) => [counted(n, noun, 'en'), counted(n, noun, 'ko')])]));
    expect(table).toEqual({
      step: ['0 steps', '0단계', '1 step', '1단계', '2 steps', '2단계'],
      epoch: ['0 epochs', '0 에폭', '1 epoch', '1 에폭', '2 epochs', '2 에폭'],
      run: ['0 runs', '실행 0개', '1 run', '실행 1개', '2 runs', '실행 2개'],
      seed: ['0 seeds', '시드 0개', '1 seed', '시드 1개', '2 seeds', '시드 2개'],
      sample: ['0 samples', '샘플 0개', '1 sample', '샘플 1개', '2 samples', '샘플 2개'],
      trainingSample: ['0 training samples', '훈련 샘플 0개', '1 training sample', '훈련 샘플 1개', '2 training samples', '훈련 샘플 2개'],
      input: ['0 inputs', '입력 0개', '1 input', '입력 1개', '2 inputs', '입력 2개'],
      class: ['0 classes', '클래스 0개', '1 class', '클래스 1개', '2 classes', '클래스 2개'],
      file: ['0 files', '파일 0개', '1 file', '파일 1개', '2 files', '파일 2개'],
      sheet: ['0 sheets', '실습지 0개', '1 sheet', '실습지 1개', '2 sheets', '실습지 2개'],
      preset: ['0 presets', '프리셋 0개', '1 preset', '프리셋 1개', '2 presets', '프리셋 2개'],
      spec: ['0 specs', '설정 0개', '1 spec', '설정 1개', '2 specs', '설정 2개'],
      claim: ['0 claims', '주장 0개', '1 claim', '주장 1개', '2 claims', '주장 2개'],
      finding: ['0 findings', '발견 0개', '1 finding', '발견 1개', '2 findings', '발견 2개'],
      entry: ['0 entries', '항목 0개', '1 entry', '항목 1개', '2 entries', '항목 2개'],
      notebookEntry: ['0 notebook entries', '노트 항목 0개', '1 notebook entry', '노트 항목 1개', '2 notebook entries', '노트 항목 2개'],
      student: ['0 students', '학생 0명', '1 student', '학생 1명', '2 students', '학생 2명'],
      byte: ['0 bytes', '0바이트', '1 byte', '1바이트', '2 bytes', '2바이트'],
    });
  });

  it('a run of one step on one sample says so: "1 training sample, no test split", "1 epoch × 1 step = 1 step", "completed: 1 step in"', async () => {
    const spec = { version: 1, name: 'one', seed: 1, dataset: { name: 'inline', x: [[0, 1]], y: [[0.5]] }, layers: [{ units: 1, activation: 'linear' }], loss: 'mse', optimizer: { name: 'sgd', lr: 0.1 }, training: { batchSize: 1, epochs: 1 } };
    const terminal = fakeTerminal({ stdin: JSON.stringify(spec) });
    expect(await main(['train', '--spec', '-', '--no-db', '--lang', 'en'], terminal.io)).toBe(0);
    const text = terminal.out.join('\n');
    expect(text).toContain('  data       inline: 1 training sample, no test split, 2 inputs, real-valued targets');
    expect(text).toContain('  schedule   1 epoch × 1 step = 1 step, seed 1');
    expect(text).toMatch(/\ncompleted: 1 step in /);
  });

  it('the same run in Korean (the default here), and a summary line for 0, 1 and 2 steps in both languages', async () => {
    const spec = { version: 1, name: 'one', seed: 1, dataset: { name: 'inline', x: [[0, 1]], y: [[0.5]] }, layers: [{ units: 1, activation: 'linear' }], loss: 'mse', optimizer: { name: 'sgd', lr: 0.1 }, training: { batchSize: 1, epochs: 1 } };
    const terminal = fakeTerminal({ stdin: JSON.stringify(spec), env: { LANG: 'ko_KR.UTF-8' } });
    expect(await main(['train', '--spec', '-', '--no-db'], terminal.io)).toBe(0);
    const text = terminal.out.join('\n');
    expect(text).toContain('  데이터     inline: 훈련 샘플 1개, 시험 분할 없음, 입력 2개, 실수값 목표');
    expect(text).toContain('  신경망     2-1 출력 linear/xavier, 손실 mse');
    expect(text).toContain('  일정       1 에폭 × 1단계 = 1단계, 시드 1, float32');
    expect(text).toMatch(/\n완료: 1단계, \d+(ms|\.\ds)\n {2}최종 {2}훈련 손실 \d\.\d{4}\n/);
    const end = (steps: number, status: 'completed' | 'stopped' = 'completed') => ({ type: 'end' as const, status, steps, elapsedMs: 5, final: null, message: null });
    const lines = [0, 1, 2].flatMap((n) => [summary(end(n), null, 'en')[0], summary(end(n), null, 'ko')[0]]);
    expect(lines).toEqual(['completed: 0 steps in 5ms', '완료: 0단계, 5ms', 'completed: 1 step in 5ms', '완료: 1단계, 5ms', 'completed: 2 steps in 5ms', '완료: 2단계, 5ms']);
    expect([summary(end(1, 'stopped'), 2, 'en')[0], summary(end(1, 'stopped'), 2, 'ko')[0]]).toEqual(['stopped: 1 of 2 steps in 5ms', '중지됨: 2단계 중 1단계, 5ms']);
  });
});
