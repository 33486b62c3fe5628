import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHistory } from '../../engine/history/run-history';
import { circleSpec, nnlab, specFile as writeSpec, useTempFolder } from './train-helpers';

/** `nnlab train --seeds N`: a seed group through the service (real workers), its result lines, its claim over the seeds, its errors. */
const tempFolder = useTempFolder();

describe('nnlab train --seeds', () => {
  it('trains a preset over N seeds, prints each seed and "reproduced in k of N seeds" with the key number, and stores one group', async () => {
    const db = join(tempFolder(), 'seeds.db');
    const run = await nnlab(['train', '--preset', 'backprop-lecture-network', '--seeds', '3', '--db', db, '--lang', 'en']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.err).toEqual([]);
    const text = run.out.join('\n');
    expect(run.out[0]).toMatch(/\(preset backprop-lecture-network\), 3 seeds 42–44, \d at a time$/);
    for (const seed of [42, 43, 44]) expect(text).toMatch(new RegExp(`^seed ${seed} {2}completed: 1 step in `, 'm'));
    for (const seed of [42, 43, 44]) expect(text).toMatch(new RegExp(`^ {2}seed ${seed} {2}✔ `, 'm'));
    expect(text).toMatch(/^reproduced in 3 of 3 seeds — .+: median \S+ \(\S+ – \S+\)$/m);
    const stored = run.out.at(-1)!;
    expect(stored).toMatch(/^stored as group [0-9a-f]{8} \(runs [0-9a-f]{8}, [0-9a-f]{8}, [0-9a-f]{8}\) in /);
    const history = openHistory(db, { instanceId: 'reader' });
    try {
      const runs = history.listRuns();
      expect(runs).toHaveLength(3);
      expect(new Set(runs.map((r) => r.groupId)).size).toBe(1);
      expect(runs.map((r) => r.seed).sort()).toEqual([42, 43, 44]);
      // Tagged as the sheets tag their runs: the class summary finds a preset's runs by it.
      expect(runs.map((r) => r.tags)).toEqual([['preset:backprop-lecture-network'], ['preset:backprop-lecture-network'], ['preset:backprop-lecture-network']]);
      expect(stored).toContain(`group ${runs[0]!.groupId!.slice(0, 8)}`);
    } finally {
      history.close();
    }
  });

  it('says it in Korean by default', async () => {
    const run = await nnlab(['train', '--preset', 'backprop-lecture-network', '--seeds', '2', '--no-db']);
    expect(run.code, run.stderr).toBe(0);
    const text = run.out.join('\n');
    expect(text).toMatch(/^ {2}시드 43 {2}✔ /m);
    expect(text).toMatch(/^2개 시드 중 2개에서 재현 — .+: 중앙값 /m);
    expect(text).not.toContain('stored as');
  });

  it('--json: one object per seed in seed order, then the group', async () => {
    const run = await nnlab(['train', '--preset', 'backprop-lecture-network', '--seeds', '2', '--no-db', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.err).toEqual([]);
    const objects = run.out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(objects).toHaveLength(3);
    expect(objects.slice(0, 2).map((o) => [o.seed, o.status, o.verdict])).toEqual([
      [42, 'completed', 'reproduced'],
      [43, 'completed', 'reproduced'],
    ]);
    const group = objects[2]!;
    expect(group).toMatchObject({ seeds: [42, 43], reproduced: 2, of: 2 });
    expect(group.groupId).toBe(objects[0]!.groupId);
    expect(group.runIds).toEqual([objects[0]!.runId, objects[1]!.runId]);
  });

  it('a spec file without a claim: result lines only; --json says reproduced null', async () => {
    const path = writeSpec(tempFolder(), circleSpec());
    const run = await nnlab(['train', '--spec', path, '--seeds', '2', '--no-db', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const objects = run.out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(objects.slice(0, 2).map((o) => o.seed)).toEqual([3, 4]);
    expect(objects[0]).not.toHaveProperty('verdict');
    expect(objects[2]).toMatchObject({ seeds: [3, 4], reproduced: null, of: null });
  });

  it('refuses a count outside 2…20 and --save-weights, with exit 2 and one line, training nothing', async () => {
    const db = join(tempFolder(), 'refused.db');
    for (const [args, message] of [
      [['--seeds', '1'], '--seeds: must be a whole number from 2 to 20 (got 1; for one run leave --seeds out)'],
      [['--seeds', '21'], '--seeds: must be a whole number from 2 to 20 (got 21; for one run leave --seeds out)'],
      [['--seeds', 'two'], '--seeds: must be a whole number from 2 to 20 (got two; for one run leave --seeds out)'],
      [['--seeds', '3', '--save-weights', join(tempFolder(), 'w.json')], "nnlab train: --save-weights writes one run's weights, and --seeds 3 trains 3 runs; leave --save-weights out (each seed's weights stay in the history)"],
    ] as const) {
      const run = await nnlab(['train', '--preset', 'backprop-lecture-network', ...args, '--db', db, '--lang', 'en']);
      expect(run.code).toBe(2);
      expect(run.err).toEqual([`error: ${message}`]);
      expect(run.out).toEqual([]);
    }
    const tooHigh = await nnlab(['train', '--spec', writeSpec(tempFolder(), circleSpec({ seed: 4294967295 })), '--seeds', '2', '--db', db]);
    expect(tooHigh.code).toBe(2);
    expect(tooHigh.err.join('\n')).toContain('seed: is 4294967295: 2 seeds from it would pass the largest seed');
  });
});
