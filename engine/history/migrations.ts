import { encodeCompactJson } from './compact-json';
import type { SqliteDatabase } from './database';
import { HistoryError } from './history-error';

/**
 * The history's schema, as numbered migrations. Migration n brings a database from
 * `PRAGMA user_version` n − 1 to n; each runs in its own transaction, so a database is always at
 * a whole version. Never edit a published migration: add the next one.
 *
 * Tables are STRICT (a value of the wrong type is an error, not silently stored) and JSON columns
 * are checked with json_valid. Child rows hang off `runs.id` with ON DELETE CASCADE.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: runs, tags, step and eval metrics, diagnostics snapshots, final weights.
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    name TEXT NOT NULL,
    spec TEXT NOT NULL CHECK (json_valid(spec)),
    seed INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'stopped', 'diverged', 'failed', 'interrupted')),
    created_at TEXT NOT NULL,
    started_at TEXT,
    ended_at TEXT,
    duration_ms REAL,
    engine_version TEXT NOT NULL,
    dataset TEXT CHECK (dataset IS NULL OR json_valid(dataset)),
    steps_per_epoch INTEGER,
    total_steps INTEGER,
    steps_done INTEGER NOT NULL DEFAULT 0,
    final TEXT CHECK (final IS NULL OR json_valid(final)),
    -- 1 when the trainer's end event was recorded (a replay ends with it); 0 for runs marked
    -- interrupted or failed from outside.
    end_recorded INTEGER NOT NULL DEFAULT 0 CHECK (end_recorded IN (0, 1)),
    message TEXT,
    notes TEXT NOT NULL DEFAULT '',
    -- Not a foreign key: the source may be deleted, or absent from a database the run was imported into.
    source_run_id TEXT,
    owner_instance TEXT,
    owner_pid INTEGER,
    heartbeat_at TEXT,
    -- Derived from spec, dataset and final, for filtering and sorting.
    dataset_name TEXT NOT NULL,
    architecture TEXT,
    activation TEXT NOT NULL,
    init TEXT NOT NULL,
    regularization TEXT NOT NULL,
    final_train_loss REAL,
    final_train_accuracy REAL,
    final_test_loss REAL,
    final_test_accuracy REAL
  ) STRICT;
  CREATE INDEX runs_by_created ON runs (created_at);
  CREATE INDEX runs_by_status ON runs (status, created_at);
  CREATE INDEX runs_by_dataset ON runs (dataset_name, created_at);

  CREATE TABLE run_tags (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    tag TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (run_id, tag)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX run_tags_by_tag ON run_tags (tag);

  CREATE TABLE steps (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    loss REAL NOT NULL,
    data_loss REAL NOT NULL,
    PRIMARY KEY (run_id, step)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE evals (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    train_loss REAL NOT NULL,
    train_accuracy REAL,
    test_loss REAL,
    test_accuracy REAL CHECK (test_accuracy IS NULL OR test_loss IS NOT NULL),
    PRIMARY KEY (run_id, step)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE diagnostics (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    layers TEXT NOT NULL CHECK (json_valid(layers)),
    PRIMARY KEY (run_id, step)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE weights (
    run_id TEXT PRIMARY KEY NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    file TEXT NOT NULL CHECK (json_valid(file))
  ) STRICT;
  `,
  // 2: network snapshots (2-D inputs: decision boundary, neuron thumbnails, weights) and each
  // evaluation's confusion matrix and sample predictions. Snapshots are tens of kilobytes, so
  // their table keeps a rowid (WITHOUT ROWID suits small rows only).
  `
  CREATE TABLE network_snapshots (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
    PRIMARY KEY (run_id, step)
  ) STRICT;

  ALTER TABLE evals ADD COLUMN confusion TEXT CHECK (confusion IS NULL OR json_valid(confusion));
  ALTER TABLE evals ADD COLUMN samples TEXT CHECK (samples IS NULL OR json_valid(samples));
  `,
  // 3: the lab notebook: students' predictions and answers per lab sheet, one JSON value per key
  // (at most 20 KB, checked before writing). Not tied to runs, so deleting a run keeps the
  // answers; updated_at (ISO 8601 UTC) decides which of two entries an import keeps.
  `
  CREATE TABLE lab_notebook (
    sheet_id TEXT NOT NULL CHECK (length(sheet_id) BETWEEN 1 AND 64),
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 128),
    value TEXT NOT NULL CHECK (json_valid(value)),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (sheet_id, key)
  ) STRICT;
  `,
  // 4: notebooks that came in imported files, kept apart from the importer's own (lab_notebook),
  // one per source: the student the file names (or the file itself). A newer file from the same
  // source updates that source's entries only. Existing databases gain the empty tables; entries
  // merged into lab_notebook by earlier versions cannot be told apart and stay where they are.
  `
  CREATE TABLE notebook_sources (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 300),
    student_name TEXT,
    imported_at TEXT NOT NULL,
    file_created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE imported_notebook (
    source_id TEXT NOT NULL REFERENCES notebook_sources (id) ON DELETE CASCADE,
    sheet_id TEXT NOT NULL CHECK (length(sheet_id) BETWEEN 1 AND 64),
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 128),
    value TEXT NOT NULL CHECK (json_valid(value)),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source_id, sheet_id, key)
  ) STRICT;
  CREATE INDEX imported_notebook_by_sheet ON imported_notebook (sheet_id, source_id);
  `,
  // 5: the class. Lab packs a teacher handed out (one row per pack id, its validated content as
  // JSON, replaced by a newer version of the same pack); small settings (the PC's student
  // identity); who made each run and which pack it answers (null for runs from before); and the
  // student and pack an imported hand-in's notebook belongs to.
  `
  CREATE TABLE packs (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    title TEXT NOT NULL,
    class_name TEXT NOT NULL,
    teacher TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    content TEXT NOT NULL CHECK (json_valid(content)),
    content_sha256 TEXT NOT NULL,
    opened_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
    value TEXT NOT NULL CHECK (json_valid(value))
  ) STRICT;

  ALTER TABLE runs ADD COLUMN author_name TEXT;
  ALTER TABLE runs ADD COLUMN author_number TEXT;
  ALTER TABLE runs ADD COLUMN pack_id TEXT;
  CREATE INDEX runs_by_pack ON runs (pack_id, created_at);

  ALTER TABLE notebook_sources ADD COLUMN student_number TEXT;
  ALTER TABLE notebook_sources ADD COLUMN pack_id TEXT;
  `,
  // 6: weights, diagnostics snapshots and network snapshots as compact binary values
  // (compact-json.ts: numeric arrays as typed columns, compressed) instead of JSON text, which
  // took 2–6 MB per MNIST run. Each table is rebuilt (STRICT columns cannot change type) and its
  // rows converted in one INSERT … SELECT through nnlab_compact_json (registerMigrationFunctions),
  // so SQLite streams them; the numbers read back are exactly those of the JSON text. Diagnostics
  // rows are now kilobytes, so that table keeps a rowid too.
  `
  CREATE TABLE diagnostics_v6 (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    layers BLOB NOT NULL CHECK (substr(layers, 1, 4) = X'4E4E4C4A'),
    PRIMARY KEY (run_id, step)
  ) STRICT;
  INSERT INTO diagnostics_v6 (run_id, step, epoch, layers) SELECT run_id, step, epoch, nnlab_compact_json(layers) FROM diagnostics;
  DROP TABLE diagnostics;
  ALTER TABLE diagnostics_v6 RENAME TO diagnostics;

  CREATE TABLE network_snapshots_v6 (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    epoch INTEGER NOT NULL,
    snapshot BLOB NOT NULL CHECK (substr(snapshot, 1, 4) = X'4E4E4C4A'),
    PRIMARY KEY (run_id, step)
  ) STRICT;
  INSERT INTO network_snapshots_v6 (run_id, step, epoch, snapshot) SELECT run_id, step, epoch, nnlab_compact_json(snapshot) FROM network_snapshots;
  DROP TABLE network_snapshots;
  ALTER TABLE network_snapshots_v6 RENAME TO network_snapshots;

  CREATE TABLE weights_v6 (
    run_id TEXT PRIMARY KEY NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    file BLOB NOT NULL CHECK (substr(file, 1, 4) = X'4E4E4C4A')
  ) STRICT;
  INSERT INTO weights_v6 (run_id, file) SELECT run_id, nnlab_compact_json(file) FROM weights;
  DROP TABLE weights;
  ALTER TABLE weights_v6 RENAME TO weights;
  `,
  // 7: seed groups (one spec trained over several seeds, started together, shown as one band);
  // null for a run on its own.
  `
  ALTER TABLE runs ADD COLUMN group_id TEXT;
  CREATE INDEX runs_by_group ON runs (group_id) WHERE group_id IS NOT NULL;
  `,
  // 8: what the class view reads of each class run, computed once per run (its claim's verdict and
  // key number, its thinned loss curve, final metrics, changed settings, and what a comparison
  // check reads of it) instead of decompressing its diagnostics at every opening. \`version\` names
  // the claim checks the facts were computed with: facts of other checks are computed again. Gone
  // with the run (ON DELETE CASCADE).
  `
  CREATE TABLE class_run_facts (
    run_id TEXT PRIMARY KEY NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    facts TEXT NOT NULL CHECK (json_valid(facts))
  ) STRICT;
  `,
  // 9: each step's training time since the run's start (StepEvent.elapsedMs), in whole
  // microseconds (step-times.ts: 3–4 bytes a row where a REAL takes 8). Steps recorded before have
  // none (NULL): their runs' time axis stays an estimate.
  `
  ALTER TABLE steps ADD COLUMN elapsed_us INTEGER CHECK (elapsed_us IS NULL OR elapsed_us >= 0);
  `,
];

/**
 * Defines on this connection the SQL functions migrations call: nnlab_compact_json(text), a JSON
 * text in the compact binary form (migration 6). applyMigrations does it; call it before running
 * MIGRATIONS by hand.
 */
export function registerMigrationFunctions(db: SqliteDatabase): void {
  db.function('nnlab_compact_json', { deterministic: true }, (text: unknown) => encodeCompactJson(JSON.parse(String(text))));
}

/** The first schema version that stores weights and snapshots compactly (migration 6). */
export const COMPACT_STORAGE_VERSION = 6;

/** The schema version this code writes; a database above it is refused. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The database's schema version (`PRAGMA user_version`). */
export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Checks, writing nothing, that this code may migrate and use the database: refuses one newer
 * than SCHEMA_VERSION ('newer-version') and a version-0 database that already has tables, which
 * belongs to some other program ('unknown-database'). Run it before anything that writes (even
 * switching to WAL rewrites the file's header).
 */
export function checkSchemaKnown(db: SqliteDatabase, where: string): void {
  const version = schemaVersion(db);
  if (version > SCHEMA_VERSION) {
    throw new HistoryError(
      'newer-version',
      `the run history ${where} was written by a newer NN Lab (schema version ${version}; this version reads up to ${SCHEMA_VERSION}); update NN Lab, or choose another file with --db — the file was left as it is`,
    );
  }
  if (version === 0) {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    if (tables.length > 0) {
      throw new HistoryError(
        'unknown-database',
        `${where} is an SQLite database but not an NN Lab run history (it has tables ${tables.slice(0, 5).join(', ')}); it was left as it is — choose another file with --db`,
      );
    }
  }
}

/**
 * Brings the database to SCHEMA_VERSION. Each migration runs in an IMMEDIATE transaction that
 * re-reads the version first, so two processes opening a new file at once apply it once.
 */
export function applyMigrations(db: SqliteDatabase): void {
  registerMigrationFunctions(db);
  for (;;) {
    const applied = db.transaction((): boolean => {
      const version = schemaVersion(db);
      if (version >= SCHEMA_VERSION) return false;
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
      return true;
    }).immediate();
    if (!applied) return;
  }
}
