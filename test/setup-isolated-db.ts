import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// No test may touch the user's own run history: commands that fall back to the default database
// (and the child processes tests spawn, which inherit the environment) get a throwaway one.
process.env.NNLAB_DB = join(mkdtempSync(join(tmpdir(), 'nnlab-test-db-')), 'default.db');
