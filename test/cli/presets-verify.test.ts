import { describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../engine/lab/claim-verification';
import { nnlab } from './cli-harness';

/**
 * `nnlab presets verify` through the same LabService (worker threads) the app trains with. The
 * fast subset CI runs over 5 seeds: the slide's network and the batch-norm presets of the
 * overfitting sheet's two comparisons (1,000 MNIST images, 200 steps each), in full. The whole
 * set takes the full command (README: the verify table).
 */
describe('nnlab presets verify', () => {
  it('the backprop network and the sheet’s batch-norm comparisons hold on 5 seeds (42–46), each judged at its end', async () => {
    const run = await nnlab(['presets', 'verify', 'backprop-lecture-network', 'batchnorm-small-init', 'batchnorm-he-scale', '--seeds', '5', '--workers', '2', '--json']);
    expect(run.code, run.err.join('\n')).toBe(0);
    expect(run.out).toHaveLength(1);
    const report = JSON.parse(run.stdout) as VerificationReport;
    expect(report.runs).toBe(5);
    expect(report.allHeld).toBe(true);
    expect(report.presets.map((p) => p.id)).toEqual(['backprop-lecture-network', 'bn-off-std-0_293', 'bn-on-std-0_293', 'bn-off-std-0_00736', 'bn-on-std-0_00736']);
    expect(report.comparisons.map((c) => c.id)).toEqual(['backprop-one-update', 'batchnorm-small-init', 'batchnorm-he-scale']);
    for (const claim of [...report.presets, ...report.comparisons]) {
      expect(claim.held, claim.id).toBe(5);
      expect(claim.verdicts.map((v) => v.seed)).toEqual([42, 43, 44, 45, 46]);
      for (const row of claim.rows) for (const cell of row.cells) expect(cell.value, `${claim.id}: ${row.label.en}`).not.toBeNull();
    }
    // Each batch-norm preset is judged on its training accuracy at step 200, its end.
    const plain = report.presets.find((p) => p.id === 'bn-off-std-0_00736')!;
    expect(plain.rows.map((r) => [r.label.en, r.expected.en])).toEqual([['training accuracy at step 200', '< 30 %']]);
    expect(plain.rows[0]!.cells.map((c) => c.step)).toEqual([200, 200, 200, 200, 200]);
    // One progress line per run on stderr.
    expect(run.err.filter((line) => line.startsWith('verify: '))).toHaveLength(25);
  }, 300_000);

  it('prints a table: a row per criterion with the judged number and ✔ per seed, and held k/N', async () => {
    const run = await nnlab(['presets', 'verify', 'backprop-lecture-network', '--seeds', '2', '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.out[0]).toMatch(/^preset \/ criterion\s+bound\s+seed 42\s+seed 43$/);
    expect(run.out).toContainEqual(expect.stringMatching(/^backprop-lecture-network\s+✔\s+✔\s+held 2\/2$/));
    expect(run.out).toContainEqual(expect.stringMatching(/^ {2}loss after the update \(below the loss before it\)\s+< 0\.0979\s+0\.0860 ✔\s+0\.0860 ✔$/));
    expect(run.out.at(-1)).toMatch(/^Every claim held on every seed \(2 claims × 2 seeds, \d+ s\)\.$/);
  }, 120_000);

  it('refuses unknown ids, probe presets and a seed count below 1, before training anything', async () => {
    const unknown = await nnlab(['presets', 'verify', 'nope', '--lang', 'en']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toEqual(['error: nnlab presets verify: unknown preset or comparison "nope" (run "nnlab presets" to see the preset ids)']);
    const probe = await nnlab(['presets', 'verify', 'probe-relu-he', '--lang', 'en']);
    expect(probe.code).toBe(2);
    expect(probe.err[0]).toContain('"probe-relu-he" is a probe preset');
    expect((await nnlab(['presets', 'verify', '--seeds', '0'])).code).toBe(2);
    expect((await nnlab(['presets', 'verify', '--lang', 'fr'])).code).toBe(2);
    expect((await nnlab(['presets', '--help', '--lang', 'en'])).stdout).toContain('nnlab presets verify [ID…]');
    // A subcommand's --help is its own usage, not the listing's.
    const verifyHelp = (await nnlab(['presets', 'verify', '--help', '--lang', 'en'])).stdout;
    expect(verifyHelp.startsWith('Usage: nnlab presets verify')).toBe(true);
    expect(verifyHelp).not.toContain('Lists the lecture');
    const listHelp = (await nnlab(['runs', 'list', '--help', '--lang', 'en'])).stdout;
    expect(listHelp.startsWith('nnlab runs list')).toBe(true);
    expect(listHelp).toContain('--db PATH');
    expect(listHelp).not.toContain('nnlab runs import');
  });
});
