import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Result } from 'axe-core';

/** WCAG 2.0 and 2.1, levels A and AA: what issue 15 holds every screen to. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/**
 * axe marks this WCAG 2.5.3 rule experimental and leaves it out of its tags; issue 15 found the
 * language button by it (its name did not contain the text it shows), so it runs here too.
 */
const ALSO = { 'label-content-name-mismatch': { enabled: true } };
/** A screen may ship with moderate or minor findings, never with these. */
const BLOCKING = new Set(['critical', 'serious']);

/** One screen's axe findings: every violation (for the counts) and the blocking ones, readable. */
export interface ScreenCheck {
  screen: string;
  counts: Record<'critical' | 'serious' | 'moderate' | 'minor', number>;
  /** The rules violated, with their impact (for the table). */
  rules: string[];
  blocking: Result[];
}

/** Runs axe on the page as it is now, over everything on it (the whole document, no exclusions). */
export async function checkScreen(page: Page, screen: string): Promise<ScreenCheck> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).options({ rules: ALSO }).analyze();
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const violation of results.violations) {
    const impact = (violation.impact ?? 'minor') as keyof typeof counts;
    counts[impact] += violation.nodes.length;
  }
  const rules = results.violations.map((v) => `${v.id} (${v.impact})`);
  return { screen, counts, rules, blocking: results.violations.filter((v) => BLOCKING.has(v.impact ?? '')) };
}

/** The blocking violations of a check, one rule a paragraph, each failing node with its selector and axe's explanation. */
export function describeBlocking(check: ScreenCheck): string {
  return check.blocking
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    ${node.target.join(' ')}\n      ${node.html.slice(0, 200)}\n      ${node.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`);
      return `[${violation.impact}] ${violation.id}: ${violation.help} (${violation.nodes.length})\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** A line of the per-screen table printed at the end: counts of affected nodes by impact. */
export function countLine(check: ScreenCheck): string {
  const { critical, serious, moderate, minor } = check.counts;
  return `${check.screen.padEnd(44)} critical ${critical}  serious ${serious}  moderate ${moderate}  minor ${minor}  ${check.rules.join(', ')}`;
}
