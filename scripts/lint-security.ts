/**
 * `npm run lint:security`: @doyensec/electronegativity over the Electron sources (electron/) and
 * the built app (out/, `npm run build` first), as an advisory second opinion. The gate is our own
 * tests (test/electron); this script prints every finding next to its reviewed disposition in
 * electronegativity-baseline.json and lists what nobody has reviewed yet.
 *
 * `--verbose` adds what the tool says of each reviewed finding.
 * Exit code: 0 whatever the tool finds (advisory; `--strict` makes unreviewed findings and stale
 * baseline entries fail), 1 when the scan itself cannot run. Not part of `npm test`.
 *
 * Offline by construction: the tool's two network uses (fresh translations, and Electron's release
 * list for AvailableSecurityFixesGlobalCheck) are cut off below, so it never tries to go online.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBaseline, triage, unexplainedParseErrors, type Finding } from './electronegativity-baseline';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BASELINE = join(root, 'electronegativity-baseline.json');
const strict = process.argv.includes('--strict');

/** What electronegativity's programmatic run (dist/runner.js) returns when given no output file. */
interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  severity: { name: string };
  confidence: { name: string };
}
interface RawResult {
  issues: RawIssue[];
  errors: { file: string; message: string; tolerable: boolean }[];
}
type Run = (options: Record<string, unknown>) => Promise<RawResult>;

const require = createRequire(import.meta.url);

/** Replaces the tool's HTTP client with one that fails at once: the scan never goes online. */
function cutOffNetwork(): void {
  const toolRequire = createRequire(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = toolRequire.resolve('got');
  const offline = Object.assign(() => Promise.reject(new Error('offline: lint:security makes no network requests')), { __esModule: true });
  Object.assign(offline, { default: offline, head: offline });
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = offline;
  require.cache[gotPath] = stub;
  // The tool prints this each time the (cut-off) translation download fails; its bundled English texts are used.
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (args[0] !== 'Could not retrieve updated translations for the current locale') log(...args);
  };
}

function lineOf(file: string, lineNumber: number): string {
  try {
    return readFileSync(join(root, file), 'utf8').split(/\r?\n/)[lineNumber - 1] ?? '';
  } catch {
    return '';
  }
}

const fromRoot = (file: string): string => (isAbsolute(file) ? relative(root, file) : file).replaceAll('\\', '/');

async function main(): Promise<number> {
  const baseline = loadBaseline(BASELINE);
  const missing = baseline.scans.filter((dir) => !existsSync(join(root, dir)));
  if (missing.length > 0) {
    console.error(`lint:security: ${missing.join(', ')} not found; run "npm run build" first.`);
    return 1;
  }
  cutOffNetwork();
  const run = require('@doyensec/electronegativity') as Run;
  const electronVersion = (require('electron/package.json') as { version: string }).version;

  const findings: Finding[] = [];
  const parseErrors: { file: string; message: string }[] = [];
  for (const dir of baseline.scans) {
    const result = await run({
      input: join(root, dir),
      isRelative: false,
      electronVersionOverride: electronVersion,
      customScan: [],
      excludeFromScan: baseline.excludedChecks.map((excluded) => excluded.check),
      parserPlugins: [],
    });
    for (const issue of result.issues) {
      const file = fromRoot(issue.file);
      findings.push({
        check: issue.id,
        file,
        lineNumber: issue.location.line,
        lineText: lineOf(file, issue.location.line),
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        description: issue.description,
      });
    }
    parseErrors.push(...result.errors.map((error) => ({ file: fromRoot(error.file), message: error.message })));
  }

  const { known, unreviewed, stale } = triage(baseline, findings);
  const unexplained = unexplainedParseErrors(baseline, parseErrors.map((error) => error.file));
  console.log(`\nelectronegativity ${baseline.scans.join(' + ')} (Electron ${electronVersion}): ${findings.length} finding(s), ${known.length} reviewed, ${unreviewed.length} not reviewed`);
  for (const { finding, entry } of known) console.log(`  reviewed  ${finding.check} ${finding.file}:${finding.lineNumber} — ${entry.disposition}${process.argv.includes("--verbose") ? ` (the tool says: ${finding.description})` : ""}`);
  for (const finding of unreviewed) {
    console.log(`  NEW       ${finding.check} ${finding.file}:${finding.lineNumber} [${finding.severity}/${finding.confidence}] ${finding.description}`);
  }
  for (const error of parseErrors) console.log(`  unparsed  ${error.file}: ${error.message} — ${unexplained.includes(error.file) ? 'NOT in the baseline' : 'see baseline'}`);
  for (const entry of stale) console.log(`  stale     baseline entry ${entry.check} (${entry.files.join(', ')}) matches nothing now: remove it`);
  for (const excluded of baseline.excludedChecks) console.log(`  skipped   ${excluded.check}`);
  if (unreviewed.length > 0 || unexplained.length > 0) console.log('Review each NEW finding: fix it, or explain it in electronegativity-baseline.json.');
  return strict && (unreviewed.length > 0 || unexplained.length > 0 || stale.length > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('lint:security: the scan could not run:', error);
    process.exit(1);
  },
);
