/**
 * Text that came from someone else's file (run names, notes, tags, notebook answers, activation
 * names) may carry characters that act instead of showing: terminal escapes (ESC, BEL, CR, the C1
 * controls) that erase lines, fake output or set a window title, and bidirectional overrides that
 * reorder what the reader sees. plainText keeps only characters that show, so the same string is
 * safe on a terminal, in a table cell and in a chart label.
 */

// C0 controls but tab and line feed, DEL, the C1 block; bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEVER_SHOWN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu;
const LINE_BREAKS = /[\t\n]/gu;

/**
 * `text` with every control and bidi-override character removed; `multiline` keeps line feeds
 * and tabs (notes, answers), otherwise they become spaces (names, tags, labels).
 */
export function plainText(text: string, options: { multiline?: boolean } = {}): string {
  const shown = text.replace(NEVER_SHOWN, '');
  return options.multiline ? shown : shown.replace(LINE_BREAKS, ' ');
}

/** Whether `text` has characters plainText would remove or change. */
export function hasHiddenCharacters(text: string, options: { multiline?: boolean } = {}): boolean {
  return plainText(text, options) !== text;
}
