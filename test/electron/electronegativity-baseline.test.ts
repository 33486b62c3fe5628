import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileMatches, loadBaseline, parseBaseline, triage, unexplainedParseErrors, type Finding } from '../../scripts/electronegativity-baseline';

/**
 * `npm run lint:security` (advisory, not in `npm test`) sorts electronegativity's findings with
 * electronegativity-baseline.json. Here: the baseline is well formed and every entry says why,
 * the script is wired to it, and the matching does what the baseline's entries rely on.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

const finding = (overrides: Partial<Finding>): Finding => ({
  check: 'SANDBOX_JS_CHECK',
  file: 'electron/main/app.ts',
  lineNumber: 81,
  lineText: '    const win = new BrowserWindow(mainWindowOptions(options.preloadPath, app.isPackaged));',
  severity: 'MEDIUM',
  confidence: 'FIRM',
  description: 'Use sandbox for untrusted origins',
  ...overrides,
});

describe('electronegativity-baseline.json', () => {
  it('is well formed, scans the sources and the build, and explains every entry', () => {
    const baseline = loadBaseline(join(root, 'electronegativity-baseline.json'));
    expect(baseline.scans).toEqual(['electron', 'out']);
    expect(baseline.findings.length).toBeGreaterThan(0);
    for (const entry of [...baseline.findings, ...baseline.excludedChecks, ...baseline.unparsed]) expect(entry.why.length).toBeGreaterThan(40);
  });

  it('is what `npm run lint:security` reads, and that script stays out of `npm test`', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['lint:security']).toBe('tsx scripts/lint-security.ts');
    expect(readFileSync(join(root, 'scripts', 'lint-security.ts'), 'utf8')).toContain("'electronegativity-baseline.json'");
    expect(scripts['test']).not.toContain('lint:security');
  });

  it('refuses entries without a reason or with an unknown disposition', () => {
    const entry = { check: 'SANDBOX_JS_CHECK', files: ['electron/main/app.ts'], line: 'new BrowserWindow(', disposition: 'false positive', why: 'options come from mainWindowOptions(), tested' };
    const base = { scans: ['electron'], excludedChecks: [], unparsed: [] };
    expect(() => parseBaseline({ ...base, findings: [entry] })).not.toThrow();
    expect(() => parseBaseline({ ...base, findings: [{ ...entry, why: 'ok' }] })).toThrow();
    expect(() => parseBaseline({ ...base, findings: [{ ...entry, disposition: 'ignored' }] })).toThrow();
  });
});

describe('triage', () => {
  const baseline = parseBaseline({
    scans: ['electron', 'out'],
    excludedChecks: [],
    unparsed: [{ file: 'out/renderer/assets/index-*.js', why: 'the tool cannot parse private class fields; covered by our own tests' }],
    findings: [
      { check: 'SANDBOX_JS_CHECK', files: ['electron/main/app.ts', 'out/main/index.js'], line: 'new BrowserWindow(mainWindowOptions(', disposition: 'false positive', why: 'options come from mainWindowOptions(), which sets sandbox: true' },
      { check: 'AUXCLICK_JS_CHECK', files: ['electron/main/gone.ts'], line: 'new BrowserWindow(', disposition: 'mitigated', why: 'an entry for code that no longer exists, to be reported stale' },
    ],
  });

  it('matches by check, file pattern and line text (not line number, not whitespace), and reports the rest', () => {
    const known = finding({ lineNumber: 999 });
    const bundled = finding({ file: 'out/main/index.js', lineText: '\t\tconst win = new BrowserWindow(mainWindowOptions(options.preloadPath,app.isPackaged));' });
    const otherCheck = finding({ check: 'CONTEXT_ISOLATION_JS_CHECK' });
    const otherLine = finding({ lineText: 'const w = new BrowserWindow({ sandbox: false });' });
    const otherFile = finding({ file: 'electron/main/report-pdf.ts' });
    const result = triage(baseline, [known, bundled, otherCheck, otherLine, otherFile]);
    expect(result.known.map(({ finding: f }) => f)).toEqual([known, bundled]);
    expect(result.unreviewed).toEqual([otherCheck, otherLine, otherFile]);
    expect(result.stale.map((entry) => entry.check)).toEqual(['AUXCLICK_JS_CHECK']);
  });

  it('explains parse failures by file pattern; `*` stays within one path segment', () => {
    expect(unexplainedParseErrors(baseline, ['out/renderer/assets/index-Clpuq-7h.js', 'out/main/index.js'])).toEqual(['out/main/index.js']);
    expect(fileMatches('out/*.js', 'out/main/index.js')).toBe(false);
    expect(fileMatches('out/main/index.js', 'out/main/indexXjs')).toBe(false);
  });
});
