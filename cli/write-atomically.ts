import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { messageOf } from '../engine/api/error-message';
import { UsageError } from './cli-io';

/** Writes FILE.tmp, then renames it over FILE, so FILE is never half-written (a killed process leaves the old one or none). */
export function writeAtomically(path: string, data: Buffer): void {
  const temporary = `${path}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write "${path}": ${messageOf(error)}`);
  }
}
