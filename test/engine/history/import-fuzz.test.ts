import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError, exportRuns, importRuns } from '../../../engine/history/run-file';
import type { RunHistory } from '../../../engine/history/run-history';
import { circleSpec, openTemp, recordRun, tempDir } from './history-helpers';

/**
 * Import fuzzing: valid export files, mutated at every layer — the gzip bytes, the JSON text, the
 * parsed structure (fields deleted, retyped, set to huge or hostile values, runs and ids
 * duplicated) — are imported into a history that already holds runs and notebook entries.
 * Properties: an import either succeeds whole or throws ImportError and leaves the database as it
 * was; nothing else is ever thrown (no TypeError, RangeError, raw SqliteError); the prototype of
 * every object stays clean; and valid files still import. The seed is fixed, so a failure
 * reproduces; fast-check prints the shrunk mutation.
 */

const SEED = 20250314;
/** Each case parses, re-hashes, re-packs and imports the whole file: about 5 s for the three layers on the idle two-core build machine. */
const RUNS_PER_LAYER = { bytes: 150, text: 120, structure: 300 } as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fuzzer reaches into arbitrary paths of the file
type AnyJson = any;
type Path = (string | number)[];

/** A small but complete export (format 3): two runs with every series, snapshots and weights, and notebook entries. */
function validFile(): { file: Buffer; ids: string[] } {
  const source = openTemp({ instanceId: 'student' });
  const ids = [
    recordRun(source, circleSpec({ seed: 1, training: { batchSize: 50, epochs: 1 }, diagnostics: { every: 2, bins: 4 } }), { name: 'first' }).id,
    recordRun(source, circleSpec({ seed: 2, layers: [{ units: 3, activation: 'relu', batchNorm: true, dropout: 0.1 }, { units: 2, activation: 'softmax' }], training: { batchSize: 50, epochs: 1 } })).id,
  ];
  source.setTags(ids[0]!, ['week 3']);
  source.setNotes(ids[1]!, 'dropout, "quoted", 한국어');
  source.setNotebookEntry('lab-03', 'q1', { choice: 'relu' });
  source.setNotebookEntry('lab-03', 'q2', 'the gradient vanishes');
  return { file: exportRuns(source, ids, { withNotebook: true }), ids };
}

/**
 * Histories that already hold a run and a notebook entry (imports must merge into them or leave
 * them alone): each one a copy of one recorded file, so a fresh one after each accepted import is cheap.
 */
function targetHistories(): () => RunHistory {
  const template = openTemp({ instanceId: 'teacher' });
  recordRun(template, circleSpec({ seed: 9, training: { batchSize: 50, epochs: 1 } }));
  template.setNotebookEntry('lab-03', 'q1', { choice: 'sigmoid' });
  template.close();
  return () => {
    const path = join(tempDir(), 'teacher.sqlite');
    copyFileSync(template.path, path);
    return openTemp({ instanceId: 'teacher' }, path);
  };
}

const TABLES = ['runs', 'run_tags', 'steps', 'evals', 'diagnostics', 'network_snapshots', 'weights', 'lab_notebook'] as const;

/** Everything an import could change, cheaply: each table's row count, the runs' ids and the notebook, read by a connection of its own. */
function contentOf(history: RunHistory): unknown {
  const db = new Database(history.path, { readonly: true });
  try {
    return {
      counts: TABLES.map((table) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()),
      runs: db.prepare('SELECT id, name, status, notes FROM runs ORDER BY id').all(),
      notebook: db.prepare('SELECT * FROM lab_notebook ORDER BY sheet_id, key').all(),
    };
  } finally {
    db.close();
  }
}

/** Packs JSON as an export file, with the payload's checksum made to match (or left stale). */
function pack(json: AnyJson, rehash: boolean): Buffer {
  if (rehash && json !== null && typeof json === 'object' && !Array.isArray(json) && 'payload' in json) {
    json.payloadSha256 = sha256(JSON.stringify(json.payload) ?? '');
  }
  return gzip(JSON.stringify(json) ?? 'undefined');
}

/** Fastest compression: the import reads any level, and the fuzzer packs a file per case. */
function gzip(text: string): Buffer {
  return gzipSync(Buffer.from(text), { level: 1 });
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Every path in the JSON tree (objects' keys and arrays' indexes), the root excluded. */
function pathsOf(value: AnyJson, path: Path = [], out: Path[] = []): Path[] {
  if (value !== null && typeof value === 'object') {
    for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
      const child = [...path, key];
      out.push(child);
      pathsOf(value[key], child, out);
    }
  }
  return out;
}

function parentOf(root: AnyJson, path: Path): { parent: AnyJson; key: string | number } | null {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !(key in node)) return null;
    node = node[key];
  }
  return node !== null && typeof node === 'object' ? { parent: node, key: path.at(-1)! } : null;
}

/** Values an attacker or a broken tool might put anywhere. */
const HOSTILE_VALUES: readonly unknown[] = [
  null, true, false, 0, -0, -1, 0.5, 1.5, 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324, 1e-320,
  '', ' ', '0', 'NaN', 'Infinity', '\u0000', '\ud800', 'x'.repeat(70_000), '__proto__', '../../etc/passwd', "'; DROP TABLE runs; --",
  '2025-13-45T99:99:99.999Z', '00000000-0000-0000-0000-000000000000', [], {}, [null], Array(5_000).fill(0), Array(2_000).fill('x'),
  JSON.parse('{"__proto__": {"polluted": true}}'), JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  // Deeper than any export file nests (the text layer below goes to 100,000 levels).
  JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`),
];

/** A hostile value by its index (so a failing case prints short), or random JSON. */
const hostileValue = fc.oneof(
  fc.nat(HOSTILE_VALUES.length - 1).map((index) => ({ hostile: index })),
  fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json })),
);

function valueOf(choice: { hostile: number } | { json: unknown }): unknown {
  return structuredClone('hostile' in choice ? HOSTILE_VALUES[choice.hostile] : choice.json);
}

type StructuralMutation =
  | { kind: 'set'; at: number; value: { hostile: number } | { json: unknown } }
  | { kind: 'delete'; at: number }
  | { kind: 'retype'; at: number }
  | { kind: 'duplicate-element'; at: number }
  | { kind: 'add-key'; at: number; key: string; value: { hostile: number } | { json: unknown } }
  | { kind: 'copy-run-id'; from: number; to: number }
  | { kind: 'duplicate-run'; index: number };

const structuralMutation: fc.Arbitrary<StructuralMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retype' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-element' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), key: fc.constantFrom('__proto__', 'constructor', 'extra', 'id', ''), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('copy-run-id' as const), from: fc.nat(1), to: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-run' as const), index: fc.nat(1) }) },
);

/** Applies a mutation; `paths` are the unmutated file's (a path a previous mutation removed is skipped). */
function applyStructural(json: AnyJson, paths: readonly Path[], mutation: StructuralMutation): void {
  const runs = json.payload?.runs;
  if (mutation.kind === 'copy-run-id') {
    if (Array.isArray(runs) && runs[mutation.from] && runs[mutation.to]) runs[mutation.to].id = runs[mutation.from].id;
    return;
  }
  if (mutation.kind === 'duplicate-run') {
    if (Array.isArray(runs) && runs[mutation.index] !== undefined) runs.push(structuredClone(runs[mutation.index]));
    return;
  }
  const path = paths[mutation.at % paths.length]!;
  const found = parentOf(json, path);
  if (found === null) return;
  const { parent, key } = found;
  switch (mutation.kind) {
    case 'set':
      parent[key] = valueOf(mutation.value);
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case 'retype':
      parent[key] = retyped(parent[key]);
      break;
    case 'duplicate-element':
      if (Array.isArray(parent)) parent.splice(Number(key), 0, structuredClone(parent[Number(key)]));
      break;
    case 'add-key': {
      const target = parent[key];
      // Defined as an own property, as JSON.parse would make it (a plain assignment to
      // "__proto__" would set the prototype instead).
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, mutation.key, { value: valueOf(mutation.value), enumerable: true, configurable: true, writable: true });
      }
      break;
    }
  }
}

/** The same information in the wrong type: "0.5" for 0.5, 1 for "1", {…} for […]. */
function retyped(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : [value];
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  if (value !== null && typeof value === 'object') return Object.values(value);
  return 'null';
}

type ByteMutation = { kind: 'flip'; at: number; bit: number } | { kind: 'truncate'; at: number } | { kind: 'insert'; at: number; bytes: Uint8Array };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
);

function applyBytes(data: Buffer, mutations: readonly ByteMutation[]): Buffer {
  let bytes = Buffer.from(data);
  for (const m of mutations) {
    const at = m.at % Math.max(1, bytes.length);
    if (m.kind === 'flip') bytes[at] = bytes[at]! ^ (1 << m.bit);
    else if (m.kind === 'truncate') bytes = bytes.subarray(0, at);
    else bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
  }
  return bytes;
}

type TextMutation = { kind: 'number'; at: number; literal: string } | { kind: 'cut'; at: number } | { kind: 'insert'; at: number; text: string } | { kind: 'nest'; at: number; depth: number };

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  // Numbers JSON.parse turns into Infinity, 0, or a rounded value.
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), literal: fc.constantFrom('1e400', '-1e400', '1e-400', '123456789012345678901234567890', '-0', '0.1e1', '1E2') }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(',', '{', ']', '"', '\\', 'null', '\u0000', '\ud83d', ',"extra":1', '[[[[[[[[') }),
  // A value nested deeper than any recursive walk (JSON.stringify, a validator) can follow.
  fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), depth: fc.constantFrom(40, 100, 100_000) }),
);

/** Mutates the payload's JSON text; the checksum is made to match what the import will compute, when the text still parses. */
function applyText(json: AnyJson, mutation: TextMutation): Buffer {
  let payload = JSON.stringify(json.payload);
  if (mutation.kind === 'number' || mutation.kind === 'nest') {
    const literal = mutation.kind === 'number' ? mutation.literal : `${'['.repeat(mutation.depth)}${']'.repeat(mutation.depth)}`;
    const numbers = [...payload.matchAll(/(?<=[:,[])-?\d+(\.\d+)?([eE][-+]?\d+)?(?=[,\]}])/g)];
    const target = numbers[mutation.at % Math.max(1, numbers.length)];
    if (target?.index !== undefined) payload = payload.slice(0, target.index) + literal + payload.slice(target.index + target[0].length);
  } else {
    const at = mutation.at % payload.length;
    payload = mutation.kind === 'cut' ? payload.slice(0, at) : payload.slice(0, at) + mutation.text + payload.slice(at);
  }
  let hash = json.payloadSha256 as string;
  try {
    hash = sha256(JSON.stringify(JSON.parse(payload)));
  } catch {
    // Not JSON any more, or too deep to write back: the import must say so, whatever the checksum.
  }
  const { payload: _old, ...header } = json;
  return gzip(`${JSON.stringify({ ...header, payloadSha256: hash }).slice(0, -1)},"payload":${payload}}`);
}

/**
 * One import of a mutated file. Refused: ImportError only, the history unchanged. Accepted: it
 * stored exactly the runs it reports, each readable in full. Returns whether it was accepted.
 */
function importChecked(target: RunHistory, bytes: Buffer): boolean {
  const before = contentOf(target);
  let result: ReturnType<typeof importRuns>;
  try {
    result = importRuns(target, bytes);
  } catch (error) {
    if (!(error instanceof ImportError)) throw new Error(`the import threw ${(error as Error)?.name ?? typeof error} instead of ImportError: ${(error as Error)?.stack ?? String(error)}`);
    expect(error.message).toMatch(/^this (file|is)/);
    expect(contentOf(target)).toEqual(before);
    return false;
  } finally {
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  }
  const stored = new Set(target.listRuns().map((r) => r.id));
  for (const id of result.imported) {
    expect(stored.has(id)).toBe(true);
    expect(target.recordedEvents(id).length).toBeGreaterThan(0);
  }
  return true;
}

describe('import fuzzing (fast-check, fixed seed)', () => {
  it('valid files import, in full, including into a history that has runs', () => {
    const { file, ids } = validFile();
    const targetHistory = targetHistories();
    const target = targetHistory();
    expect(importRuns(target, file).imported).toEqual(ids);
    // Re-packed without a change (a different gzip stream, the same content): still valid.
    const again = targetHistory();
    expect(importRuns(again, pack(JSON.parse(gunzipSync(file).toString('utf8')), true)).imported).toEqual(ids);
  });

  it('bytes flipped, cut or inserted anywhere in the gzip file: ImportError and nothing stored, or the whole file', () => {
    const { file } = validFile();
    const targetHistory = targetHistories();
    let target = targetHistory();
    let refused = 0;
    fc.assert(
      fc.property(fc.array(byteMutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const bytes = applyBytes(file, mutations);
        fc.pre(!bytes.equals(file));
        // The gzip header's time stamp and OS byte are outside its CRC: such a flip changes nothing that matters.
        if (importChecked(target, bytes)) target = targetHistory();
        else refused += 1;
      }),
      { seed: SEED, numRuns: RUNS_PER_LAYER.bytes },
    );
    expect(refused).toBeGreaterThan(RUNS_PER_LAYER.bytes / 2);
  });

  it('the JSON text cut, broken or given huge numbers (checksum matching): ImportError or a whole import, never a partial one', () => {
    const json = JSON.parse(gunzipSync(validFile().file).toString('utf8'));
    const targetHistory = targetHistories();
    let target = targetHistory();
    fc.assert(
      fc.property(textMutation, (mutation) => {
        if (importChecked(target, applyText(json, mutation))) target = targetHistory();
      }),
      { seed: SEED, numRuns: RUNS_PER_LAYER.text },
    );
  });

  it('fields deleted, retyped, set to huge or hostile values, runs and ids duplicated: ImportError or a whole import, never a crash or a partial import', () => {
    const { file } = validFile();
    const text = gunzipSync(file).toString('utf8');
    const paths = pathsOf(JSON.parse(text));
    const targetHistory = targetHistories();
    let target = targetHistory();
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(structuralMutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (mutations, staleChecksum) => {
        const json = JSON.parse(text);
        for (const mutation of mutations) applyStructural(json, paths, mutation);
        if (importChecked(target, pack(json, !staleChecksum))) {
          accepted += 1;
          target = targetHistory();
        }
      }),
      { seed: SEED, numRuns: RUNS_PER_LAYER.structure },
    );
    // Some mutations leave a valid file (a new name, a tag): those must have imported.
    expect(accepted).toBeGreaterThan(0);
  });
});
