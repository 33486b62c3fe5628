import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import type { RunSpec } from '../../../engine/api/run-spec';
import { MAX_SPEC_FILE_BYTES, SpecFileError, nnlabCommand, parseSpecFileText, readSpecFile, specFileName, specFileText, type SpecFileProblem } from '../../../renderer/src/lib/spec-file/spec-file';
import { specFileProblemText } from '../../../renderer/src/lib/spec-file/spec-file-text';
import { defaultDraft, draftToSpec } from '../../../renderer/src/lib/state/spec-draft';
import { nnlab } from '../../cli/cli-harness';

const scratch = mkdtempSync(join(tmpdir(), 'nnlab-spec-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The builder's first spec, trained for 2 epochs (a quick CLI run). */
function builderSpec(overrides: Partial<RunSpec> = {}): RunSpec {
  const spec = parseRunSpec(draftToSpec(defaultDraft()));
  return { ...spec, training: { ...spec.training, epochs: 2 }, ...overrides };
}

function problemOf(action: () => unknown): SpecFileProblem {
  try {
    action();
  } catch (error) {
    if (error instanceof SpecFileError) return error.problem;
    throw error;
  }
  throw new Error('expected a SpecFileError');
}

describe('the spec file the builder saves', () => {
  it('is the spec with its defaults filled in, and reads back as the same spec', () => {
    const spec = builderSpec({ name: '원, tanh' });
    const text = specFileText(spec);
    expect(JSON.parse(text)).toEqual(spec);
    expect(parseSpecFileText(text)).toEqual(spec);
    expect(specFileName(spec)).toBe('원,-tanh.nnlab-spec.json');
    expect(specFileName(builderSpec())).toBe('circle-4-2-2.nnlab-spec.json');
    expect(specFileName(builderSpec({ name: 'a/b: c?\u202e.' }))).toBe('a_b_-c_.nnlab-spec.json');
    expect(specFileName(builderSpec({ name: ' ... ' }))).toBe('circle-4-2-2.nnlab-spec.json');
  });

  it('trains with nnlab train --spec FILE', async () => {
    const file = join(scratch, specFileName(builderSpec({ name: 'saved' })));
    writeFileSync(file, specFileText(builderSpec({ name: 'saved' })));
    const run = await nnlab(['train', '--spec', file, '--json']);
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out.at(-1)).toMatch(/"type":"end".*"status":"completed"/);
  });
});

describe('opening a spec file', () => {
  it('skips a byte order mark and keeps only the characters of a name that show', () => {
    const spec = builderSpec({ name: 'evil\u202ename\u0007' });
    expect(parseSpecFileText(`\uFEFF${specFileText(spec)}`).name).toBe('evilname');
  });

  it('refuses a file larger than the bound before reading it', async () => {
    let read = false;
    const huge = { size: MAX_SPEC_FILE_BYTES + 1, text: async () => ((read = true), '{}') };
    await expect(readSpecFile(huge)).rejects.toThrow(SpecFileError);
    expect(read).toBe(false);
    await expect(readSpecFile({ size: 10, text: async () => specFileText(builderSpec()) })).resolves.toEqual(builderSpec());
  });

  it('says where the JSON breaks, in Korean and English', () => {
    const problem = problemOf(() => parseSpecFileText('{\n  "version": 1,\n  "seed": 1\n  "dtype": "float32"\n}'));
    expect(problem).toEqual({ kind: 'not-json', line: 4, column: 3 });
    expect(specFileProblemText(problem, 'ko')).toBe('사양 파일 형식이 아닙니다 (4번째 줄 3번째 글자)');
    expect(specFileProblemText(problem, 'en')).toBe('not a spec file: the text is not valid JSON (line 4, column 3)');
    expect(problemOf(() => parseSpecFileText('{"version": 1,'))).toEqual({ kind: 'not-json', line: 1, column: 15 });
    expect(problemOf(() => parseSpecFileText(''))).toMatchObject({ kind: 'not-json' });
    expect(problemOf(() => parseSpecFileText('{"__proto__": {"polluted": 1}}'))).toEqual({ kind: 'forbidden-key' });
  });

  it('names the field of a spec problem, and how many more there are', () => {
    const bad = { ...builderSpec(), optimizer: { name: 'sgd', lr: -1 } };
    const problem = problemOf(() => parseSpecFileText(JSON.stringify(bad)));
    expect(problem).toMatchObject({ kind: 'spec', problems: [{ field: 'optimizer.lr' }] });
    expect(specFileProblemText(problem, 'ko')).toMatch(/^학습률: /);
    expect(specFileProblemText(problem, 'en')).toMatch(/^Learning rate: /);

    const worse = { ...bad, layers: [{ units: 0, activation: 'relu' }, { units: 2, activation: 'softmax' }] };
    const two = problemOf(() => parseSpecFileText(JSON.stringify(worse)));
    expect(specFileProblemText(two, 'ko')).toMatch(/\(문제 1개 더\)$/);
    expect(specFileProblemText(two, 'en')).toMatch(/\(and 1 more\)$/);
    expect(specFileProblemText({ kind: 'too-large', bytes: 20 * 1024 * 1024 }, 'ko')).toBe('파일이 너무 큽니다 (20 MB, 최대 16 MB)');
  });
});

describe('the nnlab command the builder copies', () => {
  it('pasted into bash, hands `nnlab train --spec -` exactly the saved file, whatever the name holds', () => {
    const spec = builderSpec({ name: "it's $HOME `id` $(id) \\ \"q\" NNLAB_SPEC" });
    const command = nnlabCommand(spec);
    // `nnlab` as a bash function that records its arguments and what it reads on standard input.
    const script = `nnlab() { printf '%s\\n' "$@" > args.txt; cat > stdin.json; }\n${command}`;
    const result = spawnSync('bash', ['-c', script], { cwd: scratch, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(join(scratch, 'args.txt'), 'utf8')).toBe('train\n--spec\n-\n');
    expect(readFileSync(join(scratch, 'stdin.json'), 'utf8')).toBe(specFileText(spec));
    expect(parseSpecFileText(readFileSync(join(scratch, 'stdin.json'), 'utf8'))).toEqual(spec);
  });
});
