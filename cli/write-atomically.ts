import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { withParticle } from '../engine/lab/claims/wording/korean-particles';
import { UsageError } from './cli-io';
import { describeFsError } from './fs-error-text';

/** Writes FILE.tmp, then renames it over FILE, so FILE is never half-written (a killed process leaves the old one or none). */
export function writeAtomically(path: string, data: Buffer): void {
  const temporary = `${path}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write "${path}": ${describeFsError(error, 'en', true)}`, `${withParticle(`"${path}"`, '을/를')} 쓸 수 없습니다: ${describeFsError(error, 'ko', true)}`);
  }
}
