/**
 * Text and numbers written into generated Python. Anything that came from a spec (a run's name,
 * someone else's file) reaches the program only through `pyString`, so no name can end a string,
 * open a docstring or start a line of code.
 */

/** Characters that show as themselves: letters, marks, digits, punctuation, symbols and the plain space. */
const SHOWN = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/**
 * A double-quoted Python string literal of `text`. Backslash and quote are escaped; every
 * character that does not show (controls, line breaks, bidi overrides, format characters, lone
 * surrogates) becomes a \u or \U escape, so the literal is one line whatever `text` holds.
 */
export function pyString(text: string): string {
  let out = '"';
  for (const char of text) {
    if (char === '\\' || char === '"') out += `\\${char}`;
    else if (SHOWN.test(char) && !isBidiControl(char)) out += char;
    else out += escapeCodePoint(char.codePointAt(0)!);
  }
  return `${out}"`;
}

/** A Python float literal that reads back as exactly `value` (finite numbers only). */
export function pyNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} into a Python program: numbers in a spec are finite`);
  if (Object.is(value, -0)) return '-0.0';
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** A Python list of numbers (nested lists for matrices), one row per line when it has rows. */
export function pyNumbers(values: readonly number[] | readonly (readonly number[])[], indent = ''): string {
  if (values.length > 0 && Array.isArray(values[0])) {
    const rows = (values as readonly (readonly number[])[]).map((row) => `${indent}    ${pyNumbers(row)},`);
    return `[\n${rows.join('\n')}\n${indent}]`;
  }
  return `[${(values as readonly number[]).map(pyNumber).join(', ')}]`;
}

/** Markdown text with nothing that Markdown or HTML would read as markup (for notebook cells). */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~<>&]/g, (char) => (char === '<' ? '&lt;' : char === '>' ? '&gt;' : char === '&' ? '&amp;' : `\\${char}`));
}

function isBidiControl(char: string): boolean {
  return /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(char);
}

function escapeCodePoint(code: number): string {
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
}
