/**
 * Text put into HTML (the lab report's file, chart tooltips) as text, never as markup: a run's
 * name or a student's answer can hold `<`, `&` or quotes.
 */

/**
 * How an escaped character is written: named (`&lt;`, the lab report's spelling) or numeric
 * (`&#60;`, the compare tooltips' spelling). A browser reads both as the same character.
 */
export type EntityStyle = 'named' | 'numeric';

const NAMED: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or a quoted attribute value: & < > " ' escaped, everything else as it is. */
export function escapeHtml(text: string, style: EntityStyle = 'named'): string {
  return text.replace(/[&<>"']/g, (c) => (style === 'named' ? NAMED[c]! : `&#${c.charCodeAt(0)};`));
}
