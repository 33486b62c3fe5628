import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../engine/api/runs';
import { hasHiddenCharacters } from '../../engine/api/plain-text';
import { openHistory } from '../../engine/history/run-history';
import { nnlab, nnlabJson } from './cli-harness';

/**
 * A run's name, notes and tags can come from someone else's file. Printed as text they must not
 * act on the teacher's terminal: no ESC (colours, cursor moves, window titles), BEL, CR (which
 * overwrites the line), C1 controls or bidi overrides reach it. JSON output keeps the text as
 * stored (JSON.stringify writes the controls as escapes).
 */
const NAME = 'evil\u001b]0;pwned\u0007\u001b[2K\rfake\u009b31m\u202Eemanlive\u2066x\u2069';
const NOTES = 'line one\nline\u001b[31m two\r';
const TAG = 'tag\u202E\u0007';
/** ESC, BEL, CR, the other C0 controls but tab and line feed, DEL, C1, bidi embeddings, overrides and isolates. */
const hidden = (text: string) => hasHiddenCharacters(text, { multiline: true });

let dir: string;
let db: string;
let ids: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-terminal-text-'));
  db = join(dir, 'class.db');
  const spec = {
    version: 1,
    name: 'plain',
    seed: 1,
    dataset: { name: 'circle', samples: 100 },
    layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'softmax' }],
    optimizer: { name: 'adam', lr: 0.02 },
    training: { batchSize: 20, epochs: 1 },
  };
  const file = join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  for (let k = 0; k < 2; k++) expect((await nnlab(['train', '--spec', file, '--db', db])).code).toBe(0);
  ids = (await nnlabJson<RunSummary[]>(['runs', 'list', '--db', db])).map((run) => run.id);
  // As an imported file can store them.
  const history = openHistory(db, { instanceId: 'terminal-text-test' });
  try {
    history.rename(ids[0]!, NAME);
    history.setNotes(ids[0]!, NOTES);
    history.setTags(ids[0]!, [TAG]);
  } finally {
    history.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('text from the history on the terminal', () => {
  it('runs list prints the name and tags without control or bidi characters', async () => {
    const result = await nnlab(['runs', 'list', '--db', db]);
    expect(result.code).toBe(0);
    expect(hidden(result.stdout)).toBe(false);
    expect(result.stdout).toContain('evil]0;pwned[2Kfake31memanlive');
    expect(result.stdout).toContain('tag');
  });

  it('runs show prints name, notes and tags without them, the notes keeping their lines', async () => {
    const result = await nnlab(['runs', 'show', ids[0]!.slice(0, 8), '--db', db]);
    expect(result.code).toBe(0);
    expect(hidden(result.stdout)).toBe(false);
    expect(result.stdout).toContain('evil]0;pwned[2Kfake31memanlivex');
    expect(result.stdout).toContain('line one\nline[31m two');
  });

  it('runs compare and an error naming the run print them as text too', async () => {
    const compared = await nnlab(['runs', 'compare', ids[0]!.slice(0, 8), ids[1]!.slice(0, 8), '--db', db]);
    expect(compared.code).toBe(0);
    expect(hidden(compared.stdout)).toBe(false);
    const missing = await nnlab(['runs', 'show', `no-such-run\u001b[31m`, '--db', db]);
    expect(missing.code).not.toBe(0);
    expect(hidden(missing.err.join('\n'))).toBe(false);
  });

  it('--json keeps the stored text exactly, its controls written as JSON escapes', async () => {
    const result = await nnlab(['runs', 'list', '--db', db, '--json']);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).not.toContain('\u0007');
    const runs = JSON.parse(result.stdout) as RunSummary[];
    expect(runs.find((run) => run.id === ids[0])!.name).toBe(NAME);
  });
});
