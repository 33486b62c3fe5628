/**
 * A CSV as saved to a file: with a UTF-8 byte order mark, so Excel on Windows (the lab PCs)
 * reads Korean run names as Korean rather than as mojibake. Other programs skip the mark. The
 * app's export and `nnlab runs export --csv --out FILE` both write it.
 */
export function csvForSpreadsheets(csv: string): string {
  return csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`;
}
