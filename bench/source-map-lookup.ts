/**
 * Where a position in a built script came from, read from the script's source map (version 3),
 * so the UI section's CPU profile names `renderer/src/lib/charts/chart-queue.ts:42` instead of a
 * line of the bundle. Small on purpose: the bench needs one lookup per profiled function, not a
 * source-map library.
 */

/** One mapped stretch of a generated line: from this column on, it is this source's line. */
interface Segment {
  column: number;
  source: number;
  line: number;
}

/** A source map's answer: the original file (as the map names it, relative to the repository when possible) and 1-based line. */
export interface OriginalPosition {
  source: string;
  line: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** The numbers of one segment ("AAAA,…" → [0, 0, 0, 0]). */
export function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`not a base64 digit in a source map's mappings: "${char}"`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** A parsed source map: look up a 0-based generated line and column. */
export class SourceMapLookup {
  private readonly lines: Segment[][];

  constructor(private readonly sources: readonly string[], mappings: string) {
    // The fields are relative to the previous segment's (the column only within its line).
    let source = 0;
    let line = 0;
    this.lines = mappings.split(';').map((generatedLine) => {
      let column = 0;
      const segments: Segment[] = [];
      for (const text of generatedLine.split(',')) {
        if (text === '') continue;
        const fields = decodeVlq(text);
        column += fields[0]!;
        if (fields.length < 4) continue;
        source += fields[1]!;
        line += fields[2]!;
        segments.push({ column, source, line });
      }
      return segments;
    });
  }

  /** Parses a source map's JSON text; `sourceRoot` is applied, and paths lose their leading "../". */
  static parse(json: string): SourceMapLookup {
    const map = JSON.parse(json) as { version?: number; sources?: string[]; sourceRoot?: string; mappings?: string };
    if (map.version !== 3 || !Array.isArray(map.sources) || typeof map.mappings !== 'string') {
      throw new Error('not a version 3 source map (version, sources and mappings are required)');
    }
    const root = map.sourceRoot ?? '';
    return new SourceMapLookup(
      map.sources.map((s) => `${root}${s}`.replace(/^(\.\.\/)+/, '')),
      map.mappings,
    );
  }

  /** The original position of a generated 0-based line and column, or null where nothing maps. */
  originalPosition(line: number, column: number): OriginalPosition | null {
    const segments = this.lines[line];
    if (segments === undefined || segments.length === 0) return null;
    let found: Segment | null = null;
    for (const segment of segments) {
      if (segment.column > column) break;
      found = segment;
    }
    // A function's position may sit just before its line's first mapping (its indentation).
    found ??= segments[0]!;
    return { source: this.sources[found.source] ?? '?', line: found.line + 1 };
  }
}
