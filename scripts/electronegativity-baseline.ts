import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The reviewed electronegativity findings (electronegativity-baseline.json) and how a scan's
 * findings are matched against them. Pure apart from reading the file, so
 * test/electron/electronegativity-baseline.test.ts checks the matching without running the tool.
 *
 * A finding is identified by its check, its file and the text of the line it points at (never the
 * line number: that moves with every edit and every build). A baseline entry names the check,
 * the files (`*` matches within one path segment: bundle names carry a hash) and a piece of the
 * flagged line, and says what was decided and why.
 */

const Why = z.string().min(20, 'say why, in a sentence');

const FindingEntry = z.object({
  check: z.string().regex(/^[A-Z0-9_]+$/, 'a check ID as electronegativity prints it'),
  files: z.array(z.string().min(1)).min(1),
  /** A piece of the flagged line's text (whitespace-insensitive). */
  line: z.string().min(1),
  disposition: z.enum(['false positive', 'mitigated', 'accepted', 'fix requested']),
  why: Why,
});

const BaselineSchema = z.object({
  /** Folders scanned, relative to the repository root. */
  scans: z.array(z.string().min(1)).min(1),
  /** Checks not run, each with the reason (electronegativity's class names, as -x takes them). */
  excludedChecks: z.array(z.object({ check: z.string().regex(/^[A-Za-z]+Check$/), why: Why })),
  findings: z.array(FindingEntry),
  /** Files the tool cannot parse (so it checks nothing in them), and what covers them instead. */
  unparsed: z.array(z.object({ file: z.string().min(1), why: Why })),
});

export type Baseline = z.infer<typeof BaselineSchema>;
export type BaselineEntry = z.infer<typeof FindingEntry>;

/** One finding of a scan, with its file relative to the repository root ('/' separators). */
export interface Finding {
  check: string;
  file: string;
  lineNumber: number;
  /** The text of the flagged line ('' when the file cannot be read, e.g. a global check's "N/A"). */
  lineText: string;
  severity: string;
  confidence: string;
  description: string;
}

export interface Triage {
  /** Findings the baseline explains, with the entry that does. */
  known: { finding: Finding; entry: BaselineEntry }[];
  /** Findings nobody has reviewed yet: fix them, or explain them in the baseline. */
  unreviewed: Finding[];
  /** Baseline entries no finding matched any more: the code changed; remove them. */
  stale: BaselineEntry[];
}

export function parseBaseline(json: unknown): Baseline {
  return BaselineSchema.parse(json);
}

export function loadBaseline(path: string): Baseline {
  return parseBaseline(JSON.parse(readFileSync(path, 'utf8')));
}

/** Glob with `*` = any run of characters except '/'; everything else literal. */
export function fileMatches(pattern: string, file: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${source}$`).test(file);
}

const squash = (text: string): string => text.replace(/\s+/g, '');

export function entryMatches(entry: BaselineEntry, finding: Finding): boolean {
  return entry.check === finding.check && entry.files.some((pattern) => fileMatches(pattern, finding.file)) && squash(finding.lineText).includes(squash(entry.line));
}

/** Sorts a scan's findings into explained and unreviewed, and finds entries that explain nothing now. */
export function triage(baseline: Baseline, findings: Finding[]): Triage {
  const known: Triage['known'] = [];
  const unreviewed: Finding[] = [];
  const used = new Set<BaselineEntry>();
  for (const finding of findings) {
    const entry = baseline.findings.find((candidate) => entryMatches(candidate, finding));
    if (entry === undefined) {
      unreviewed.push(finding);
    } else {
      known.push({ finding, entry });
      used.add(entry);
    }
  }
  return { known, unreviewed, stale: baseline.findings.filter((entry) => !used.has(entry)) };
}

/** Parse failures the baseline does not explain (file patterns as for findings). */
export function unexplainedParseErrors(baseline: Baseline, files: string[]): string[] {
  return files.filter((file) => !baseline.unparsed.some((entry) => fileMatches(entry.file, file)));
}
