import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// No test may touch the user's own run history: commands that fall back to the default database
// (and the child processes tests spawn, which inherit the environment) get a throwaway one,
// removed after the file's tests (one folder per test file would otherwise pile up in the temp folder).
const folder = mkdtempSync(join(tmpdir(), 'nnlab-test-db-'));
process.env.NNLAB_DB = join(folder, 'default.db');
afterAll(() => rmSync(folder, { recursive: true, force: true }));
